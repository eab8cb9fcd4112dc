import { MeshIdentity } from '../../src/mesh';

describe('MeshIdentity', () => {
  test('builds principals on the add-on trust domain', () => {
    expect(MeshIdentity.principal('bookinfo', 'bookinfo-productpage')).toEqual('cluster.local/ns/bookinfo/sa/bookinfo-productpage');
    expect(MeshIdentity.principal('a', 'b', 'example.org')).toEqual('example.org/ns/a/sa/b');
    expect(MeshIdentity.ROOT_NAMESPACE).toEqual('aks-istio-system');
  });

  test('names the managed ingress gateways service accounts after their Services', () => {
    expect(MeshIdentity.ingressServiceAccountName('external')).toEqual('aks-istio-ingressgateway-external');
    expect(MeshIdentity.ingressServiceAccountName('internal')).toEqual('aks-istio-ingressgateway-internal');
  });

  test('parses principals and refuses other forms', () => {
    expect(MeshIdentity.parsePrincipal('cluster.local/ns/shop/sa/web')).toEqual({ trustDomain: 'cluster.local', namespace: 'shop', serviceAccount: 'web' });
    for (const bad of ['shop/web', 'cluster.local/ns/shop/web', 'cluster.local/namespace/shop/sa/web', 'cluster.local/ns/Shop/sa/web', 'cluster.local/ns/shop/sa/', '*', 'spiffe://cluster.local/ns/a/sa/b']) {
      expect(MeshIdentity.parsePrincipal(bad)).toBeUndefined();
    }
  });
});
