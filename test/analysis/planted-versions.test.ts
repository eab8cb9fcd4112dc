import { MeshRule, Severity } from '../../src/analysis';
import { check, ISTIO, obj, olderVersions } from './helpers';

describe('every planted case also runs in the older served versions (helpers.check)', () => {
  test('maps each group to the versions its CRDs still serve', () => {
    expect(olderVersions('networking.istio.io/v1', 'VirtualService')).toEqual(['networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1']);
    expect(olderVersions('gateway.networking.k8s.io/v1', 'HTTPRoute')).toEqual(['gateway.networking.k8s.io/v1beta1']);
    expect(olderVersions('gateway.networking.k8s.io/v1', 'TLSRoute')).toEqual(['gateway.networking.k8s.io/v1alpha2']);
    expect(olderVersions('security.istio.io/v1', 'AuthorizationPolicy')).toEqual(['security.istio.io/v1beta1']);
    expect(olderVersions('v1', 'Service')).toEqual([]);
  });

  test('fails a rule that judges v1 objects differently from v1beta1 ones', () => {
    // GIVEN: a rule that only sees v1 (the bug the check exists to catch)
    const versionBound: MeshRule = {
      code: 'AIM999', severity: Severity.ERROR, explanation: 'test', fix: 'test',
      check: index => index.objects.filter(o => o.ref.apiVersion === ISTIO).map(target => ({ target, message: 'seen' })),
    };
    // WHEN / THEN
    expect(() => check(versionBound, [obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['a'] })])).toThrow();
  });
});
