import { MAX_VALUE_CHARS, ManifestParseError, parseManifests } from '../../src/analysis';

function names(text: string, file = 'x.yaml', defaultNamespace?: string): string[] {
  return parseManifests(text, file, { defaultNamespace }).map(m => `${m.line} ${String((m.object.metadata as Record<string, unknown>).namespace ?? '-')}/${String((m.object.metadata as Record<string, unknown>).name)}`);
}

function parseError(text: string): ManifestParseError {
  try {
    parseManifests(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ManifestParseError) return e;
    throw e;
  }
  throw new Error('expected a ManifestParseError');
}

const CM = (name: string, ns?: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns !== undefined ? `  namespace: ${ns}\n` : ''}`;

describe('parseManifests', () => {
  test('reports each List item at its own line', () => {
    // GIVEN a List as kubectl get -o yaml writes it
    const text = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: a
- apiVersion: v1
  kind: ConfigMap
  metadata:
    name: b
metadata:
  resourceVersion: ""
`;
    // THEN
    expect(names(text)).toEqual(['4 -/a', '8 -/b']);
  });

  test('reads JSON files, a JSON List with each item at its own line', () => {
    const one = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } });
    expect(names(one, 'a.json')).toEqual(['1 x/a']);
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } }] }, null, 2);
    // Each item's "{" opens it: line 5 and line 12 of the indented JSON.
    expect(list.split('\n')[4].trim()).toBe('{');
    expect(names(list, 'list.json')).toEqual(['5 -/a', '12 -/b']);
  });

  test('reads multi-document files with comments, empty documents and Helm-style separators', () => {
    const text = `# Source: shop/templates/a.yaml
---
# Source: shop/templates/a.yaml
${CM('a', 'shop')}---
---
# only a comment
---
${CM('b', 'shop')}
---
`;
    expect(names(text)).toEqual(['4 shop/a', '13 shop/b']);
  });

  test('gives namespaced objects without a namespace the default one, never cluster-scoped kinds', () => {
    const text = [
      CM('a'),
      CM('b', 'kept'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: istio\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\n',
      'apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: vs\n',
    ].join('---\n');
    expect(names(text, 'x.yaml', 'team')).toEqual(['1 team/a', '6 kept/b', '12 -/shop', '17 -/istio', '22 -/reader', '27 team/vs']);
    // Without the option (synth-time analysis of in-memory objects), nothing is added.
    expect(names(text)).toEqual(['1 -/a', '6 kept/b', '12 -/shop', '17 -/istio', '22 -/reader', '27 -/vs']);
  });

  test('skips empty input and comment-only files', () => {
    expect(parseManifests('', 'empty.yaml')).toEqual([]);
    expect(parseManifests('# nothing\n---\n', 'c.yaml')).toEqual([]);
    expect(parseManifests('~\n', 'null.yaml')).toEqual([]);
  });

  test('fails when a document is a bare scalar or a top-level sequence, naming file and line', () => {
    expect(parseError(`${CM('a')}---\njust text\n`).message).toBe('bad.yaml:6: the document is a string scalar, not a Kubernetes object (a mapping with apiVersion and kind); put several objects in a "kind: List" or separate them with ---');
    expect(parseError('- a\n- b\n').message).toMatch(/^bad\.yaml:1: the document is a sequence, not a Kubernetes object/);
    expect(parseError('42\n').message).toMatch(/^bad\.yaml:1: the document is a number scalar/);
    expect(parseError('apiVersion: v1\nkind: List\nitems:\n- 3\n').message).toMatch(/^bad\.yaml:4: item 0 of the List is a number, not a Kubernetes object/);
  });

  test('fails on an alias bomb but reads ordinary anchors', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]`)].join('\n');
    expect(parseError(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n${bomb}\n`).message).toMatch(/^bad\.yaml:1: too many alias expansions \(more than 100\): a YAML "billion laughs" bomb/);
    const anchors = `apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, labels: {a: b}}\ndata: {copy: *m}\n`;
    expect(parseManifests(anchors.replace('data: {copy: *m}', 'x: *m'), 'ok.yaml')).toHaveLength(1);
  });

  // Block nesting (50 MB of indentation at 10,000 levels) is covered by test/cli/hostile-input.test.ts.
  test('fails on 10,000-deep flow nesting with a message, not a crash', () => {
    expect(parseError(`a: ${'['.repeat(10000)}${']'.repeat(10000)}\n`).message).toMatch(/^bad\.yaml:1: nested too deeply to read/);
  });

  test('refuses a single value over the limit before composing it, naming its line', () => {
    const text = `${CM('a')}data:\n  big: "${'x'.repeat(MAX_VALUE_CHARS + 1)}"\n`;
    expect(parseError(text).message).toMatch(/^bad\.yaml:6: a single value of 3\.0 MiB; the Kubernetes API server accepts at most 3 MiB/);
    // Just under the limit is read.
    expect(parseManifests(`${CM('a')}data:\n  big: "${'x'.repeat(MAX_VALUE_CHARS - 2)}"\n`, 'ok.yaml')).toHaveLength(1);
  });
});
