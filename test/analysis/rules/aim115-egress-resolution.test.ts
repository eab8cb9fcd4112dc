import { EgressResolution, Severity } from '../../../src/analysis';
import { check, ISTIO, obj, profile } from '../helpers';

describe('EgressResolution (AIM115)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'ServiceEntry', 'shop', 'cnn', { hosts: ['edition.cnn.com'], resolution: 'DNS' }), obj(ISTIO, 'Gateway', 'aks-istio-egress', 'egw', { selector: { istio: 'egress' } }), obj(ISTIO, 'VirtualService', 'aks-istio-egress', 'vs', { hosts: ['edition.cnn.com'], gateways: ['egw', 'mesh'] })];
    // WHEN
    const findings = check(EgressResolution, objects, profile);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'ServiceEntry', 'shop', 'cnn', { hosts: ['edition.cnn.com'], resolution: 'STATIC' }), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['edition.cnn.com'], gateways: ['mesh'], http: [{ route: [{ destination: { host: 'egress.aks-istio-egress.svc.cluster.local' } }] }] })];
    // WHEN
    const findings = check(EgressResolution, objects, profile);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM115', severity: Severity.ERROR, message: expect.stringContaining('but its resolution is STATIC, not DNS'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
