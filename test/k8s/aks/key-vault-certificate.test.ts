import { Testing } from 'cdk8s';
import { IngressExposure } from '../../../src/k8s/aks/ingress-exposure';
import { IngressVia } from '../../../src/k8s/aks/ingress-via';
import { KeyVaultCertificate, KeyVaultTlsSource } from '../../../src/k8s/aks/key-vault-certificate';
import { ManagedIngressGateway } from '../../../src/k8s/aks/managed-ingress-gateway';
import { GatewayApiGateway } from '../../../src/k8s/gateway-api/gateway-api-gateway';
import { ListenerProtocol, ListenerTls } from '../../../src/k8s/gateway-api/listener';
import { GrantFrom, GrantTo, ReferenceGrant } from '../../../src/k8s/gateway-api/reference-grant';
import { GatewaySelector } from '../../../src/k8s/istio/gateway-selector';
import { IstioGateway } from '../../../src/k8s/istio/istio-gateway';
import { ServerProtocol, ServerTls } from '../../../src/k8s/istio/server';
import { PathMatch } from '../../../src/k8s/path-match';
import { ServiceBackend } from '../../../src/k8s/service-backend';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { findObject, Manifest, testChart, testProfile } from '../../support/mesh-chart';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const kvProfile = () => testProfile({ keyVault: { name: 'kv-bookinfo-tls', tenantId: TENANT, secretsProviderClientId: CLIENT } });
const rules = [{ matches: [PathMatch.exact('/productpage')], backends: [ServiceBackend.of('productpage', 9080)] }];

function spec(m: Manifest): Record<string, unknown> {
  return m.spec as Record<string, unknown>;
}

describe('KeyVaultCertificate', () => {
  test('creates a SecretProviderClass in aks-istio-ingress that syncs a kubernetes.io/tls Secret, and a pod that mounts it', () => {
    // GIVEN
    const chart = testChart(kvProfile(), 'bookinfo');
    // WHEN
    const cert = new KeyVaultCertificate(chart, 'cert', {
      secretName: 'productpage-credential',
      source: KeyVaultTlsSource.certificate('productpage-bookinfo'),
    });
    // THEN
    const objs = Testing.synth(chart);
    expect(objs).toMatchSnapshot();
    expect(cert.credentialName).toBe('productpage-credential');
    expect(cert.credentialNamespace).toBe('aks-istio-ingress');
    const spc = findObject(objs, 'SecretProviderClass', 'productpage-credential-spc');
    expect(spc.apiVersion).toBe('secrets-store.csi.x-k8s.io/v1');
    expect((spc.metadata as Record<string, unknown>).namespace).toBe('aks-istio-ingress');
    expect(spec(spc)).toEqual({
      provider: 'azure',
      parameters: {
        usePodIdentity: 'false',
        useVMManagedIdentity: 'true',
        userAssignedIdentityID: CLIENT,
        keyvaultName: 'kv-bookinfo-tls',
        tenantId: TENANT,
        objects: 'array:\n  - |\n    objectName: productpage-bookinfo\n    objectType: secret\n    objectAlias: productpage-bookinfo\n',
      },
      secretObjects: [{
        secretName: 'productpage-credential',
        type: 'kubernetes.io/tls',
        data: [{ objectName: 'productpage-bookinfo', key: 'tls.key' }, { objectName: 'productpage-bookinfo', key: 'tls.crt' }],
      }],
    });
    const deployment = findObject(objs, 'Deployment', 'productpage-credential-sync');
    expect((deployment.metadata as Record<string, unknown>).namespace).toBe('aks-istio-ingress');
    const podSpec = ((spec(deployment).template as Manifest).spec) as { volumes: unknown[]; containers: { volumeMounts: unknown[] }[] };
    expect(podSpec.volumes).toEqual([{
      name: 'secrets-store',
      csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'productpage-credential-spc' } },
    }]);
    expect(podSpec.containers[0].volumeMounts).toEqual([{ name: 'secrets-store', mountPath: '/mnt/secrets-store', readOnly: true }]);
  });

  test('separate key and certificate secrets give tls.key and tls.crt; a CA goes to <secretName>-cacert as ca.crt', () => {
    const chart = testChart(kvProfile());
    const cert = new KeyVaultCertificate(chart, 'cert', {
      secretName: 'productpage-credential',
      source: KeyVaultTlsSource.keyAndCertificate({ keyObjectName: 'pp-key', certificateObjectName: 'pp-crt' }),
      caCertificateObjectName: 'bookinfo-ca',
    });
    const spc = findObject(Testing.synth(chart), 'SecretProviderClass', 'productpage-credential-spc');
    expect(cert.hasCaCertificate).toBe(true);
    expect(spec(spc).secretObjects).toEqual([
      { secretName: 'productpage-credential', type: 'kubernetes.io/tls',
        data: [{ objectName: 'pp-key', key: 'tls.key' }, { objectName: 'pp-crt', key: 'tls.crt' }] },
      // The CSI driver syncs only tls.crt and tls.key into a kubernetes.io/tls Secret; Istio finds the CA here.
      { secretName: 'productpage-credential-cacert', type: 'Opaque', data: [{ objectName: 'bookinfo-ca-ca', key: 'ca.crt' }] },
    ]);
    expect((spec(spc).parameters as Record<string, string>).objects).toContain('objectName: bookinfo-ca\n    objectType: secret\n    objectAlias: bookinfo-ca-ca');
  });

  test('Istio and Gateway API gateways take the Secret name from the construct', () => {
    // GIVEN
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', {
      secretName: 'productpage-credential', source: KeyVaultTlsSource.certificate('pp'), caCertificateObjectName: 'ca',
    });
    // WHEN
    new IstioGateway(chart, 'gw', {
      metadata: { name: 'bookinfo-gateway' },
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [
        { port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.example.com'], tls: ServerTls.simple(cert) },
        { port: 443, protocol: ServerProtocol.HTTPS, hosts: ['b.example.com'], tls: ServerTls.mutual(cert) },
      ],
    });
    new ManagedIngressGateway(chart, 'api', {
      type: IngressGatewayType.EXTERNAL,
      name: 'bookinfo-tls',
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'a.example.com', tls: ListenerTls.terminate(cert) }],
    });
    // THEN
    const objs = Testing.synth(chart);
    const servers = spec(findObject(objs, 'Gateway', 'bookinfo-gateway')).servers as Manifest[];
    expect(servers.map(s => s.tls)).toEqual([
      { mode: 'SIMPLE', credentialName: 'productpage-credential' },
      { mode: 'MUTUAL', credentialName: 'productpage-credential' },
    ]);
    const listeners = spec(findObject(objs, 'Gateway', 'bookinfo-tls')).listeners as Manifest[];
    expect(listeners[0].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ name: 'productpage-credential' }] });
  });

  test('a listener in another namespace than the certificate names the namespace', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'c', source: KeyVaultTlsSource.certificate('pp') });
    new ReferenceGrant(chart, 'grant', {
      metadata: { name: 'bookinfo-gateways', namespace: 'aks-istio-ingress' },
      from: [GrantFrom.gateways('bookinfo')],
      to: [GrantTo.secrets('c')],
    });
    new GatewayApiGateway(chart, 'gw', {
      metadata: { name: 'own' },
      listeners: [{ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate(cert) }],
    });
    const listeners = spec(findObject(Testing.synth(chart), 'Gateway', 'own')).listeners as Manifest[];
    expect(listeners[0].tls).toEqual({ mode: 'Terminate', certificateRefs: [{ name: 'c', namespace: 'aks-istio-ingress' }] });
  });

  test('fails when MUTUAL uses a certificate without a CA', () => {
    const chart = testChart(kvProfile());
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'c', source: KeyVaultTlsSource.certificate('pp') });
    expect(() => new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [{ port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.example.com'], tls: ServerTls.mutual(cert) }],
    })).toThrow("[test/gw] 'servers[0].tls' is MUTUAL, but credential 'c' has no CA to verify client certificates with; set 'caCertificateObjectName'");
  });

  test('fails when a TLS mode has no credential', () => {
    const chart = testChart(kvProfile());
    expect(() => new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [{ port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.example.com'], tls: ServerTls.simple('') }],
    })).toThrow("[test/gw] 'servers[0].tls' mode SIMPLE has no credentialName; pass the TLS Secret's name or a KeyVaultCertificate to ServerTls.simple(...)");
  });

  test.each([
    ['', 'empty'],
    ['my_cert', 'underscore'],
    ['a'.repeat(128), 'too long'],
  ])('fails when the Key Vault object name is %j (%s)', name => {
    const chart = testChart(kvProfile());
    expect(() => new KeyVaultCertificate(chart, 'cert', { secretName: 'c', source: KeyVaultTlsSource.certificate(name) }))
      .toThrow(`[test/cert] 'source' Key Vault object name ${JSON.stringify(name)} is not valid: use 1 to 127 letters, digits and '-'`);
  });

  test('fails when the CA object name is empty or the secret name is not a Kubernetes name', () => {
    const chart = testChart(kvProfile());
    expect(() => new KeyVaultCertificate(chart, 'a', { secretName: 'c', source: KeyVaultTlsSource.certificate('pp'), caCertificateObjectName: '' }))
      .toThrow("[test/a] 'caCertificateObjectName' Key Vault object name \"\" is not valid");
    expect(() => new KeyVaultCertificate(chart, 'b', { secretName: 'Bad_Name', source: KeyVaultTlsSource.certificate('pp') }))
      .toThrow("[test/b] 'secretName' \"Bad_Name\" is not a valid Kubernetes name");
  });

  test('fails when the profile has no Key Vault, or no client ID yet', () => {
    expect(() => new KeyVaultCertificate(testChart(testProfile()), 'cert', { secretName: 'c', source: KeyVaultTlsSource.certificate('pp') }))
      .toThrow("[test/cert] the mesh profile has no 'keyVault'; set keyVault: { name, tenantId, secretsProviderClientId } in the profile");
    const noClient = testProfile({ keyVault: { name: 'kv1', tenantId: TENANT } });
    expect(() => new KeyVaultCertificate(testChart(noClient), 'cert', { secretName: 'c', source: KeyVaultTlsSource.certificate('pp') }))
      .toThrow("[test/cert] the mesh profile's keyVault 'kv1' has no 'secretsProviderClientId'");
  });
});

describe('IngressExposure over HTTPS', () => {
  test('Istio API: an HTTPS server with the certificate and an HTTP server that redirects', () => {
    // GIVEN
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'productpage-credential', source: KeyVaultTlsSource.certificate('pp') });
    // WHEN
    new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'bookinfo-gateway', https: { certificate: cert } }),
      name: 'productpage', hosts: ['productpage.bookinfo.com'], rules,
    });
    // THEN
    const objs = Testing.synth(chart);
    expect(spec(findObject(objs, 'Gateway', 'bookinfo-gateway')).servers).toEqual([
      { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['productpage.bookinfo.com'], tls: { mode: 'SIMPLE', credentialName: 'productpage-credential' } },
      { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['productpage.bookinfo.com'], tls: { httpsRedirect: true } },
    ]);
    expect(spec(findObject(objs, 'VirtualService', 'productpage')).gateways).toEqual(['bookinfo-gateway']);
  });

  test('Istio API without redirect has only the HTTPS server', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'g', https: { certificate: 'existing-secret', redirectHttp: false } }),
      hosts: ['a.example.com'], rules,
    });
    expect((spec(findObject(Testing.synth(chart), 'Gateway', 'g')).servers as Manifest[]).map(s => (s.port as Manifest).number)).toEqual([443]);
  });

  test('Gateway API: HTTPS and HTTP listeners on the managed gateway, the route on HTTPS and a redirect route on HTTP', () => {
    // GIVEN
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'productpage-credential', source: KeyVaultTlsSource.certificate('pp') });
    const gateway = new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL, name: 'bookinfo-tls' });
    // WHEN
    const exposure = new IngressExposure(chart, 'x', {
      via: IngressVia.gatewayApi(gateway, { https: { certificate: cert } }),
      name: 'productpage', hosts: ['productpage.bookinfo.com'], rules,
    });
    // THEN
    const objs = Testing.synth(chart);
    const allowedRoutes = { namespaces: { from: 'Selector', selector: { matchLabels: { 'kubernetes.io/metadata.name': 'bookinfo' } } } };
    expect(spec(findObject(objs, 'Gateway', 'bookinfo-tls')).listeners).toEqual([
      { name: 'https-productpage-bookinfo-com', hostname: 'productpage.bookinfo.com', port: 443, protocol: 'HTTPS',
        tls: { mode: 'Terminate', certificateRefs: [{ name: 'productpage-credential' }] }, allowedRoutes },
      { name: 'http-productpage-bookinfo-com', hostname: 'productpage.bookinfo.com', port: 80, protocol: 'HTTP', allowedRoutes },
    ]);
    expect(spec(findObject(objs, 'HTTPRoute', 'productpage')).parentRefs).toEqual([
      { name: 'bookinfo-tls', namespace: 'aks-istio-ingress', sectionName: 'https-productpage-bookinfo-com' },
    ]);
    const redirect = findObject(objs, 'HTTPRoute', 'productpage-https-redirect');
    expect(spec(redirect)).toEqual({
      parentRefs: [{ name: 'bookinfo-tls', namespace: 'aks-istio-ingress', sectionName: 'http-productpage-bookinfo-com' }],
      hostnames: ['productpage.bookinfo.com'],
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    });
    expect(exposure.redirectRoute).toBeDefined();
  });

  test('fails when the certificate is not where the gateway reads it', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'c', namespace: 'bookinfo', source: KeyVaultTlsSource.certificate('pp') });
    expect(() => new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { https: { certificate: cert } }), hosts: ['a.example.com'], rules,
    })).toThrow("[test/x] 'via.https.certificate' 'c' is in namespace 'bookinfo', but the managed ingress gateway reads credentials from 'aks-istio-ingress'");
    const gateway = new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL, name: 'g' });
    expect(() => new IngressExposure(chart, 'y', {
      via: IngressVia.gatewayApi(gateway, { https: { certificate: cert } }), hosts: ['a.example.com'], rules,
    })).toThrow("[test/y] 'via.https.certificate' 'c' is in namespace 'bookinfo', but Gateway 'g' is in 'aks-istio-ingress'");
  });

  test('fails when the certificate is empty or https and tls are both set', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    expect(() => new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { https: { certificate: '' } }), hosts: ['a.example.com'], rules,
    })).toThrow("[test/x] 'via.https.certificate' is empty; pass a KeyVaultCertificate or the name of a TLS Secret");
    expect(() => new IngressExposure(chart, 'y', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { https: { certificate: 's' }, tls: ServerTls.simple('s') }), hosts: ['a.example.com'], rules,
    })).toThrow("[test/y] 'via' sets both 'https' and 'tls'");
  });
});

describe('IstioGateway with a KeyVaultCertificate', () => {
  test('fails when the certificate is not in the namespace the selected gateway reads credentials from', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    const cert = new KeyVaultCertificate(chart, 'cert', { secretName: 'c', namespace: 'bookinfo', source: KeyVaultTlsSource.certificate('pp') });
    expect(() => new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [{ port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.example.com'], tls: ServerTls.simple(cert) }],
    })).toThrow("[test/gw] 'servers[0].tls' credential 'c' is in namespace 'bookinfo', but the selected gateway reads credentials from 'aks-istio-ingress'");
  });
});

describe('IngressExposure over HTTPS sharing a Gateway', () => {
  test('a second exposure of the same host reuses the listeners, and fails with another certificate', () => {
    const chart = testChart(kvProfile(), 'bookinfo');
    const gateway = new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL, name: 'g' });
    const via = (certificate: string) => IngressVia.gatewayApi(gateway, { https: { certificate } });
    new IngressExposure(chart, 'a', { via: via('one'), hosts: ['a.example.com'], rules });
    new IngressExposure(chart, 'b', { via: via('one'), hosts: ['a.example.com'], rules });
    expect(gateway.listeners.map(l => l.name)).toEqual(['https-a-example-com', 'http-a-example-com']);
    expect(() => new IngressExposure(chart, 'c', { via: via('two'), hosts: ['a.example.com'], rules }))
      .toThrow("[test/c] Gateway 'g' already serves a.example.com on listener 'https-a-example-com' with certificate(s) [\"one\"], not [\"two\"]");
  });
});
