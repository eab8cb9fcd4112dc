import { MissingReferenceGrant, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

describe('MissingReferenceGrant (AIM108)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'HTTPRoute', 'shop', 'r', { rules: [{ backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] }] }), obj('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'backend', 'rg', { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service' }] })];
    // WHEN
    const findings = check(MissingReferenceGrant, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'HTTPRoute', 'shop', 'r', { rules: [{ backendRefs: [{ name: 'api', namespace: 'backend', port: 80 }] }] })];
    // WHEN
    const findings = check(MissingReferenceGrant, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM108', severity: Severity.ERROR, message: 'HTTPRoute shop/r has a backendRef to Service backend/api, but no ReferenceGrant in "backend" allows HTTPRoute from "shop"', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});

describe('MissingReferenceGrant (AIM108) for listener certificateRefs', () => {
  const gateway = obj(GWAPI, 'Gateway', 'shop', 'gw', {
    gatewayClassName: 'istio',
    listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'shop-tls', namespace: 'aks-istio-ingress' }] } }],
  });

  test('is quiet when a ReferenceGrant in the Secret\'s namespace allows the Gateway', () => {
    const grant = obj('gateway.networking.k8s.io/v1beta1', 'ReferenceGrant', 'aks-istio-ingress', 'allow-shop',
      { from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'shop' }], to: [{ group: '', kind: 'Secret', name: 'shop-tls' }] });
    expect(check(MissingReferenceGrant, [gateway, grant])).toEqual([]);
  });

  test('fires when no ReferenceGrant allows the cross-namespace certificateRef', () => {
    const findings = check(MissingReferenceGrant, [gateway]);
    expect(findings.map(f => f.message)).toEqual([
      'Gateway shop/gw listener "https" has a certificateRef to Secret aks-istio-ingress/shop-tls, but no ReferenceGrant in "aks-istio-ingress" allows Gateway from "shop"',
    ]);
    expect(findings[0].code).toBe('AIM108');
  });
});
