import { describeObject, Severity } from '../finding';
import { MeshRule } from '../rule';

/**
 * AIM101: two objects with the same API group, kind, namespace and name; the second `kubectl apply` overwrites the first.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export const DuplicateObject: MeshRule = {
  code: 'AIM101',
  severity: Severity.ERROR,
  explanation: 'Two objects share API group, kind, namespace and name; only the last one applied survives.',
  fix: 'rename one of them or move it to another namespace',
  check: index => index.duplicates.map(target => ({
    target,
    message: `${describeObject(target.ref)} (${target.ref.apiVersion}) is defined more than once`,
  })),
};
