import { orderManifestFiles, renderKustomization } from '../../../src/k8s/private/kustomization';

const ns = (name: string): unknown => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const cm = (namespace: string): unknown => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace } });
const crd = (group: string, kind: string): unknown => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${kind.toLowerCase()}s.${group}` },
  spec: { group, names: { kind } },
});

describe('orderManifestFiles', () => {
  test('files stay in path order when nothing depends on anything', () => {
    const { files, warnings } = orderManifestFiles([
      { path: 'b.k8s.yaml', objects: [cm('x')] },
      { path: 'a.k8s.yaml', objects: [cm('y')] },
    ]);
    expect(files).toEqual(['a.k8s.yaml', 'b.k8s.yaml']);
    expect(warnings).toEqual([]);
  });

  test('a file that creates a namespace precedes the files using it', () => {
    // GIVEN: a.* uses the namespace shop that z-platform.* creates
    const input = [
      { path: 'a-shop.k8s.yaml', objects: [cm('shop')] },
      { path: 'm-other.k8s.yaml', objects: [cm('other')] },
      { path: 'z-platform.k8s.yaml', objects: [ns('shop'), cm('aks-istio-system')] },
    ];
    // WHEN
    const { files } = orderManifestFiles(input);
    // THEN
    expect(files).toEqual(['m-other.k8s.yaml', 'z-platform.k8s.yaml', 'a-shop.k8s.yaml']);
    expect(orderManifestFiles([...input].reverse()).files).toEqual(files);
  });

  test('a file that defines a CRD precedes the files with objects of that kind', () => {
    const { files } = orderManifestFiles([
      { path: 'a.k8s.yaml', objects: [{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }] },
      { path: 'b.k8s.yaml', objects: [crd('example.com', 'Widget')] },
    ]);
    expect(files).toEqual(['b.k8s.yaml', 'a.k8s.yaml']);
  });

  test('chains of dependencies are followed', () => {
    const { files } = orderManifestFiles([
      { path: 'a.k8s.yaml', objects: [cm('two')] },
      { path: 'b.k8s.yaml', objects: [ns('two'), cm('one')] },
      { path: 'c.k8s.yaml', objects: [ns('one')] },
    ]);
    expect(files).toEqual(['c.k8s.yaml', 'b.k8s.yaml', 'a.k8s.yaml']);
  });

  test('a cycle keeps path order and says so', () => {
    const { files, warnings } = orderManifestFiles([
      { path: 'b.k8s.yaml', objects: [ns('b'), cm('a')] },
      { path: 'a.k8s.yaml', objects: [ns('a'), cm('b')] },
      { path: 'c.k8s.yaml', objects: [cm('c')] },
    ]);
    expect(files).toEqual(['c.k8s.yaml', 'a.k8s.yaml', 'b.k8s.yaml']);
    expect(warnings).toEqual([expect.stringContaining("'a.k8s.yaml', 'b.k8s.yaml' create namespaces or CRDs for each other in a cycle")]);
  });

  test('objects that are not manifests are ignored', () => {
    const { files } = orderManifestFiles([{ path: 'a.yaml', objects: [null, 'text', [1], { kind: 'Namespace' }] }]);
    expect(files).toEqual(['a.yaml']);
  });
});

describe('renderKustomization', () => {
  test('lists the files as resources, quoted, in the given order', () => {
    expect(renderKustomization(['b.k8s.yaml', 'sub/a: b.yaml'])).toEqual([
      '# Written by aks-istio-mesh MeshApp: every manifest of this folder, namespaces and CRDs before the objects that use them.',
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - "b.k8s.yaml"',
      '  - "sub/a: b.yaml"',
      '',
    ].join('\n'));
  });

  test('an empty folder gets an empty resource list', () => {
    expect(renderKustomization([])).toContain('resources: []\n');
  });
});
