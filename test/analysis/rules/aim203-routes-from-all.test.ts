import { RoutesFromAll, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

describe('RoutesFromAll (AIM203)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'aks-istio-ingress', 'gw', { addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }], listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }] })];
    // WHEN
    const findings = check(RoutesFromAll, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'aks-istio-ingress', 'gw', { addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }], listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] })];
    // WHEN
    const findings = check(RoutesFromAll, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM203', severity: Severity.WARNING, message: 'Gateway aks-istio-ingress/gw listener "http" on the external gateway admits routes from All namespaces', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
