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
