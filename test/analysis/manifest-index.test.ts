import { Manifest } from '../../src/analysis';
import { ManifestIndex } from '../../src/analysis/manifest-index';

const vs = (name: string, namespace?: string): Manifest => ({
  object: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name, ...(namespace !== undefined ? { namespace } : {}) }, spec: {} },
});

describe('ManifestIndex', () => {
  test('finds an object by group, kind, namespace and name, also when several namespaces share the name', () => {
    const index = new ManifestIndex([vs('web', 'a'), vs('web', 'b'), vs('web', 'c'), vs('api', 'a')]);
    expect(index.get('networking.istio.io', 'VirtualService', 'b', 'web')?.ref).toEqual({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'b', name: 'web' });
    expect(index.get('networking.istio.io', 'VirtualService', 'a', 'api')?.ref.namespace).toBe('a');
    expect(index.get('networking.istio.io', 'VirtualService', 'd', 'web')).toBeUndefined();
    expect(index.get('networking.istio.io', 'VirtualService', 'b', 'api')).toBeUndefined();
    expect(index.get('networking.istio.io', 'Gateway', 'a', 'web')).toBeUndefined();
    expect(index.get('gateway.networking.k8s.io', 'VirtualService', 'a', 'web')).toBeUndefined();
    expect(index.ofKind('networking.istio.io', 'VirtualService').map(o => o.ref.namespace)).toEqual(['a', 'b', 'c', 'a']);
  });

  test('no namespace and the empty namespace are one identity, before and after a name is shared', () => {
    const lone = new ManifestIndex([vs('web')]);
    expect(lone.get('networking.istio.io', 'VirtualService', '', 'web')).toBeDefined();
    expect(lone.get('networking.istio.io', 'VirtualService', undefined, 'web')).toBeDefined();
    const shared = new ManifestIndex([vs('web', 'a'), vs('web')]);
    expect(shared.get('networking.istio.io', 'VirtualService', '', 'web')?.ref.namespace).toBeUndefined();
    expect(shared.get('networking.istio.io', 'VirtualService', undefined, 'web')?.ref.namespace).toBeUndefined();
  });

  test('the second object with an identity is a duplicate, the first stays the one found', () => {
    const index = new ManifestIndex([vs('web', 'a'), vs('web', 'a'), vs('web'), vs('web', ''), vs('web', 'b'), vs('web', 'b')]);
    expect(index.duplicates.map(d => d.ref.namespace ?? '(none)')).toEqual(['a', '', 'b']);
    expect(index.get('networking.istio.io', 'VirtualService', 'a', 'web')).toBe(index.objects[0]);
    expect(index.get('networking.istio.io', 'VirtualService', undefined, 'web')).toBe(index.objects[2]);
  });

  test('leaves out objects without apiVersion, kind or a string name', () => {
    const index = new ManifestIndex([
      { object: { kind: 'VirtualService', metadata: { name: 'x' } } },
      { object: { apiVersion: 'v1', metadata: { name: 'x' } } },
      { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 3 } } },
      { object: { apiVersion: 'v1', kind: 'Service', metadata: 'x' } },
      { object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ok' } } },
    ]);
    expect(index.objects.map(o => o.ref.name)).toEqual(['ok']);
    expect(index.get('', 'Service', undefined, 'ok')?.group).toBe('');
  });

  test('one group and kind is one bucket whatever the version, and sets with very many kinds index all of them', () => {
    // GIVEN 100 kinds (more than the index compares by apiVersion and kind before it falls back to its Maps), each twice,
    // and one kind in two versions of its group, the second version's apiVersion a different string of the same text
    const many = Array.from({ length: 100 }, (_, i) => ({ object: { apiVersion: `example.com/v${i % 3}`, kind: `Widget${i}`, metadata: { name: 'w', namespace: 'a' } } }));
    const index = new ManifestIndex([
      ...many,
      ...many.map(m => ({ object: { ...m.object } })),
      { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'a' } } },
      { object: { apiVersion: ['gateway.networking.k8s.io', 'v1beta1'].join('/'), kind: 'Gateway', metadata: { name: 'gw', namespace: 'a' } } },
    ]);
    // THEN every kind is found, its second object is a duplicate, and the two Gateway versions are one identity
    expect(index.ofKind('example.com', 'Widget99')).toHaveLength(2);
    expect(index.get('example.com', 'Widget70', 'a', 'w')).toBe(index.objects[70]);
    expect(index.duplicates).toHaveLength(101);
    expect(index.ofKind('gateway.networking.k8s.io', 'Gateway').map(o => o.ref.apiVersion)).toEqual(['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1']);
    expect(index.duplicates[100].ref.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(index.objects.every(o => o.group === o.ref.apiVersion.split('/')[0])).toBe(true);
  });
});
