import { BackendKind, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

const route = (backendRefs: unknown[]) => obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs }] });

describe('BackendKind (AIM131)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [route([{ name: 'web', port: 80 }, { group: '', kind: 'Service', name: 'api', port: 80 }, { group: 'networking.istio.io', kind: 'Hostname', name: 'example.com', port: 443 }])];
    // WHEN
    const findings = check(BackendKind, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'HTTPRoute', 'shop', 'r', {
      parentRefs: [{ name: 'gw' }],
      rules: [{ backendRefs: [{ kind: 'Deployment', group: 'apps', name: 'web', port: 80 }], filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { kind: 'Pod', name: 'p' } } }] }],
    })];
    // WHEN
    const findings = check(BackendKind, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'HTTPRoute shop/r spec.rules[0].backendRefs[0] has kind "Deployment" in group "apps", which Istio cannot resolve (InvalidKind)',
      'HTTPRoute shop/r spec.rules[0].filters[0].requestMirror.backendRef has kind "Pod", which Istio cannot resolve (InvalidKind)',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM131', severity: Severity.ERROR, file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
