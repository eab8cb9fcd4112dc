import { IConstruct } from 'constructs';
import { fail } from '../../private/validation';
import { PolicyTargetRef } from '../policy-target';

const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

/**
 * Checks a policy's workload selector and targetRefs: labels Kubernetes accepts (no wildcards, which
 * the Istio CRD refuses), and not both (the CRD allows only one).
 */
export function checkWorkloadScope(
  scope: IConstruct, selector: Record<string, string> | undefined, targetRefs: readonly PolicyTargetRef[] | undefined,
): void {
  if (selector !== undefined) {
    const entries = Object.entries(selector);
    if (entries.length === 0) {
      fail(scope, "'selector' is empty, which selects every workload in the namespace; leave 'selector' out to mean that, or give labels");
    }
    for (const [key, value] of entries) {
      if (!LABEL_NAME.test(key) || key.length > 316) {
        fail(scope, `'selector' key ${JSON.stringify(key)} is not a Kubernetes label name (no '*' wildcards; letters, digits, '-', '_', '.', optional DNS prefix and '/')`);
      }
      if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
        fail(scope, `'selector.${key}' ${JSON.stringify(value)} is not a Kubernetes label value (at most 63 letters, digits, '-', '_' and '.'; no '*' wildcards)`);
      }
    }
  }
  if (targetRefs !== undefined) {
    if (targetRefs.length === 0) fail(scope, "'targetRefs' is an empty list; leave it out or name at least one target");
    if (targetRefs.length > 16) fail(scope, `'targetRefs' lists ${targetRefs.length} targets; Istio accepts at most 16`);
    targetRefs.forEach((t, i) => t._check(scope, `targetRefs[${i}]`));
    const seen = new Set<string>();
    for (const t of targetRefs) {
      const k = `${t.group}/${t.kind}/${t.name}`;
      if (seen.has(k)) fail(scope, `'targetRefs' lists ${t.kind} '${t.name}' twice`);
      seen.add(k);
    }
  }
  if (selector !== undefined && targetRefs !== undefined) {
    fail(scope, `both 'selector' (${JSON.stringify(selector)}) and 'targetRefs' (${targetRefs.map(t => `${t.kind} '${t.name}'`).join(', ')}) are set; `
      + "Istio accepts only one: use 'selector' for sidecar workloads, 'targetRefs' for Gateway API gateways, Services or ServiceEntries");
  }
}
