import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { pushTo } from '../private/json';
import { namespaceOf } from '../private/service-registry';
import { sidecarSelector } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM137: more than one Sidecar without `workloadSelector` in a namespace; Istio picks one of them for every workload.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0111/
 */
export const MultipleNamespaceSidecars: MeshRule = {
  code: 'AIM137',
  severity: Severity.ERROR,
  istioCode: 'IST0111',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0111/',
  explanation: 'A namespace has more than one Sidecar without workloadSelector; which one applies is unspecified.',
  fix: 'merge them into one namespace-wide Sidecar, or give all but one a workloadSelector',
  check: index => {
    const byNamespace = new Map<string, IndexedObject[]>();
    for (const s of index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar')) {
      if (Object.keys(sidecarSelector(s)).length === 0) pushTo(byNamespace, namespaceOf(s), s);
    }
    const out: RuleViolation[] = [];
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = list.map(s => s.ref.name).sort().join(', ');
      for (const s of list) out.push({ target: s, message: `${describeObject(s.ref)} is one of several Sidecars without workloadSelector in namespace "${ns}" (${names})` });
    }
    return out;
  },
};
