import { MeshConfigRefused, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

describe('MeshConfigRefused (AIM113)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'ConfigMap', 'aks-istio-system', 'istio-shared-configmap-asm-1-30', undefined, { data: { mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n' } })];
    // WHEN
    const findings = check(MeshConfigRefused, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'ConfigMap', 'aks-istio-system', 'istio-shared-configmap-asm-1-30', undefined, { data: { mesh: 'configSources: []\n' } })];
    // WHEN
    const findings = check(MeshConfigRefused, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM113', severity: Severity.ERROR, message: expect.stringContaining("MeshConfig field 'configSources' is blocked"), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
