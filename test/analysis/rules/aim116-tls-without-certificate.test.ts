import { analyze, Severity, TlsWithoutCertificate } from '../../../src/analysis';
import { check, externalGateway, GWAPI, obj } from '../helpers';

const httpsServer = (tls: Record<string, unknown>) => ({ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls });
const httpsListener = (tls: Record<string, unknown> | undefined, name = 'gw') =>
  obj(GWAPI, 'Gateway', 'aks-istio-ingress', name, { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls }] });

describe('TlsWithoutCertificate (AIM116)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [
      externalGateway('a', 'shop', [httpsServer({ mode: 'SIMPLE', credentialName: 'shop-tls' })]),
      externalGateway('b', 'shop', [httpsServer({ mode: 'MUTUAL', serverCertificate: '/etc/certs/c.pem', privateKey: '/etc/certs/k.pem' })]),
      externalGateway('c', 'shop', [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['a.example.com'], tls: { mode: 'PASSTHROUGH' } }]),
      httpsListener({ mode: 'Terminate', certificateRefs: [{ name: 'shop-tls' }] }),
    ];
    // WHEN
    const findings = check(TlsWithoutCertificate, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      externalGateway('a', 'shop', [httpsServer({ mode: 'SIMPLE' })]),
      externalGateway('b', 'shop', [httpsServer({ mode: 'MUTUAL', serverCertificate: '/etc/certs/c.pem' })]),
    ];
    // WHEN
    const findings = check(TlsWithoutCertificate, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'Gateway shop/a server 0 (port 443) has tls.mode SIMPLE but no credentialName or certificate files',
      'Gateway shop/b server 0 (port 443) has tls.mode MUTUAL but no credentialName or certificate files',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM116', severity: Severity.ERROR, file: 'test.yaml' });
    expect(findings[0].fix).toContain('credentialName');
    expect(findings).toMatchSnapshot();
  });

  test('leaves Gateway API listeners to AIM133: one finding per listener without a certificate', () => {
    // GIVEN a listener with no certificateRefs, and one with no tls at all (Terminate is the default mode)
    const objects = [httpsListener({ mode: 'Terminate' }, 'gw-0'), httpsListener(undefined, 'gw-1')];
    // WHEN all rules run
    const findings = analyze(objects.map(object => ({ object })));
    // THEN each listener has exactly one finding, AIM133's
    expect(findings.map(f => [f.code, f.object.name])).toEqual([['AIM133', 'gw-0'], ['AIM133', 'gw-1']]);
  });
});
