import { Severity, UnmountedSecretProviderClass } from '../../../src/analysis';
import { check, obj } from '../helpers';

const spc = (name: string, secretObjects?: unknown[]) => obj('secrets-store.csi.x-k8s.io/v1', 'SecretProviderClass', 'aks-istio-ingress', name,
  { provider: 'azure', parameters: {}, ...(secretObjects ? { secretObjects } : {}) });
const tlsSecret = [{ secretName: 'shop-tls', type: 'kubernetes.io/tls', data: [{ objectName: 'c', key: 'tls.crt' }, { objectName: 'c', key: 'tls.key' }] }];
const csiVolume = (spcName: string) => ({ name: 'store', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: spcName } } });
const deployment = (namespace: string, spcName: string) => obj('apps/v1', 'Deployment', namespace, 'sync', {
  selector: { matchLabels: { app: 'sync' } },
  template: { metadata: { labels: { app: 'sync' } }, spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [csiVolume(spcName)] } },
});

describe('UnmountedSecretProviderClass (AIM122)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: one class mounted by a Deployment, one by a bare Pod, one without secretObjects
    const objects = [
      spc('a', tlsSecret), deployment('aks-istio-ingress', 'a'),
      spc('b', [{ ...tlsSecret[0], secretName: 'other' }]),
      obj('v1', 'Pod', 'aks-istio-ingress', 'p', { containers: [{ name: 'c', image: 'busybox' }], volumes: [csiVolume('b')] }),
      spc('c'),
    ];
    // WHEN
    const findings = check(UnmountedSecretProviderClass, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: no mount at all, and a mount in another namespace
    const objects = [spc('a', tlsSecret), spc('b', tlsSecret.map(s => ({ ...s, secretName: 'b-tls' }))), deployment('shop', 'b')];
    // WHEN
    const findings = check(UnmountedSecretProviderClass, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'SecretProviderClass aks-istio-ingress/a syncs Secret(s) "shop-tls", but no pod in "aks-istio-ingress" mounts it through the CSI driver',
      'SecretProviderClass aks-istio-ingress/b syncs Secret(s) "b-tls", but no pod in "aks-istio-ingress" mounts it through the CSI driver',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM122', severity: Severity.WARNING, file: 'test.yaml' });
    expect(findings[0].docs).toBe('https://secrets-store-csi-driver.sigs.k8s.io/topics/sync-as-kubernetes-secret');
    expect(findings).toMatchSnapshot();
  });
});
