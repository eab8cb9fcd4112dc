import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, errorsOf } from '../../src/analysis';
import { buildExampleApp } from '../../examples/app';
import { exampleProfile } from '../../examples/profile';
import { findObject, Manifest } from '../support/mesh-chart';

const app = buildExampleApp({ outdir: mkdtempSync(join(tmpdir(), 'aim-secure-')) });
const chart = (id: string) => app.charts.find(c => c.node.id === id)!.toJson() as Manifest[];
const spec = (m: Manifest) => m.spec as Record<string, unknown>;
const kv = exampleProfile.keyVault!;

describe('secure ingress examples (AKS guide istio-secure-gateway)', () => {
  test.each([
    ['secure-ingress-istio-api', 'productpage-credential'],
    ['secure-ingress-gateway-api', 'productpage-gwapi-credential'],
  ])('%s syncs %s from the profile\'s Key Vault in aks-istio-ingress and mounts it', (id, secret) => {
    const objs = chart(id);
    expect(objs).toMatchSnapshot();
    const spc = findObject(objs, 'SecretProviderClass', `${secret}-spc`);
    expect((spc.metadata as Manifest).namespace).toBe('aks-istio-ingress');
    expect(spec(spc).parameters).toMatchObject({
      usePodIdentity: 'false', useVMManagedIdentity: 'true',
      userAssignedIdentityID: kv.secretsProviderClientId, keyvaultName: kv.name, tenantId: kv.tenantId,
    });
    expect((spec(spc).secretObjects as Manifest[])[0]).toMatchObject({ secretName: secret, type: 'kubernetes.io/tls' });
    const sync = findObject(objs, 'Deployment', `${secret}-sync`);
    expect(JSON.stringify(spec(sync).template)).toContain(`"secretProviderClass":"${secret}-spc"`);
  });

  test('Istio API: HTTPS with the Key Vault credential on the external gateway, HTTP redirected', () => {
    const objs = chart('secure-ingress-istio-api');
    expect(spec(findObject(objs, 'Gateway', 'bookinfo-tls-gateway'))).toEqual({
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [
        { port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['productpage.bookinfo.com'], tls: { mode: 'SIMPLE', credentialName: 'productpage-credential' } },
        { port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['productpage.bookinfo.com'], tls: { httpsRedirect: true } },
      ],
    });
    expect(spec(findObject(objs, 'VirtualService', 'productpage-vs'))).toMatchObject({ hosts: ['productpage.bookinfo.com'], gateways: ['bookinfo-tls-gateway'] });
  });

  test('Gateway API: HTTPS listener with certificateRefs, HTTP listener whose route redirects', () => {
    const objs = chart('secure-ingress-gateway-api');
    const listeners = spec(findObject(objs, 'Gateway', 'bookinfo-tls-gateway')).listeners as Manifest[];
    expect(listeners.map(l => [l.name, l.port, l.protocol, l.tls])).toEqual([
      ['https-productpage-gwapi-bookinfo-com', 443, 'HTTPS', { mode: 'Terminate', certificateRefs: [{ name: 'productpage-gwapi-credential' }] }],
      ['http-productpage-gwapi-bookinfo-com', 80, 'HTTP', undefined],
    ]);
    expect(spec(findObject(objs, 'HTTPRoute', 'productpage-https-redirect')).rules)
      .toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  test('the secure charts analyse without errors and without AIM116, AIM122 or AIM204 findings', () => {
    const manifests = [...chart('secure-ingress-istio-api'), ...chart('secure-ingress-gateway-api')].map((object, i) => ({ object, file: `secure-${i}.yaml` }));
    const findings = analyze(manifests, { profile: exampleProfile });
    expect(errorsOf(findings)).toEqual([]);
    expect(findings.filter(f => ['AIM116', 'AIM122', 'AIM204'].includes(f.code))).toEqual([]);
  });
});
