import { UnexposedPort, Severity } from '../../../src/analysis';
import { check, externalGateway } from '../helpers';

describe('UnexposedPort (AIM201)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'] }])];
    // WHEN
    const findings = check(UnexposedPort, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 8443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'] }])];
    // WHEN
    const findings = check(UnexposedPort, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM201', severity: Severity.WARNING, message: expect.stringContaining('serves port 8443 on the external managed ingress gateway'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
