import { ServiceEntryAddresses, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const se = (name: string, spec: Record<string, unknown>) =>
  obj(ISTIO, 'ServiceEntry', 'default', name, { hosts: ['istio.io'], location: 'MESH_EXTERNAL', resolution: 'DNS', ...spec });

describe('ServiceEntryAddresses (AIM129)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [
      se('https', { ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }] }),
      se('tcp-with-address', { addresses: ['10.0.0.1'], ports: [{ number: 443, name: 'tcp', protocol: 'TCP' }] }),
      obj(ISTIO, 'ServiceEntry', 'default', 'allocated', { hosts: ['db.example.com'], ports: [{ number: 5432, name: 'tcp' }] }, { status: { addresses: [{ value: '240.240.0.1' }] } }),
    ];
    // WHEN
    const findings = check(ServiceEntryAddresses, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('is quiet when the shared MeshConfig auto-allocates addresses', () => {
    // GIVEN
    const mesh = 'defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: "true"\n    ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n';
    const objects = [
      se('tcp', { ports: [{ number: 443, name: 'tcp', protocol: 'TCP' }] }),
      obj('v1', 'ConfigMap', 'aks-istio-system', 'istio-shared-configmap-asm-1-30', undefined, { data: { mesh } }),
    ];
    // WHEN
    const findings = check(ServiceEntryAddresses, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      se('unset', { ports: [{ number: 443, name: 'https' }] }),
      se('tcp', { ports: [{ number: 443, name: 'https', protocol: 'tcp' }] }),
    ];
    // WHEN
    const findings = check(ServiceEntryAddresses, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'ServiceEntry default/unset spec.ports[0] (443) has protocol unset and the ServiceEntry has no addresses',
      'ServiceEntry default/tcp spec.ports[0] (443) has protocol tcp and the ServiceEntry has no addresses',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM129', severity: Severity.WARNING, istioCode: 'IST0134', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
