import * as fc from 'fast-check';
import { exampleProfile } from '../../examples/profile';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { MeshProfileError } from '../../src/mesh/mesh-profile-error';
import { MeshProfileProps } from '../../src/mesh/mesh-profile-props';
import { TEST_NOW } from '../support/mesh-chart';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

/** Values swapped in for any field: every JSON type, edge numbers, huge and unicode strings. */
const REPLACEMENTS: readonly unknown[] = [
  null, true, false, 0, -1, 1.5, 27, 32, 65536, 2 ** 53, -(2 ** 53), 1e308, Number.NaN, Number.POSITIVE_INFINITY,
  '', ' ', 'asm-1-30', 'ASM-1-30', 'gwpool', 'x'.repeat(1_000_000), 'é'.repeat(70), '😀', 'asm\u200b-1-30',
  '\u202eevil', 'a\u0000b', '\ud800', 'xn--bcher-kva', '__proto__', [], [null], ['asm-1-30', 'asm-1-31', 'asm-1-32'],
  {}, { external: true }, { __proto__: { polluted: true } }, Array.from({ length: 600 }, () => ({ name: 'e' })),
];

/** Keys added to every object: near misses of real fields, odd names and prototype keys. */
const EXTRA_KEYS: readonly string[] = [
  'revision', 'Revisions', 'egressGateway', 'nmae', 'selectors', 'publicIPPrefixSize', 'keyVaultID', 'externall',
  'unknown', '', ' ', '😀', '__proto__', 'constructor', 'toString', 'x'.repeat(10_000), 'a.b', '[0]',
];

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

/** Every path in a JSON value, the root included. */
function pathsOf(value: unknown, at: Segment[] = []): Segment[][] {
  const out: Segment[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  }
  return out;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

/** Applies `edit` to the parent of `path` (a fresh copy of `base`); the root itself is replaced by `root`. */
function mutate(base: Json, path: Segment[], edit: (parent: Record<string, unknown> | unknown[], key: Segment) => void): unknown {
  const copy = clone(base);
  if (path.length === 0) return copy;
  let parent: unknown = copy;
  for (const segment of path.slice(0, -1)) {
    parent = (parent as Record<string, unknown>)[String(segment)];
  }
  if (!isContainer(parent)) throw new Error(`test bug: no container at ${path.join('.')}`);
  edit(parent, path[path.length - 1]);
  return copy;
}

function setAt(container: Record<string, unknown> | unknown[], key: Segment, value: unknown): void {
  // defineProperty, so '__proto__' becomes an own key as JSON.parse would make it.
  Object.defineProperty(container, String(key), { value, enumerable: true, writable: true, configurable: true });
}

interface Outcome {
  readonly accepted: boolean;
  readonly paths: readonly string[];
}

/** Runs one input through fromJson and the constructor; anything but a profile or a MeshProfileError fails the test. */
function attempt(input: unknown): Outcome {
  let outcome: Outcome;
  try {
    const profile = MeshProfile.fromJson(input, { now: TEST_NOW });
    // What is accepted must survive its own round trip.
    expect(MeshProfile.fromJson(clone(profile.toJson()), { now: TEST_NOW }).toJson()).toEqual(profile.toJson());
    outcome = { accepted: true, paths: [] };
  } catch (e) {
    if (!(e instanceof MeshProfileError)) {
      throw new Error(`crash on ${JSON.stringify(input)?.slice(0, 300)}: ${e instanceof Error ? e.stack : String(e)}`);
    }
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(p.path).toMatch(/^\$/);
    }
    for (const p of e.problems.slice(0, 50)) expect(e.message).toContain(`${p.path}: `);
    expect(e.message.length).toBeLessThan(20_000);
    outcome = { accepted: false, paths: e.problems.map(p => p.path) };
  }
  // The constructor takes the same object from TypeScript (without the format field) and must agree.
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const props = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'format'));
    try {
      new MeshProfile(props as unknown as MeshProfileProps, { now: TEST_NOW });
    } catch (e) {
      if (!(e instanceof MeshProfileError)) throw new Error(`constructor crash: ${e instanceof Error ? e.stack : String(e)}`);
    }
  }
  return outcome;
}

describe('MeshProfile.fromJson fuzzing', () => {
  const base = exampleProfile.toJson() as Json;
  const paths = pathsOf(base);

  test('the example profile is accepted as it is', () => {
    expect(attempt(clone(base)).accepted).toBe(true);
  });

  test('deleting any key is accepted or rejected naming that key path', () => {
    let rejected = 0;
    for (const path of paths.filter(p => p.length > 0)) {
      const outcome = attempt(mutate(base, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[String(key)];
      }));
      if (!outcome.accepted) {
        rejected++;
        expect(outcome.paths.every(p => p.startsWith('$.'))).toBe(true);
      }
    }
    // revisions, the egress gateway's required fields and its pool are required: those deletions must be refused.
    expect(rejected).toBeGreaterThanOrEqual(5);
  });

  test('swapping any value for another type, an edge number or a hostile string never crashes', () => {
    let runs = 0;
    let rejected = 0;
    for (const path of paths) {
      for (const replacement of REPLACEMENTS) {
        const input = path.length === 0 ? replacement : mutate(base, path, (parent, key) => setAt(parent, key, replacement));
        const outcome = attempt(input);
        runs++;
        if (!outcome.accepted) {
          rejected++;
          if (path.length > 0) expect(outcome.paths.some(p => p.startsWith('$.'))).toBe(true);
        }
      }
    }
    expect(runs).toBe(paths.length * REPLACEMENTS.length);
    expect(rejected).toBeGreaterThan(runs / 2);
  });

  test('an unknown key in any object is refused at its path, with a "did you mean" for near misses', () => {
    const objects = paths.filter(p => {
      let v: unknown = base;
      for (const s of p) v = (v as Record<string, unknown>)[String(s)];
      // A selector is a label map: any valid label key belongs there.
      return typeof v === 'object' && v !== null && !Array.isArray(v) && p[p.length - 1] !== 'selector';
    });
    for (const path of objects) {
      for (const key of EXTRA_KEYS) {
        const input = mutate(base, [...path, key], (parent, k) => setAt(parent, k, 'x'));
        const outcome = attempt(input);
        expect(outcome.accepted).toBe(false);
        expect(outcome.paths.length).toBeGreaterThan(0);
      }
    }
    try {
      MeshProfile.fromJson({ ...clone(base) as object, egressGateway: [] });
      throw new Error('accepted an unknown key');
    } catch (e) {
      expect(e).toBeInstanceOf(MeshProfileError);
      expect((e as MeshProfileError).message).toContain(`$.egressGateway: unknown field "egressGateway"; did you mean 'egressGateways'?`);
    }
  });

  test('random combinations of mutations never crash (deterministic seed)', () => {
    const json: fc.Arbitrary<unknown> = fc.oneof(
      fc.constantFrom(...REPLACEMENTS),
      fc.jsonValue({ maxDepth: 3 }),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    const edit = fc.record({
      path: fc.constantFrom(...paths.filter(p => p.length > 0)),
      kind: fc.constantFrom('delete', 'replace', 'add'),
      value: json,
      key: fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ maxLength: 12 })),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), edits => {
      let current: unknown = clone(base);
      for (const e of edits) {
        const container = lookup(current, e.path.slice(0, -1));
        if (!isContainer(container)) continue;
        const key = e.path[e.path.length - 1];
        if (e.kind === 'delete') {
          if (Array.isArray(container)) container.splice(Number(key), 1);
          else delete container[String(key)];
        } else if (e.kind === 'replace') {
          setAt(container, key, e.value);
        } else if (!Array.isArray(container)) {
          setAt(container, e.key, e.value);
        }
      }
      attempt(current);
    }), { seed: 20261126, numRuns: 300 });
  });
});

function lookup(root: unknown, path: Segment[]): unknown {
  let v = root;
  for (const s of path) {
    if (!isContainer(v)) return undefined;
    v = (v as Record<string, unknown>)[String(s)];
  }
  return v;
}
