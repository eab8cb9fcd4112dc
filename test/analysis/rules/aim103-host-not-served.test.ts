import { HostNotServed, Severity } from '../../../src/analysis';
import { check, ISTIO, externalGateway, obj } from '../helpers';

describe('HostNotServed (AIM103)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'edge', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop/*.example.com', './admin.example.com'] }]), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['www.example.com'], gateways: ['edge/gw'] })];
    // WHEN
    const findings = check(HostNotServed, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'edge', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop/*.example.com', './admin.example.com'] }]), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['www.example.com', 'www.example.org'], gateways: ['edge/gw'] })];
    // WHEN
    const findings = check(HostNotServed, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM103', severity: Severity.ERROR, message: expect.stringContaining('host "www.example.org" is not admitted'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
