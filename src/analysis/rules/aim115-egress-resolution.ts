import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { addTo, labels, pushTo, rec, recs, str, strs } from '../private/json';
import { MeshKnowledge, normalizeHost, parseGatewayRef } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

const SECTIONS = ['http', 'tcp', 'tls'] as const;

/** Namespace -> names of the Istio Gateways that select an egress gateway of the profile. */
function egressGatewaysOf(index: ManifestIndex, mesh: MeshKnowledge): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
    if (mesh.egressNamespaceOfSelector(labels(gw.spec.selector)) === undefined) continue;
    addTo(out, gw.ref.namespace ?? '', gw.ref.name);
  }
  return out;
}

/** True when a route (not a mirror) of the VirtualService goes to an egress gateway's Service. */
function routesToEgress(vs: IndexedObject, mesh: MeshKnowledge): boolean {
  for (const section of SECTIONS) {
    for (const rule of recs(vs.spec[section])) {
      for (const route of recs(rule.route)) {
        if (mesh.isEgressService(normalizeHost(str(rec(route.destination)?.host) ?? '', vs.ref.namespace))) return true;
      }
    }
  }
  return false;
}

/** True when one of the hosts is a key of `byHost` (a loop, not `some`: no closure per VirtualService). */
function hasAny(byHost: ReadonlyMap<string, unknown>, hosts: readonly string[]): boolean {
  for (const h of hosts) if (byHost.has(h)) return true;
  return false;
}

/**
 * AIM115: a ServiceEntry whose host is routed through an egress gateway must have `resolution: DNS`.
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-egress
 */
export const EgressResolution: MeshRule = {
  code: 'AIM115',
  severity: Severity.ERROR,
  explanation: 'AKS egress gateways only support ServiceEntries with resolution DNS for the hosts they carry.',
  fix: 'set resolution: DNS on the ServiceEntry',
  check: (index, context) => {
    // Only a ServiceEntry without resolution DNS can be reported: index those by host, and look at the
    // VirtualServices (their gateways and routes) only for a host one of them has. Usually there is none.
    const byHost = new Map<string, IndexedObject[]>();
    for (const se of index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) {
      if (str(se.spec.resolution) === 'DNS') continue;
      for (const h of strs(se.spec.hosts)) pushTo(byHost, h, se);
    }
    if (byHost.size === 0) return [];
    const mesh = new MeshKnowledge(context);
    let egressGateways: Map<string, Set<string>> | undefined;
    const reported = new Set<IndexedObject>();
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const hosts = strs(vs.spec.hosts);
      if (!hasAny(byHost, hosts)) continue;
      egressGateways ??= egressGatewaysOf(index, mesh);
      const gateways = egressGateways;
      const viaGateway = strs(vs.spec.gateways).some(ref => {
        const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
        return gateways.get(ns ?? '')?.has(name) === true;
      });
      if (!viaGateway && !routesToEgress(vs, mesh)) continue;
      for (const host of hosts) {
        for (const se of byHost.get(host) ?? []) {
          if (reported.has(se)) continue;
          reported.add(se);
          out.push({ target: se, message: `${describeObject(se.ref)} host "${host}" is routed through an egress gateway by ${describeObject(vs.ref)}, but its resolution is ${str(se.spec.resolution) ?? 'NONE'}, not DNS` });
        }
      }
    }
    return out;
  },
};
