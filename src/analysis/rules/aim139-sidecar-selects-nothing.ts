import { Severity } from '../finding';
import { Groups } from '../manifest-index';
import { selectsNothing } from '../private/selector-policies';
import { SIDECAR_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

/**
 * AIM139: a Sidecar whose workloadSelector selects no workload of its namespace; it applies to nothing.
 *
 * Judged only for namespaces that have workloads (Pods, Deployments, StatefulSets, DaemonSets) in the set.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0101/
 */
export const SidecarSelectsNothing: MeshRule = {
  code: 'AIM139',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: "A Sidecar's workloadSelector matches no workload of its namespace in the set; only workloads in the Sidecar's own namespace can be selected.",
  fix: "correct the selector labels, or move the Sidecar to the workload's namespace",
  check: index => selectsNothing(index, index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar'), SIDECAR_POLICY),
};
