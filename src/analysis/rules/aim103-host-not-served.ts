import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { recs, strs } from '../private/json';
import { hostsOverlap, parseGatewayRef, parseServerHost } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM103: a gateway-bound VirtualService host that none of its Gateways' servers admit; the route is never served.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export const HostNotServed: MeshRule = {
  code: 'AIM103',
  severity: Severity.ERROR,
  explanation: "A VirtualService bound to Gateways has a host that no server of those Gateways admits (host and `namespace/host` export both count); Istio drops it.",
  fix: "add the host to a server of the Gateway (or a wildcard such as '*.example.com'), or export it to the VirtualService's namespace",
  check: index => {
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const gateways = strs(vs.spec.gateways).filter(g => g !== 'mesh')
        .map(ref => { const [ns, name] = parseGatewayRef(ref, vs.ref.namespace); return index.get(Groups.ISTIO_NETWORKING, 'Gateway', ns, name); })
        .filter(g => g !== undefined);
      if (gateways.length === 0) continue;
      const admitted = gateways.flatMap(gw => recs(gw.spec.servers).flatMap(s => strs(s.hosts)).map(h => {
        const parsed = parseServerHost(h);
        const exportsTo = parsed.namespace === '*' || parsed.namespace === vs.ref.namespace
          || (parsed.namespace === '.' && gw.ref.namespace === vs.ref.namespace);
        return exportsTo ? parsed.host : undefined;
      })).filter((h): h is string => h !== undefined);
      for (const host of strs(vs.spec.hosts)) {
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
