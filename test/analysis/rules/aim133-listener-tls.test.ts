import { InvalidListenerTls, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

const cert = { certificateRefs: [{ name: 'cert' }] };

describe('InvalidListenerTls (AIM133)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [
      { name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', ...cert } },
      { name: 'https-default-mode', port: 8443, protocol: 'HTTPS', tls: cert },
      { name: 'tls', port: 9443, protocol: 'TLS', tls: { mode: 'Passthrough' } },
      { name: 'http', port: 80, protocol: 'HTTP' },
    ] })];
    // WHEN
    const findings = check(InvalidListenerTls, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [
      { name: 'https', port: 443, protocol: 'HTTPS' },
      { name: 'tls', port: 9443, protocol: 'TLS' },
      { name: 'pass', port: 8443, protocol: 'HTTPS', tls: { mode: 'Passthrough' } },
      { name: 'nocert', port: 7443, protocol: 'HTTPS', tls: { mode: 'Terminate' } },
    ] })];
    // WHEN
    const findings = check(InvalidListenerTls, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'Gateway edge/gw listener "https" (HTTPS) has no tls',
      'Gateway edge/gw listener "tls" (TLS) has no tls',
      'Gateway edge/gw listener "pass" (HTTPS) has tls.mode Passthrough; only TLS listeners pass through, HTTPS terminates',
      'Gateway edge/gw listener "nocert" (HTTPS) terminates TLS but has no certificateRefs',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM133', severity: Severity.ERROR, file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
