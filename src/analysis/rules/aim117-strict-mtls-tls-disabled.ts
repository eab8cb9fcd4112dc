import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { at, labels, recs, str } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { mtlsIndexOf, namespaceOfHost, selectorOf } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

/** The `tls.mode: DISABLE` settings of a DestinationRule, with their field paths. */
function disabledTls(spec: Record<string, unknown>): string[] {
  const out: string[] = [];
  const policy = (p: unknown, path: string) => {
    if (str(at(p, 'tls', 'mode')) === 'DISABLE') out.push(`${path}.tls.mode`);
    recs(at(p, 'portLevelSettings')).forEach((s, i) => {
      if (str(at(s, 'tls', 'mode')) === 'DISABLE') out.push(`${path}.portLevelSettings[${i}].tls.mode`);
    });
  };
  policy(spec.trafficPolicy, 'trafficPolicy');
  recs(spec.subsets).forEach((s, i) => policy(s.trafficPolicy, `subsets[${i}].trafficPolicy`));
  return out;
}

/**
 * AIM117: a DestinationRule sends plaintext (`tls.mode: DISABLE`) to workloads that a namespace-wide
 * or mesh-wide PeerAuthentication puts under STRICT mTLS; their sidecars refuse it.
 * @see https://istio.io/latest/docs/ops/configuration/traffic-management/tls-configuration/
 */
export const StrictMtlsTlsDisabled: MeshRule = {
  code: 'AIM117',
  severity: Severity.ERROR,
  explanation: 'A DestinationRule disables TLS towards a host whose workloads a PeerAuthentication (namespace-wide, or mesh-wide from aks-istio-system) puts under STRICT mTLS; the server sidecars refuse the plaintext connections.',
  fix: "drop the 'tls' setting (Istio's automatic mTLS then applies) or set tls.mode ISTIO_MUTUAL; or exempt the workload with a PeerAuthentication that is not STRICT",
  docs: 'https://istio.io/latest/docs/ops/configuration/traffic-management/tls-configuration/',
  check: index => {
    const mtls = mtlsIndexOf(index);
    const out: RuleViolation[] = [];
    const drs = index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule');
    if (drs.length === 0) return out;
    for (const dr of drs) {
      const host = str(dr.spec.host);
      if (host === undefined) continue;
      const fields = disabledTls(dr.spec);
      if (fields.length === 0) continue;
      const ns = namespaceOfHost(host, dr.ref.namespace);
      if (ns === undefined) continue;
      let effective = ns === '*' ? mtls.meshMode : mtls.namespaceMode(ns);
      if (ns !== '*' && effective?.mode === 'STRICT') {
        // A Service in the set tells which pods the host reaches; a workload policy on them may exempt them.
        const name = normalizeHost(host, dr.ref.namespace).split('.')[0];
        const service = name === '*' ? undefined : index.get(Groups.CORE, 'Service', ns, name);
        const podSelector = service && labels(at(service.spec, 'selector'));
        if (podSelector && Object.keys(podSelector).length > 0) effective = mtls.workloadMode(ns, podSelector);
      }
      if (effective?.mode !== 'STRICT') continue;
      const scope = selectorOf(effective.source) !== undefined ? 'the selected workloads'
        : effective.source.ref.namespace === MeshIdentity.ROOT_NAMESPACE ? 'the whole mesh' : `namespace ${ns}`;
      out.push({
        target: dr,
        message: `${describeObject(dr.ref)} sets ${fields.map(f => `${f}: DISABLE`).join(', ')} for host "${host}", but `
          + `${describeObject(effective.source.ref)} makes ${scope} STRICT: the sidecars ${ns === '*' ? 'of every namespace' : `in ${ns}`} refuse plaintext, so these connections fail`,
      });
    }
    return out;
  },
};
