import { UnknownGatewaySelector, Severity } from '../../../src/analysis';
import { check, ISTIO, externalGateway, obj, profile } from '../helpers';

describe('UnknownGatewaySelector (AIM110)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', []), obj(ISTIO, 'Gateway', 'shop', 'eg', { selector: { istio: 'egress' } })];
    // WHEN
    const findings = check(UnknownGatewaySelector, objects, profile);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'Gateway', 'shop', 'gw', { selector: { istio: 'aks-istio-ingressgateway-internal' } })];
    // WHEN
    const findings = check(UnknownGatewaySelector, objects, profile);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM110', severity: Severity.ERROR, message: expect.stringContaining('selects the internal managed ingress gateway'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
