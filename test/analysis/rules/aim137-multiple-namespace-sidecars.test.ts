import { MultipleNamespaceSidecars, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

describe('MultipleNamespaceSidecars (AIM137)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: one namespace-wide Sidecar per namespace, plus a selected one
    const objects = [
      obj(ISTIO, 'Sidecar', 'ns1', 'default', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
      obj(ISTIO, 'Sidecar', 'ns1', 'app', { workloadSelector: { labels: { app: 'foo' } } }),
      obj(ISTIO, 'Sidecar', 'ns2', 'default', {}),
    ];
    // WHEN / THEN
    expect(check(MultipleNamespaceSidecars, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'Sidecar', 'ns2', 'has-conflict-1', {}), obj(ISTIO, 'Sidecar', 'ns2', 'has-conflict-2', { workloadSelector: { labels: {} } })];
    // WHEN
    const findings = check(MultipleNamespaceSidecars, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['has-conflict-1', 'has-conflict-2']);
    expect(findings[0]).toMatchObject({
      code: 'AIM137', severity: Severity.ERROR, istioCode: 'IST0111', file: 'test.yaml',
      message: 'Sidecar ns2/has-conflict-1 is one of several Sidecars without workload selector in namespace "ns2" (has-conflict-1, has-conflict-2)',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
