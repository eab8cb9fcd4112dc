import { Severity } from '../finding';
import { Groups } from '../manifest-index';
import { selectorConflicts } from '../private/selector-policies';
import { SIDECAR_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

/**
 * AIM138: two Sidecars whose workloadSelectors select the same workload; Istio applies only one of them to it.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0110/
 */
export const ConflictingSidecarSelectors: MeshRule = {
  code: 'AIM138',
  severity: Severity.ERROR,
  istioCode: 'IST0110',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0110/',
  explanation: 'Two Sidecars with workloadSelector select the same workload in the set; only one of them applies to it.',
  fix: 'make the workloadSelectors disjoint, or merge the Sidecars',
  check: index => selectorConflicts(index, index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar'), SIDECAR_POLICY),
};
