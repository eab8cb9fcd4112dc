import { describeObject, Severity } from '../finding';
import { kindShapeFits, kindShapeProblems, Shape, ShapeProblem } from '../private/shapes';
import { MeshRule, RuleViolation } from '../rule';

const EXPECTED: Record<Shape, string> = {
  'string': 'a string',
  'integer': 'an integer',
  'boolean': 'true or false',
  'object': 'a mapping',
  'map': 'a mapping of strings to strings',
  'string[]': 'a list of strings',
  'object[]': 'a list of mappings',
};

function describeValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  const kind = Array.isArray(value) ? 'list' : typeof value === 'object' ? 'mapping' : typeof value;
  return `${kind} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/**
 * AIM100: an object of a known kind with a field of the wrong type (`hosts: "a"` instead of a list, a port
 * number written as a string); the API server refuses it, and the other rules cannot judge that field.
 *
 * Other rules read such fields as absent and never fail on them; this rule names each one. It is the type
 * part of `istioctl analyze`'s schema validation (IST0106), which also checks values.
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation
 */
export const MalformedObject: MeshRule = {
  code: 'AIM100',
  severity: Severity.ERROR,
  istioCode: 'IST0106',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0106/',
  explanation: 'An Istio, Gateway API or Kubernetes object has a field of the wrong type (for example a string where a list or a number is required); the API server refuses it.',
  fix: 'write the field with the type its API requires (lists as YAML lists, port numbers unquoted)',
  check: index => {
    const out: RuleViolation[] = [];
    // A well-formed object takes the compiled check only; one scratch path and one problem list serve the others.
    const segments: (string | number)[] = [];
    const problems: ShapeProblem[] = [];
    for (const o of index.objects) {
      if (kindShapeFits(o.object, o.group, o.ref.kind)) continue;
      kindShapeProblems(o.object, o.group, o.ref.kind, segments, problems);
      for (const p of problems) {
        out.push({ target: o, message: `${describeObject(o.ref)} field ${p.path} must be ${EXPECTED[p.expected]}, got ${describeValue(p.got)}` });
      }
      problems.length = 0;
    }
    return out;
  },
};
