import { MissingTlsSecret, Severity } from '../../../src/analysis';
import { check, externalGateway, obj } from '../helpers';

describe('MissingTlsSecret (AIM204)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } }]), obj('secrets-store.csi.x-k8s.io/v1', 'SecretProviderClass', 'aks-istio-ingress', 'kv', { provider: 'azure', secretObjects: [{ secretName: 'shop-tls', type: 'kubernetes.io/tls' }] })];
    // WHEN
    const findings = check(MissingTlsSecret, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } }])];
    // WHEN
    const findings = check(MissingTlsSecret, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM204', severity: Severity.WARNING, message: 'Gateway shop/gw TLS credentialName "shop-tls" has no Secret or SecretProviderClass secretObjects entry in "aks-istio-ingress" or "shop"', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
