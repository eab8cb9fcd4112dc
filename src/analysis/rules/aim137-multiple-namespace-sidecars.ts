import { Severity } from '../finding';
import { Groups } from '../manifest-index';
import { namespaceWideDuplicates } from '../private/selector-policies';
import { SIDECAR_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

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
  check: index => namespaceWideDuplicates(index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar'), SIDECAR_POLICY),
};
