import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { boundGateway } from '../private/gateway-api';
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
    // Gateway -> host -> first VirtualService. A Gateway in the set is keyed by its object (the reference is not
    // split); one not in the set by its `ns/name`, which no object key can equal. While one VirtualService claims a
    // Gateway (the usual case) the entry is that VirtualService, standing for its hosts: no Map per Gateway.
    const claimed = new Map<IndexedObject | string, IndexedObject | Map<string, IndexedObject>>();
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const hosts = distinct(strs(vs.spec.hosts));
      if (hosts.length === 0) continue;
      for (const ref of distinct(strs(vs.spec.gateways))) {
        if (ref === 'mesh') continue;
        const gateway = gatewayKey(index, ref, vs.ref.namespace);
        const found = claimed.get(gateway);
        if (found === undefined) {
          claimed.set(gateway, vs);
          continue;
        }
        let byHost: Map<string, IndexedObject>;
        if (found instanceof Map) {
          byHost = found;
        } else {
          byHost = new Map();
          for (const host of distinct(strs(found.spec.hosts))) byHost.set(host, found);
          claimed.set(gateway, byHost);
        }
        for (const host of hosts) {
          const first = byHost.get(host);
          if (first) {
            const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
            out.push({ target: vs, message: `${describeObject(vs.ref)} and ${describeObject(first.ref)} both claim host "${host}" on gateway ${ns ?? ''}/${name}` });
          } else {
            byHost.set(host, vs);
          }
        }
      }
    }
    return out;
  },
};

/**
 * What identifies the Gateway a reference names: the Gateway object when it is in the set (a bare name, the usual
 * reference, is looked up without building a string), else its `ns/name`. No namespace and namespace `""` are one
 * Gateway here, as in the `ns/name` the findings name.
 */
function gatewayKey(index: ManifestIndex, ref: string, namespace: string | undefined): IndexedObject | string {
  const gateway = boundGateway(index, ref, namespace);
  if (gateway !== undefined) return gateway;
  const [ns, name] = ref.includes('/') ? parseGatewayRef(ref, namespace) : [namespace, ref];
  return `${ns ?? ''}/${name}`;
}

/** `list` without repeats, in order: the list itself when a short one has none (the usual case; no Set per VirtualService). */
function distinct(list: readonly string[]): readonly string[] {
  if (list.length > 16) return [...new Set(list)];
  for (let i = 1; i < list.length; i++) if (list.lastIndexOf(list[i], i - 1) >= 0) return [...new Set(list)];
  return list;
}
