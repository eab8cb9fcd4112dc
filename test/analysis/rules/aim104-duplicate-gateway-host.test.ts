import { DuplicateGatewayHost, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

describe('DuplicateGatewayHost (AIM104)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'VirtualService', 'shop', 'a', { hosts: ['a.example.com'], gateways: ['gw'] }), obj(ISTIO, 'VirtualService', 'shop', 'b', { hosts: ['b.example.com'], gateways: ['gw'] })];
    // WHEN
    const findings = check(DuplicateGatewayHost, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'VirtualService', 'shop', 'a', { hosts: ['a.example.com'], gateways: ['gw'] }), obj(ISTIO, 'VirtualService', 'shop', 'b', { hosts: ['a.example.com'], gateways: ['shop/gw'] })];
    // WHEN
    const findings = check(DuplicateGatewayHost, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM104', severity: Severity.WARNING, message: 'VirtualService shop/b and VirtualService shop/a both claim host "a.example.com" on gateway shop/gw', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
