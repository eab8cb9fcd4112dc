import { CanaryMeshConfig, Severity } from '../../../src/analysis';
import { MeshProfile } from '../../../src/mesh';
import { check, obj } from '../helpers';

const canary = new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'] }, { now: new Date('2026-07-01T00:00:00Z') });
const shared = (revision: string) => obj('v1', 'ConfigMap', 'aks-istio-system', `istio-shared-configmap-${revision}`, undefined, { data: { mesh: 'accessLogFile: /dev/stdout' } });

describe('CanaryMeshConfig (AIM123)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN both revisions configured, or a single-revision mesh
    const objects = [shared('asm-1-29'), shared('asm-1-30')];
    // WHEN
    const findings = [...check(CanaryMeshConfig, objects, canary), ...check(CanaryMeshConfig, [shared('asm-1-29')])];
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN only the stable revision has a shared MeshConfig
    const objects = [shared('asm-1-29')];
    // WHEN
    const findings = check(CanaryMeshConfig, objects, canary);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM123',
      severity: Severity.ERROR,
      message: "ConfigMap aks-istio-system/istio-shared-configmap-asm-1-29 configures the stable revision asm-1-29, but the canary revision asm-1-30 has no istio-shared-configmap-asm-1-30; asm-1-30's control plane would run without these settings",
      file: 'test.yaml',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
