import { Yaml } from 'cdk8s';
import * as jsyaml from 'js-yaml';
import { buildExampleApp } from '../../../examples/app';
import { isPlainSafe, stringifyManifests } from '../../../src/k8s/private/manifest-yaml';

/** The reference: what cdk8s itself writes for these documents. */
function cdk8s(...docs: unknown[]): string {
  return Yaml.stringify(...docs);
}

/** Every string over `alphabet` of length 1..maxLength. */
function allStrings(alphabet: string, maxLength: number): string[] {
  let level = [''];
  const all: string[] = [];
  for (let length = 1; length <= maxLength; length++) {
    level = level.flatMap(prefix => [...alphabet].map(c => prefix + c));
    all.push(...level);
  }
  return all;
}

/** A small deterministic generator, so a failure reproduces. */
function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return n => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

/** Every upper/lower-case spelling of `word`. */
function casings(word: string): string[] {
  return [...word].reduce<string[]>((acc, c) => acc.flatMap(p => [p + c.toLowerCase(), p + c.toUpperCase()]), ['']);
}

/** Each string as a key, a value and a sequence item, in one document. */
function asDocument(s: string): unknown {
  return { [s]: s, k: [s] };
}

function expectSameAsCdk8s(docs: unknown[]): void {
  const mismatches = docs.filter(d => stringifyManifests([d]) !== cdk8s(d)).slice(0, 5);
  expect(mismatches).toEqual([]);
}

describe('stringifyManifests', () => {
  test('writes the example app byte for byte as cdk8s does, mostly through the fast writer', () => {
    const docs = buildExampleApp().charts.flatMap(c => c.toJson());
    expect(stringifyManifests(docs)).toBe(cdk8s(...docs));
    expect(docs.filter(d => isPlainSafe(d)).length / docs.length).toBeGreaterThan(0.8);
  });

  test('every string of up to 3 characters over the YAML-relevant characters', () => {
    expectSameAsCdk8s(allStrings('aeEnNoOyY0179._/:*-#@ \'"\t\n', 3).map(asDocument));
  });

  test('20,000 random longer strings, half of them over the plain-safe characters', () => {
    const random = seededRandom(42);
    const pick = (alphabet: string): string => alphabet[random(alphabet.length)];
    const anyCharacter = 'abexyzNOY0123456789._/:*-_#@ =,[]{}&!|>%?`~+\'"';
    const plainSafeRest = 'abeyzENOY0123456789._/:*-';
    const strings = Array.from({ length: 20_000 }, (_, n) => {
      const length = 4 + random(n % 100 === 0 ? 300 : 12);
      let s = n % 2 === 0 ? pick('abeEnNoOyYtTfF/*0129.-_:') : '';
      while (s.length < length) s += n % 2 === 0 ? pick(plainSafeRest) : pick(anyCharacter);
      return s;
    });
    const documents = strings.map(asDocument);
    expectSameAsCdk8s(documents);
    expect(documents.filter(d => isPlainSafe(d)).length).toBeGreaterThan(5_000);
  });

  test('YAML 1.1 and 1.2 booleans, nulls and number look-alikes in every casing', () => {
    const words = ['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', 'e1', 'e+12', 'inf', 'nan', '.inf', '.nan', '~', '<<', '='];
    expectSameAsCdk8s(words.flatMap(casings).map(asDocument));
    expect(isPlainSafe({ enabled: 'on' })).toBe(false);
  });

  test('objects yaml reads through toJSON or an iterator, and arrays with holes or extras, go to cdk8s\'s writer', () => {
    const withToJson = Object.defineProperty({ a: 1 }, 'toJSON', { value: () => ({ z: 9 }) });
    const iterable = { a: 1, *[Symbol.iterator]() { yield 'x'; } };
    const customArray = Object.assign(['x'], { [Symbol.iterator]: function* () { yield 'w'; } });
    const extra = Object.assign(['x'], { note: 'y' });
    const sparse = ['a', , 'c'];
    const docs = [withToJson, iterable, { a: customArray }, { a: extra }, { a: sparse }, Object.assign(Object.create(null), { a: 'b' })];
    expectSameAsCdk8s(docs);
    expect(docs.map(d => isPlainSafe(d))).toEqual([false, false, false, false, false, true]);
  });

  test('a collection referenced twice keeps the anchor and alias cdk8s writes', () => {
    const shared = { port: 80 };
    expect(stringifyManifests([{ a: shared, b: shared }])).toBe(cdk8s({ a: shared, b: shared }));
    expect(stringifyManifests([{ a: shared, b: shared }])).toContain('*a1');
  });

  test('numbers, nulls, booleans, empty and nested collections, undefined', () => {
    const values: unknown[] = [0, -0, 1, -1, 8080, 1.5, 0.1, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity,
      null, true, false, [], {}, [[]], [{}], [[1, 2], [3]], [{ a: 1, b: [] }], { a: { b: { c: [{ d: {} }] } } },
      undefined, [undefined], new Date('2026-01-01T00:00:00Z'), 'multi\nline\n', 'trailing ', ' leading', '', 'ünïcode', '10s', '10.0.0.0/8'];
    expectSameAsCdk8s(values.map(v => ({ value: v, list: [v] })));
    expect(stringifyManifests([undefined, { a: 1 }, undefined])).toBe(cdk8s(undefined, { a: 1 }, undefined));
    expect(stringifyManifests([])).toBe(cdk8s());
  });

  test('the plain-safe writer writes what js-yaml writes: compact nested sequences and mappings, quoted * and : strings', () => {
    const doc = {
      a: ['x', { b: 'c', d: [1, 2], e: {} }, [], {}, ['p', ['q', [{ r: 's' }]]], [{ f: 'g', h: ['i'] }]],
      empty: {}, none: [], deep: { k: { l: 'm', list: [{ o: { p: [] } }] } },
      '*star': '*value', 'colon:': 'value:', 'a:b': '/path/x:y', flag: true, disabled: false, nothing: null, num: -3, big: 2 ** 53 - 1,
    };
    expect(isPlainSafe(doc)).toBe(true);
    const options: jsyaml.DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"' };
    expect(stringifyManifests([doc])).toBe(jsyaml.dump(doc, options));
    expect(stringifyManifests([doc])).toBe(cdk8s(doc));
    expect(stringifyManifests([['a', { b: ['c'] }]])).toBe(jsyaml.dump(['a', { b: ['c'] }], options));
    expect(stringifyManifests(['word', 7, {}, []])).toBe(cdk8s('word', 7, {}, []));
  });

  test('only plain-safe documents take the fast writer', () => {
    expect(isPlainSafe({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'svc-1', labels: { 'istio.io/rev': 'asm-1-30' } } })).toBe(true);
    expect(isPlainSafe({ spec: { hosts: ['*.example.com'], port: 443, http: [{ match: [{ uri: { prefix: '/' } }] }] } })).toBe(true);
    for (const unsafe of [{ timeout: '10s' }, { weight: 0.5 }, { note: 'a b' }, { when: new Date(0) }, { gone: undefined }, { 'x y': 1 }]) {
      expect(isPlainSafe(unsafe)).toBe(false);
    }
  });
});
