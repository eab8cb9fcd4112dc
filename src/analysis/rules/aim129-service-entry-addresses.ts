import { parse } from 'yaml';
import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups, ManifestIndex } from '../manifest-index';
import { arr, at, num, rec, recs, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

/** True when a shared MeshConfig in the set turns on DNS capture with address auto-allocation for every proxy. */
function autoAllocates(index: ManifestIndex): boolean {
  const prefix = AksNames.sharedMeshConfigName('');
  return index.ofKind(Groups.CORE, 'ConfigMap').some(cm => {
    if (cm.ref.namespace !== AksNames.SYSTEM_NAMESPACE || !cm.ref.name.startsWith(prefix)) return false;
    const text = str(at(cm.object, 'data', AksNames.MESH_CONFIG_KEY));
    if (text === undefined) return false;
    let mesh: unknown;
    try {
      mesh = parse(text);
    } catch {
      return false; // AIM113 reports the broken YAML.
    }
    const meta = rec(at(mesh, 'defaultConfig', 'proxyMetadata')) ?? {};
    return meta.ISTIO_META_DNS_CAPTURE === 'true'
      && (meta.ISTIO_META_DNS_AUTO_ALLOCATE === 'true' || meta.PILOT_ENABLE_IP_AUTOALLOCATE === 'true');
  });
}

/**
 * AIM129: a ServiceEntry port with TCP or no protocol, and no `addresses`: every such entry shares the port's
 * listener on 0.0.0.0, so the traffic cannot be told apart and goes to the wrong place or nowhere.
 *
 * Quiet when the status already carries allocated addresses, or when the shared MeshConfig enables DNS
 * capture with auto-allocation (`ISTIO_META_DNS_CAPTURE` and `ISTIO_META_DNS_AUTO_ALLOCATE` or
 * `PILOT_ENABLE_IP_AUTOALLOCATE` in `defaultConfig.proxyMetadata`), as `istioctl analyze` is.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0134/
 */
export const ServiceEntryAddresses: MeshRule = {
  code: 'AIM129',
  severity: Severity.WARNING,
  istioCode: 'IST0134',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0134/',
  explanation: 'A ServiceEntry port with protocol TCP (or none) needs addresses, else all such entries share one listener and TCP traffic is misrouted.',
  fix: "set 'addresses' (a VIP or CIDR) on the ServiceEntry, give the port an application protocol (HTTP, HTTPS, TLS), or enable DNS capture with address auto-allocation in the shared MeshConfig",
  check: index => {
    const entries = index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry');
    if (entries.length === 0 || autoAllocates(index)) return [];
    const out: RuleViolation[] = [];
    for (const se of entries) {
      if (arr(se.spec.addresses).length > 0 || arr(at(se.object, 'status', 'addresses')).length > 0) continue;
      recs(se.spec.ports).forEach((port, i) => {
        const protocol = str(port.protocol) ?? '';
        if (protocol !== '' && protocol.toUpperCase() !== 'TCP') return;
        out.push({
          target: se,
          message: `${describeObject(se.ref)} spec.ports[${i}] (${num(port.number) ?? '?'}) has protocol ${protocol === '' ? 'unset' : protocol} and the ServiceEntry has no addresses`,
        });
      });
    }
    return out;
  },
};
