import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { recs, str, strs } from '../private/json';
import { hostsOverlap, parseGatewayRef, parseServerHost } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/** The hosts `gw` admits for VirtualServices in `namespace`; `*` for a Gateway API listener without hostname. */
function admittedHosts(gw: IndexedObject, namespace: string | undefined): string[] {
  if (gw.group === Groups.GATEWAY_API) {
    return recs(gw.spec.listeners).map(l => { const h = str(l.hostname); return h === undefined || h === '' ? '*' : h; });
  }
  return recs(gw.spec.servers).flatMap(s => strs(s.hosts)).map(h => {
    const parsed = parseServerHost(h);
    const exportsTo = parsed.namespace === '*' || parsed.namespace === namespace
      || (parsed.namespace === '.' && gw.ref.namespace === namespace);
    return exportsTo ? parsed.host : undefined;
  }).filter((h): h is string => h !== undefined);
}

/**
 * AIM103: a gateway-bound VirtualService whose hosts a Gateway it names admits none of, or a host none of its Gateways admit.
 *
 * The first is `istioctl analyze`'s check (per Gateway); the second names the dead host, except when the
 * VirtualService is also bound to `mesh`, where a host no Gateway serves may be meant for in-mesh traffic.
 * Istio Gateways admit their servers' hosts (with `namespace/host` export); a Gateway API Gateway named in
 * `gateways` admits its listeners' hostnames (all hosts when a listener has none), as `istioctl analyze` reads them.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0132/
 */
export const HostNotServed: MeshRule = {
  code: 'AIM103',
  severity: Severity.ERROR,
  istioCode: 'IST0132',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0132/',
  explanation: "A VirtualService bound to Gateways has a host that no server of those Gateways admits (host and `namespace/host` export both count); Istio drops it.",
  fix: "add the host to a server of the Gateway (or a wildcard such as '*.example.com'), or export it to the VirtualService's namespace",
  check: index => {
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const gateways = strs(vs.spec.gateways).filter(g => g !== 'mesh')
        .map(ref => {
          const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
          return index.get(Groups.ISTIO_NETWORKING, 'Gateway', ns, name) ?? index.get(Groups.GATEWAY_API, 'Gateway', ns, name);
        })
        .filter(g => g !== undefined);
      if (gateways.length === 0) continue;
      const hosts = strs(vs.spec.hosts);
      // As upstream: a Gateway that admits none of the hosts serves nothing of this VirtualService.
      const refusing = gateways.filter(gw => { const admitted = admittedHosts(gw, vs.ref.namespace); return !hosts.some(h => admitted.some(a => hostsOverlap(a, h))); });
      for (const gw of refusing) {
        const admitted = admittedHosts(gw, vs.ref.namespace);
        out.push({
          target: vs,
          message: `${describeObject(vs.ref)} hosts ${hosts.map(h => `"${h}"`).join(', ') || '(none)'} are all not admitted by gateway ${gw.ref.namespace ?? ''}/${gw.ref.name} `
            + `(it admits ${admitted.length ? admitted.map(a => `"${a}"`).join(', ') : 'no host for this namespace'})`,
        });
      }
      // A host no Gateway admits is dead, unless the VirtualService also serves the mesh, where it may be meant.
      if (refusing.length === gateways.length || strs(vs.spec.gateways).includes('mesh')) continue;
      const admitted = gateways.flatMap(gw => admittedHosts(gw, vs.ref.namespace));
      for (const host of hosts) {
        if (!admitted.some(a => hostsOverlap(a, host))) {
          const names = gateways.map(g => `${g.ref.namespace ?? ''}/${g.ref.name}`).join(', ');
          out.push({
            target: vs,
            message: `${describeObject(vs.ref)} host "${host}" is not admitted by any server of its gateway(s) ${names} `
              + `(they admit ${admitted.length ? admitted.map(a => `"${a}"`).join(', ') : 'no host for this namespace'})`,
          });
        }
      }
    }
    return out;
  },
};
