import { describeObject } from '../finding';
import { IndexedObject, ManifestIndex } from '../manifest-index';
import { RuleViolation } from '../rule';
import { pushTo } from './json';
import { namespaceOf } from './service-registry';
import { selectorMatches, workloadsByNamespace } from './workloads';

/**
 * The checks `istioctl analyze` makes for namespace policies that select workloads by labels (Sidecar,
 * Telemetry): several without selector in one namespace, several selecting one workload, a selector that
 * selects nothing. `selectorOf` returns undefined for a policy without selector (namespace-wide).
 */
export interface SelectorPolicyKind {
  /** The policy's kind in the plural, for messages. */
  readonly plural: string;
  readonly selectorOf: (policy: IndexedObject) => Record<string, string> | undefined;
}

/** Policies without selector that share a namespace. */
export function namespaceWideDuplicates(policies: readonly IndexedObject[], k: SelectorPolicyKind): RuleViolation[] {
  const byNamespace = new Map<string, IndexedObject[]>();
  for (const p of policies) if (k.selectorOf(p) === undefined) pushTo(byNamespace, namespaceOf(p), p);
  const out: RuleViolation[] = [];
  for (const [ns, list] of byNamespace) {
    if (list.length < 2) continue;
    const names = list.map(p => p.ref.name).sort().join(', ');
    for (const p of list) out.push({ target: p, message: `${describeObject(p.ref)} is one of several ${k.plural} without workload selector in namespace "${ns}" (${names})` });
  }
  return out;
}

/** Policies whose selectors select the same workload of the set. */
export function selectorConflicts(index: ManifestIndex, policies: readonly IndexedObject[], k: SelectorPolicyKind): RuleViolation[] {
  const workloads = workloadsByNamespace(index);
  const byWorkload = new Map<string, IndexedObject[]>();
  for (const p of policies) {
    const selector = k.selectorOf(p);
    if (selector === undefined || Object.keys(selector).length === 0) continue;
    const ns = namespaceOf(p);
    for (const w of workloads.get(ns) ?? []) if (selectorMatches(selector, w.labels)) pushTo(byWorkload, w.name.replace(' ', ` ${ns}/`), p);
  }
  const out: RuleViolation[] = [];
  const reported = new Set<IndexedObject>();
  for (const [workload, list] of byWorkload) {
    if (list.length < 2) continue;
    for (const p of list) {
      if (reported.has(p)) continue;
      reported.add(p);
      out.push({ target: p, message: `${describeObject(p.ref)} selects ${workload}, as do ${list.filter(o => o !== p).map(o => o.ref.name).join(', ')}` });
    }
  }
  return out;
}

/** Policies whose selector selects no workload of their namespace, for namespaces that have workloads in the set. */
export function selectsNothing(index: ManifestIndex, policies: readonly IndexedObject[], k: SelectorPolicyKind): RuleViolation[] {
  const workloads = workloadsByNamespace(index);
  const out: RuleViolation[] = [];
  for (const p of policies) {
    const selector = k.selectorOf(p);
    const inNamespace = workloads.get(namespaceOf(p));
    if (selector === undefined || Object.keys(selector).length === 0 || !inNamespace) continue;
    if (inNamespace.some(w => selectorMatches(selector, w.labels))) continue;
    out.push({ target: p, message: `${describeObject(p.ref)} selector ${JSON.stringify(selector)} matches no workload in namespace "${namespaceOf(p)}"` });
  }
  return out;
}
