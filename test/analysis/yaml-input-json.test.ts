import * as fc from 'fast-check';
// The module object itself (not an ES namespace copy), so a spy on it sees the calls parseManifests makes.
import yaml = require('yaml');
import { Manifest, MAX_VALUE_CHARS, ManifestParseError, parseManifests } from '../../src/analysis';

/** What a parse gave: the manifests, or the one-line error. */
type Outcome = { manifests: Manifest[] } | { error: string };

function outcome(text: string): Outcome {
  try {
    return { manifests: parseManifests(text, 'in.json', { defaultNamespace: 'ns' }) };
  } catch (e) {
    if (e instanceof ManifestParseError) return { error: e.message };
    throw e;
  }
}

/**
 * The outcome of the code before the JSON fast path: with JSON.parse failing, every text takes the YAML path,
 * exactly as every text did before.
 */
function yamlOnlyOutcome(text: string): Outcome {
  const spy = jest.spyOn(JSON, 'parse').mockImplementation(() => {
    throw new SyntaxError('JSON.parse turned off: the YAML path only');
  });
  try {
    return outcome(text);
  } finally {
    spy.mockRestore();
  }
}

/** The outcome, and whether the YAML parser was asked at all. */
function traced(text: string): { result: Outcome; yamlParsed: boolean } {
  const spy = jest.spyOn(yaml, 'parseAllDocuments');
  try {
    const result = outcome(text);
    return { result, yamlParsed: spy.mock.calls.length > 0 };
  } finally {
    spy.mockRestore();
  }
}

function errorOf(text: string): string {
  const result = outcome(text);
  if (!('error' in result)) throw new Error(`expected a ManifestParseError for ${JSON.stringify(text).slice(0, 80)}`);
  return result.error;
}

/** A package-lock.json in miniature: what `analyze .` meets at a repository root. */
const LOCKFILE = `${JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'app', version: '1.0.0', dependencies: { yaml: '^2.9.1' } },
    'node_modules/yaml': { version: '2.9.1', resolved: 'https://registry.npmjs.org/yaml/-/yaml-2.9.1.tgz', license: 'ISC', bin: { yaml: 'bin.mjs' } },
  },
}, null, 2)}\n`;

describe('parseManifests on JSON that is not a Kubernetes object', () => {
  test('reads a lockfile with JSON.parse alone, as the same manifest the YAML path gave', () => {
    // GIVEN a lockfile, two lines down (as a tool that writes a leading blank line would)
    const text = `\n\r\n${LOCKFILE}`;
    // WHEN
    const { result, yamlParsed } = traced(text);
    // THEN the YAML parser is never asked, and the manifest is the one the YAML path gives
    expect(yamlParsed).toBe(false);
    expect(result).toEqual({ manifests: [{ object: JSON.parse(LOCKFILE), file: 'in.json', line: 3 }] });
    expect(result).toEqual(yamlOnlyOutcome(text));
  });

  test.each([
    ['a ConfigMap', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}', ['1 ns/a']],
    ['a List', '{"apiVersion":"v1","kind":"List","items":[\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},\n{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}]}', ['2 ns/a', '3 -/b']],
    ['a List without apiVersion', '{"kind":"List","items":[\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}}]}', ['2 ns/a']],
  ])('%s keeps the YAML path: lines per item and namespaces as before', (_, text, expected) => {
    const { result, yamlParsed } = traced(text);
    expect(yamlParsed).toBe(true);
    if (!('manifests' in result)) throw new Error(result.error);
    const metadata = (m: Manifest) => m.object.metadata as Record<string, unknown>;
    expect(result.manifests.map(m => `${m.line} ${String(metadata(m).namespace ?? '-')}/${String(metadata(m).name)}`)).toEqual(expected);
  });

  test('leaves a mapping without apiVersion/kind without a namespace, as before', () => {
    const { result, yamlParsed } = traced('{"kind":"ConfigMap","metadata":{"name":"a"}}');
    expect(yamlParsed).toBe(false);
    expect(result).toEqual({ manifests: [{ object: { kind: 'ConfigMap', metadata: { name: 'a' } }, file: 'in.json', line: 1 }] });
  });

  test.each([
    ['duplicate keys', '{\n"name": "a",\n"name": "b"\n}', 'in.json:3: Map keys must be unique'],
    ['duplicate keys spelled differently', '{"a": 1, "\\u0061": 2}', 'in.json:1: Map keys must be unique'],
    ['duplicate keys deep inside', `{"packages": {"x": {"version": "1", "version": "2"}}}`, 'in.json:1: Map keys must be unique'],
    ['a top-level sequence', '\n[{"apiVersion": "v1", "kind": "ConfigMap"}]', 'in.json:2: the document is a sequence, not a Kubernetes object'],
    ['a number', '42', 'in.json:1: the document is a number scalar, not a Kubernetes object'],
    ['a string', '"x"', 'in.json:1: the document is a string scalar, not a Kubernetes object'],
    ['10,000-deep mappings', `{"a":${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}}`, 'in.json:1: nested too deeply'],
    ['10,000-deep sequences', `${'['.repeat(10000)}${']'.repeat(10000)}`, 'in.json:1: nested too deeply'],
    ['10,000-deep sequences in a mapping, on line 3', `{\n"a":\n${'['.repeat(10000)}${']'.repeat(10000)}}`, 'in.json:3: nested too deeply'],
  ])('%s gives the same error as before', (_, text, expected) => {
    const error = errorOf(text);
    expect(error).toContain(expected);
    expect({ error }).toEqual(yamlOnlyOutcome(text));
  });

  test('nesting up to 64 levels is read by JSON.parse, deeper by the YAML parser, with the same result', () => {
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const shallow = traced(nested(64));
    expect(shallow.yamlParsed).toBe(false);
    expect(shallow.result).toEqual(yamlOnlyOutcome(nested(64)));
    const deeper = traced(nested(65));
    expect(deeper.yamlParsed).toBe(true);
    expect(deeper.result).toEqual(yamlOnlyOutcome(nested(65)));
    expect('manifests' in deeper.result).toBe(true);
  });

  test('a lockfile over 3 MiB is read without the YAML lexer that looks for huge values', () => {
    // GIVEN 4 MiB of small values, as a monorepo's lockfile has
    const packages: Record<string, { version: string; resolved: string }> = {};
    for (let i = 0; i < 40_000; i++) {
      packages[`node_modules/p${i}`] = { version: `1.0.${i}`, resolved: `https://registry.npmjs.org/p${i}/-/p${i}-1.0.${i}.tgz` };
    }
    const text = JSON.stringify({ name: 'monorepo', lockfileVersion: 3, packages }, null, 2);
    expect(text.length).toBeGreaterThan(MAX_VALUE_CHARS);
    const lex = jest.spyOn(yaml.Lexer.prototype, 'lex');
    try {
      // WHEN
      const { result, yamlParsed } = traced(text);
      // THEN
      expect(yamlParsed).toBe(false);
      expect(lex).not.toHaveBeenCalled();
      expect(result).toEqual({ manifests: [{ object: JSON.parse(text), file: 'in.json', line: 1 }] });
    } finally {
      lex.mockRestore();
    }
  });

  test.each([
    ['a 4 MiB string', `{\n"name": "x",\n"blob": "${'x'.repeat(4 * 1024 * 1024)}"\n}`, 'in.json:3: a single value of 4.0 MiB'],
    ['a 4 MiB string as a key', `{\n"${'k'.repeat(4 * 1024 * 1024)}": 1}`, 'in.json:2: a single value of 4.0 MiB'],
  ])('%s in a JSON mapping without apiVersion/kind is refused as before', (_, text, expected) => {
    const error = errorOf(text);
    expect(error).toContain(expected);
    expect({ error }).toEqual(yamlOnlyOutcome(text));
  });

  test('4 MiB of spaces between two values is refused as before (the YAML lexer measures them as one token)', () => {
    const text = `{"a": 1,${' '.repeat(4 * 1024 * 1024)}"b": 2}`;
    expect(errorOf(text)).toContain('in.json:1: a single value of 4.0 MiB');
    expect(outcome(text)).toEqual(yamlOnlyOutcome(text));
  });

  test('flow nesting is read up to 256 levels and refused beyond, the same from JSON.parse\'s count and the lexer\'s', () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(outcome(nested(256))).toEqual({ manifests: [expect.objectContaining({ line: 1 })] });
    expect(outcome(nested(256))).toEqual(yamlOnlyOutcome(nested(256)));
    expect(errorOf(nested(257))).toBe('in.json:1: nested too deeply to read (more than 256 levels of [ ] and { }); Kubernetes objects are never nested this deep');
    expect(outcome(nested(257))).toEqual(yamlOnlyOutcome(nested(257)));
  });

  test('brackets inside strings and comments do not count as nesting', () => {
    const json = `{"a": "${'['.repeat(300)}", "b": ["${'{'.repeat(300)}"]}`;
    expect(outcome(json)).toEqual({ manifests: [{ object: JSON.parse(json), file: 'in.json', line: 1 }] });
    const yamlText = `# ${'['.repeat(300)}\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "${'{'.repeat(300)}"}\ndata: {a: '${'['.repeat(300)}'}\n`;
    const result = outcome(yamlText);
    if (!('manifests' in result)) throw new Error(result.error);
    expect(result.manifests.map(m => m.line)).toEqual([2]);
  });

  test('several 10,000-deep documents in one process each get the error, never a V8 abort', () => {
    // Before the depth was counted ahead of the parser, the second overflow could abort the process in V8's regexp
    // compiler ("RegExpCompiler Allocation failed"), which no try/catch sees.
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}`;
    for (const text of [deep, `a: ${deep}`, `${deep}\n---\n${deep}\n`, `{"a": ${deep}}`]) {
      expect(errorOf(text)).toContain('nested too deeply');
    }
  });

  test('invalid JSON gets the YAML parser\'s message, as before', () => {
    // A trailing comma is invalid JSON but valid YAML flow: the same manifest as before, not an error.
    const trailing = '{"a": 1,}';
    expect(outcome(trailing)).toEqual({ manifests: [{ object: { a: 1 }, file: 'in.json', line: 1 }] });
    expect(outcome(trailing)).toEqual(yamlOnlyOutcome(trailing));
    // An unclosed brace is an error from the YAML parser, with its line.
    const unclosed = '{\n"a": 1,\n"b": [1, 2]\n';
    expect(errorOf(unclosed)).toMatch(/^in\.json:\d+: /);
    expect(outcome(unclosed)).toEqual(yamlOnlyOutcome(unclosed));
  });

  test('a carriage return alone is not a line break to the YAML parser: the YAML path decides', () => {
    const text = '{"a": 1,\r"b": 2}';
    const { result, yamlParsed } = traced(text);
    expect(yamlParsed).toBe(true);
    expect(result).toEqual(yamlOnlyOutcome(text));
    expect(JSON.parse(text)).toEqual({ a: 1, b: 2 });
    expect(result).not.toEqual({ manifests: [{ object: { a: 1, b: 2 }, file: 'in.json', line: 1 }] });
  });

  test('keys YAML treats specially (merge, __proto__) read as before', () => {
    for (const text of ['{"<<": {"a": 1}, "b": 2}', '{"__proto__": {"polluted": true}, "b": 2}']) {
      const { result, yamlParsed } = traced(text);
      expect(yamlParsed).toBe(false);
      expect(result).toEqual(yamlOnlyOutcome(text));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** A JSON tree whose mappings are lists of pairs, so a key may repeat, as a hand-written file may repeat it. */
type Tree = null | boolean | number | string | { seq: Tree[] } | { map: Array<[string, Tree]> };

const KEY = fc.oneof(
  fc.constantFrom('a', 'b', 'name', 'kind', 'apiVersion', 'items', 'metadata', '__proto__', '<<', '', '? x', '- y', '#', '&a', '*a', '!t', 'a: b'),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const STRING = fc.oneof(
  fc.constantFrom('v1', 'List', 'ConfigMap', 'yes', 'null', '~', '1', '0x1F', '- x', '# c', 'a: b', '---', '...', '\u2028', '\u0085', '\ufeff', '\t', '"'),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const NUMBER = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-0, 1e21, 12345678901234567890, 5e-324));
const { tree: TREE } = fc.letrec<{ tree: Tree; seq: Tree; map: Tree }>(tie => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.boolean(), NUMBER, STRING, tie('seq'), tie('map')),
  seq: fc.array(tie('tree'), { maxLength: 4 }).map(seq => ({ seq })),
  map: fc.array(fc.tuple(KEY, tie('tree')), { maxLength: 5 }).map(map => ({ map })),
}));
const TOP = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(KEY, TREE), { maxLength: 6 }).map((map): Tree => ({ map })) },
  { weight: 1, arbitrary: TREE },
);
/** Whitespace JSON allows, and spellings of the same string, used in turn while writing. */
const WHITESPACE = fc.array(fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n', '  \n  ', '\n\t') },
  { weight: 1, arbitrary: fc.constant('\r') },
), { minLength: 1, maxLength: 32 });
const SPELLING = fc.array(fc.constantFrom(0, 0, 1, 2), { minLength: 1, maxLength: 16 });

function jsonText(top: Tree, whitespace: string[], spelling: number[]): string {
  let w = 0;
  let s = 0;
  const ws = () => whitespace[w++ % whitespace.length];
  const str = (value: string) => {
    const style = spelling[s++ % spelling.length];
    if (style === 0) return JSON.stringify(value);
    const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    if (style === 1) return JSON.stringify(value).replace(/\//g, '\\/').replace(/[^\x20-\x7e]/g, escape);
    return `"${value.split('').map(escape).join('')}"`;
  };
  const write = (t: Tree): string => {
    if (t === null || typeof t === 'boolean' || typeof t === 'number') return JSON.stringify(t);
    if (typeof t === 'string') return str(t);
    if ('seq' in t) return `[${ws()}${t.seq.map(v => `${write(v)}${ws()}`).join(`,${ws()}`)}]`;
    return `{${ws()}${t.map.map(([k, v]) => `${str(k)}${ws()}:${ws()}${write(v)}${ws()}`).join(`,${ws()}`)}}`;
  };
  return `${ws()}${write(top)}${ws()}`;
}

describe('parseManifests on random JSON', () => {
  test('gives the same manifests, lines and errors as the YAML path alone', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(fc.property(TOP, WHITESPACE, SPELLING, fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }), (top, whitespace, spelling, cut) => {
      const full = jsonText(top, whitespace, spelling);
      // Now and then a truncated file: invalid JSON must get the YAML parser's answer too.
      const text = cut === null ? full : full.slice(0, cut % (full.length + 1));
      const { result, yamlParsed } = traced(text);
      runs++;
      if (!yamlParsed) fast++;
      expect(result).toEqual(yamlOnlyOutcome(text));
    }), { numRuns: 3000 });
    // The property is not vacuous: a good share of the documents took the fast path.
    expect(fast).toBeGreaterThan(runs / 5);
  });
});
