import { Severity } from '../finding';
import { selectsNothing } from '../private/selector-policies';
import { TELEMETRY_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

/**
 * AIM142: a Telemetry whose `selector.matchLabels` select no workload of its namespace; it applies to nothing.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0101/
 */
export const TelemetrySelectsNothing: MeshRule = {
  code: 'AIM142',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: "A Telemetry's selector matches no workload of its namespace in the set (namespaces with workloads in the set only).",
  fix: "correct the selector labels, or move the Telemetry to the workload's namespace",
  check: index => selectsNothing(index, index.ofKind('telemetry.istio.io', 'Telemetry'), TELEMETRY_POLICY),
};
