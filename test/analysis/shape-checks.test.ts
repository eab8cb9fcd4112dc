import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { knownShapes, kindShapeFits, kindShapeProblems, Shape, ShapeProblem } from '../../src/analysis/private/shapes';

/** The patterns of one kind as a tree (`a[].b` -> a, each element, b), to generate objects that reach every field. */
interface PatternNode { shape?: Shape; fields: Map<string, PatternNode>; elements?: PatternNode }

function treeOf(patterns: Readonly<Record<string, Shape>>): PatternNode {
  const root: PatternNode = { fields: new Map() };
  for (const [pattern, shape] of Object.entries(patterns)) {
    let node = root;
    for (const segment of pattern.split('.')) {
      const each = segment.endsWith('[]');
      const key = each ? segment.slice(0, -2) : segment;
      let child = node.fields.get(key);
      if (!child) node.fields.set(key, child = { fields: new Map() });
      node = each ? (child.elements ??= { fields: new Map() }) : child;
    }
    node.shape = shape;
  }
  return root;
}

/** Values that are wrong for most shapes, including the numbers JSON.parse never gives but YAML can. */
const odd: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, -0, 1.5, '', '1', true, [], {}, [null], [1], ['a', 2], { a: 1 }, { a: null }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Objects shaped like `node` in most places and wrong in some: nested, so every pattern can be reached. */
function valueOf(node: PatternNode): fc.Arbitrary<unknown> {
  const record = (): fc.Arbitrary<unknown> => fc.record(
    Object.fromEntries([...node.fields].map(([key, child]) => [key, valueOf(child)])),
    { requiredKeys: [] },
  );
  const well: fc.Arbitrary<unknown>[] = [];
  switch (node.shape) {
    case 'string': well.push(fc.string({ maxLength: 3 })); break;
    case 'integer': well.push(fc.integer({ min: -5, max: 70000 })); break;
    case 'boolean': well.push(fc.boolean()); break;
    case 'map': well.push(fc.dictionary(fc.string({ maxLength: 2 }), fc.oneof(fc.string({ maxLength: 2 }), odd), { maxKeys: 3 })); break;
    case 'string[]': well.push(fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.string({ maxLength: 2 }), odd), { maxLength: 3 })); break;
    case 'object[]':
    case undefined:
    case 'object':
      if (node.elements) well.push(fc.array(valueOf(node.elements), { maxLength: 3 }));
      if (node.fields.size > 0) well.push(record(), record());
      if (well.length === 0) well.push(fc.dictionary(fc.string({ maxLength: 2 }), odd, { maxKeys: 2 }));
      break;
  }
  // Mostly well-formed, so that many objects have exactly one wrong field (the case a check is likeliest to miss).
  return fc.oneof(...well.map(arbitrary => ({ arbitrary, weight: Math.round(24 / well.length) })), { arbitrary: odd, weight: 1 });
}

describe('the compiled shape check', () => {
  test.each(knownShapes().map(s => [`${s.group}|${s.kind}`, s] as const))('%s: fits exactly when the walk finds no problem', (_, { group, kind, patterns }) => {
    const segments: (string | number)[] = [];
    let bad = 0;
    let good = 0;
    fc.assert(fc.property(valueOf(treeOf(patterns)), object => {
      const problems: ShapeProblem[] = [];
      kindShapeProblems(object, group, kind, segments, problems);
      if (problems.length > 0) bad++; else good++;
      expect(kindShapeFits(object, group, kind)).toBe(problems.length === 0);
      expect(segments).toEqual([]);
    }), { numRuns: 500 });
    // Both answers were exercised, or the property says little.
    expect(bad).toBeGreaterThan(0);
    expect(good).toBeGreaterThan(0);
  });

  test('a wrong deep field fails the check, a null one is absent, and an unknown kind always fits', () => {
    const vs = (number: unknown): unknown => ({ metadata: { name: 'v' }, spec: { http: [{ route: [{ destination: { host: 'a', port: { number } } }] }] } });
    expect(kindShapeFits(vs(80), 'networking.istio.io', 'VirtualService')).toBe(true);
    expect(kindShapeFits(vs('80'), 'networking.istio.io', 'VirtualService')).toBe(false);
    expect(kindShapeFits(vs(80.5), 'networking.istio.io', 'VirtualService')).toBe(false);
    expect(kindShapeFits(vs(null), 'networking.istio.io', 'VirtualService')).toBe(true);
    expect(kindShapeFits({ spec: 'x' }, 'example.com', 'Widget')).toBe(true);
  });

  test('without code generation (node --disallow-code-generation-from-strings) the walk decides, with the same finding', () => {
    // GIVEN a malformed VirtualService, analysed by the CLI in a node that refuses `new Function`
    const file = join(mkdtempSync(join(tmpdir(), 'aim-shapes-')), 'vs.yaml');
    writeFileSync(file, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: a\n  namespace: b\nspec:\n  hosts: a\n');
    // WHEN
    const run = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', join(__dirname, '..', '..', 'bin', 'aks-istio-mesh.js'), 'analyze', file],
      { encoding: 'utf8', timeout: 60_000 });
    // THEN it loads and reports the field, as with the compiled check
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('error AIM100 (IST0106) VirtualService b/a field spec.hosts must be a list of strings, got string "a"');
  }, 60_000);
});
