import { Severity } from '../finding';
import { namespaceWideDuplicates } from '../private/selector-policies';
import { TELEMETRY_POLICY } from '../private/workloads';
import { MeshRule } from '../rule';

/**
 * AIM140: more than one Telemetry without `selector` (or `targetRefs`) in a namespace; which one applies is unspecified.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0160/
 */
export const MultipleNamespaceTelemetries: MeshRule = {
  code: 'AIM140',
  severity: Severity.ERROR,
  istioCode: 'IST0160',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0160/',
  explanation: "A namespace has more than one Telemetry without selector or targetRefs; which one applies is unspecified.",
  fix: "merge them into one namespace-wide Telemetry, or give all but one a selector",
  check: index => namespaceWideDuplicates(index.ofKind('telemetry.istio.io', 'Telemetry'), TELEMETRY_POLICY),
};
