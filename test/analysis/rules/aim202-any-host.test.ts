import { AnyHost, Severity } from '../../../src/analysis';
import { check, GWAPI, ISTIO, externalGateway, obj } from '../helpers';

describe('AnyHost (AIM202)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['a.example.com'] }]), obj(ISTIO, 'Gateway', 'shop', 'internal', { selector: { istio: 'aks-istio-ingressgateway-internal' }, servers: [{ hosts: ['*'] }] })];
    // WHEN
    const findings = check(AnyHost, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'aks-istio-ingress', 'gw', { addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }], listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] })];
    // WHEN
    const findings = check(AnyHost, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM202', severity: Severity.WARNING, message: 'Gateway aks-istio-ingress/gw listener "http" on the external gateway accepts any host (no hostname)', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
