import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { pushTo } from '../private/json';
import { namespaceOf } from '../private/service-registry';
import { selectorMatches, sidecarSelector, workloadsByNamespace } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

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
  check: index => {
    const workloads = workloadsByNamespace(index);
    const out: RuleViolation[] = [];
    const reported = new Set<IndexedObject>();
    const byWorkload = new Map<string, IndexedObject[]>();
    for (const s of index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar')) {
      const selector = sidecarSelector(s);
      if (Object.keys(selector).length === 0) continue;
      const ns = namespaceOf(s);
      for (const w of workloads.get(ns) ?? []) if (selectorMatches(selector, w.labels)) pushTo(byWorkload, w.name.replace(' ', ` ${ns}/`), s);
    }
    for (const [workload, list] of byWorkload) {
      if (list.length < 2) continue;
      for (const s of list) {
        if (reported.has(s)) continue;
        reported.add(s);
        out.push({ target: s, message: `${describeObject(s.ref)} selects ${workload}, as do ${list.filter(o => o !== s).map(o => o.ref.name).join(', ')}` });
      }
    }
    return out;
  },
};
