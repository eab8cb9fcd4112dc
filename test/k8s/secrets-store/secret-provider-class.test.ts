import { Testing } from 'cdk8s';
import { SecretProviderClass, SyncedSecretType } from '../../../src/k8s/secrets-store/secret-provider-class';
import { findObject, testChart } from '../../support/mesh-chart';

const tls = { secretName: 'shop-tls', type: SyncedSecretType.TLS, data: [{ objectName: 'c', key: 'tls.key' }, { objectName: 'c', key: 'tls.crt' }] };

describe('SecretProviderClass', () => {
  test('renders provider, parameters and synced Secrets added after construction', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    const spc = new SecretProviderClass(chart, 'spc', { metadata: { name: 'shop-spc' }, provider: 'azure', parameters: { keyvaultName: 'kv1' } });
    // WHEN
    spc.addSecretObject({ ...tls, labels: { team: 'shop' } });
    // THEN
    const objs = Testing.synth(chart);
    expect(objs).toMatchSnapshot();
    const rendered = findObject(objs, 'SecretProviderClass', 'shop-spc');
    expect(rendered.apiVersion).toBe('secrets-store.csi.x-k8s.io/v1');
    expect(rendered.spec).toEqual({
      provider: 'azure',
      parameters: { keyvaultName: 'kv1' },
      secretObjects: [{ secretName: 'shop-tls', type: 'kubernetes.io/tls', labels: { team: 'shop' }, data: tls.data }],
    });
    expect(spc.secretProviderClassName).toBe('shop-spc');
    expect(spc.secretProviderClassNamespace).toBe('shop');
  });

  test('fails on an empty provider, a non-string parameter, a repeated Secret or a TLS Secret without tls.crt/tls.key', () => {
    const chart = testChart();
    expect(() => new SecretProviderClass(chart, 'a', { provider: '', parameters: {} })).toThrow("[test/a] 'provider' \"\" is empty");
    expect(() => new SecretProviderClass(chart, 'b', { provider: 'azure', parameters: { useVMManagedIdentity: true as unknown as string } }))
      .toThrow("[test/b] 'parameters.useVMManagedIdentity' must be a string, got true (quote booleans: \"true\")");
    const spc = new SecretProviderClass(chart, 'c', { provider: 'azure', parameters: {}, secretObjects: [tls] });
    expect(() => spc.addSecretObject(tls)).toThrow("[test/c] 'secretObjects[1].secretName' 'shop-tls' is synced twice");
    expect(() => spc.addSecretObject({ secretName: 'x', type: SyncedSecretType.TLS, data: [{ objectName: 'c', key: 'tls.crt' }] }))
      .toThrow("[test/c] 'secretObjects[1]' has type kubernetes.io/tls but keys tls.crt; it needs tls.crt and tls.key");
    expect(() => spc.addSecretObject({ secretName: 'z', type: SyncedSecretType.TLS, data: [...tls.data, { objectName: 'ca', key: 'ca.crt' }] }))
      .toThrow("[test/c] 'secretObjects[1]' has type kubernetes.io/tls and key(s) ca.crt, which the CSI driver refuses to sync for that type");
    expect(() => spc.addSecretObject({ secretName: 'y', type: SyncedSecretType.OPAQUE, data: [{ objectName: '', key: 'k' }] }))
      .toThrow("[test/c] 'secretObjects[1].data[0].objectName' is empty");
  });
});
