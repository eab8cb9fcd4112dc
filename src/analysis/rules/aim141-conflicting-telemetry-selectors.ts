import { Severity } from '../finding';
import { selectorConflicts } from '../private/selector-policies';
import { TELEMETRY_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

/**
 * AIM141: two Telemetries whose `selector.matchLabels` select the same workload; only one of them applies to it.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0159/
 */
export const ConflictingTelemetrySelectors: MeshRule = {
  code: 'AIM141',
  severity: Severity.ERROR,
  istioCode: 'IST0159',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0159/',
  explanation: "Two Telemetries with selector select the same workload in the set; only one of them applies to it.",
  fix: "make the selectors disjoint, or merge the Telemetries",
  check: index => selectorConflicts(index, index.ofKind('telemetry.istio.io', 'Telemetry'), TELEMETRY_POLICY),
};
