import { ManagedAddressNamespace, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

describe('ManagedAddressNamespace (AIM109)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'aks-istio-ingress', 'gw', { addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }], listeners: [] })];
    // WHEN
    const findings = check(ManagedAddressNamespace, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'shop', 'gw', { addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external.aks-istio-ingress.svc.cluster.local' }], listeners: [] })];
    // WHEN
    const findings = check(ManagedAddressNamespace, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM109', severity: Severity.ERROR, message: expect.stringContaining('but is in namespace "shop", not "aks-istio-ingress"'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
