import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { namespaceOf } from '../private/service-registry';
import { selectorMatches, sidecarSelector, workloadsByNamespace } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

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
  check: index => {
    const workloads = workloadsByNamespace(index);
    const out: RuleViolation[] = [];
    for (const s of index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar')) {
      const selector = sidecarSelector(s);
      const inNamespace = workloads.get(namespaceOf(s));
      if (Object.keys(selector).length === 0 || !inNamespace) continue;
      if (inNamespace.some(w => selectorMatches(selector, w.labels))) continue;
      out.push({ target: s, message: `${describeObject(s.ref)} workloadSelector ${JSON.stringify(selector)} matches no workload in namespace "${namespaceOf(s)}"` });
    }
    return out;
  },
};
