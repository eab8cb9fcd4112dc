import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { at, labels, pushTo, recs, str, strs } from '../private/json';
import { MeshKnowledge, normalizeHost, parseGatewayRef } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

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
    const mesh = new MeshKnowledge(context);
    const egressGateways = new Set<string>();
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      if (mesh.egressNamespaceOfSelector(labels(gw.spec.selector)) !== undefined) egressGateways.add(`${gw.ref.namespace ?? ''}/${gw.ref.name}`);
    }
    const byHost = new Map<string, IndexedObject[]>();
    for (const se of index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) {
      for (const h of strs(se.spec.hosts)) pushTo(byHost, h, se);
    }
    const reported = new Set<IndexedObject>();
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const viaGateway = strs(vs.spec.gateways).some(ref => {
        const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
        return egressGateways.has(`${ns ?? ''}/${name}`);
      });
      const toEgress = ['http', 'tcp', 'tls'].flatMap(k => recs(vs.spec[k])).flatMap(r => recs(r.route))
        .some(d => mesh.isEgressService(normalizeHost(str(at(d, 'destination', 'host')) ?? '', vs.ref.namespace)));
      if (!viaGateway && !toEgress) continue;
      for (const host of strs(vs.spec.hosts)) {
        for (const se of byHost.get(host) ?? []) {
          const resolution = str(se.spec.resolution) ?? 'NONE';
          if (resolution === 'DNS' || reported.has(se)) continue;
          reported.add(se);
          out.push({ target: se, message: `${describeObject(se.ref)} host "${host}" is routed through an egress gateway by ${describeObject(vs.ref)}, but its resolution is ${resolution}, not DNS` });
        }
      }
    }
    return out;
  },
};
