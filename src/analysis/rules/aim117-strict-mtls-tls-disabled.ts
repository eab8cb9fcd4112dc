import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { at, labels, rec, recs, str } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { mtlsIndexOf, namespaceOfHost, selectorOf } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

function disablesTls(policy: unknown): boolean {
  return str(rec(rec(policy)?.tls)?.mode) === 'DISABLE';
}

/** The field paths of the `tls.mode: DISABLE` settings of a traffic policy, appended to `out`. */
function pushDisabledTls(policy: unknown, path: string, out: string[]): void {
  if (disablesTls(policy)) out.push(`${path}.tls.mode`);
  const settings = recs(rec(policy)?.portLevelSettings);
  for (let i = 0; i < settings.length; i++) {
    if (disablesTls(settings[i])) out.push(`${path}.portLevelSettings[${i}].tls.mode`);
  }
}

/** The `tls.mode: DISABLE` settings of a DestinationRule, with their field paths (for the report). */
function disabledTls(spec: Record<string, unknown>): string[] {
  const out: string[] = [];
  pushDisabledTls(spec.trafficPolicy, 'trafficPolicy', out);
  const subsets = recs(spec.subsets);
  for (let i = 0; i < subsets.length; i++) pushDisabledTls(subsets[i].trafficPolicy, `subsets[${i}].trafficPolicy`, out);
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
    const out: RuleViolation[] = [];
    const drs = index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule');
    if (drs.length === 0) return out;
    for (let d = 0; d < drs.length; d++) {
      const dr = drs[d];
      // The TLS settings first: most DestinationRules disable nothing, and their host need not be read.
      const fields = disabledTls(dr.spec);
      if (fields.length === 0) continue;
      const host = str(dr.spec.host);
      if (host === undefined) continue;
      const ns = namespaceOfHost(host, dr.ref.namespace);
      if (ns === undefined) continue;
      // Built on the first DestinationRule that disables TLS: a set without any never reads its PeerAuthentications here.
      const mtls = mtlsIndexOf(index);
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
