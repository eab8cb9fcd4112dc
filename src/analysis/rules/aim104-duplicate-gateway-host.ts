import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { strs } from '../private/json';
import { parseGatewayRef } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM104: two VirtualServices bound to the same Gateway claim the same host; Istio merges them in an unspecified order.
 * @see https://istio.io/latest/docs/ops/best-practices/traffic-management/#split-virtual-services
 */
export const DuplicateGatewayHost: MeshRule = {
  code: 'AIM104',
  severity: Severity.WARNING,
  explanation: 'Two VirtualServices bound to the same Gateway claim the same host; their routes merge in an unspecified order.',
  fix: 'merge the routes into one VirtualService per host and gateway',
  check: index => {
    const out: RuleViolation[] = [];
    const claimed = new Map<string, IndexedObject>();
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      for (const ref of new Set(strs(vs.spec.gateways))) {
        if (ref === 'mesh') continue;
        const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
        for (const host of new Set(strs(vs.spec.hosts))) {
          const k = `${ns ?? ''}/${name}|${host}`;
          const first = claimed.get(k);
          if (first) {
            out.push({ target: vs, message: `${describeObject(vs.ref)} and ${describeObject(first.ref)} both claim host "${host}" on gateway ${ns ?? ''}/${name}` });
          } else {
            claimed.set(k, vs);
          }
        }
      }
    }
    return out;
  },
};
