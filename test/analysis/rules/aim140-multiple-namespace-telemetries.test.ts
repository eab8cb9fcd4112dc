import { MultipleNamespaceTelemetries, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

const TELEMETRY = 'telemetry.istio.io/v1';
const metrics = { metrics: [{ providers: [{ name: 'prometheus' }] }] };

describe('MultipleNamespaceTelemetries (AIM140)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: one namespace-wide Telemetry, one with a selector, one attached by targetRefs
    const objects = [
      obj(TELEMETRY, 'Telemetry', 'ns1', 'no-selector', metrics),
      obj(TELEMETRY, 'Telemetry', 'ns1', 'has-selector', { selector: { matchLabels: { app: 'foo' } }, ...metrics }),
      obj(TELEMETRY, 'Telemetry', 'ns1', 'gateway', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }], ...metrics }),
    ];
    // WHEN / THEN
    expect(check(MultipleNamespaceTelemetries, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(TELEMETRY, 'Telemetry', 'ns2', 'has-conflict-1', metrics), obj(TELEMETRY, 'Telemetry', 'ns2', 'has-conflict-2', metrics)];
    // WHEN
    const findings = check(MultipleNamespaceTelemetries, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['has-conflict-1', 'has-conflict-2']);
    expect(findings[0]).toMatchObject({
      code: 'AIM140', severity: Severity.ERROR, istioCode: 'IST0160', file: 'test.yaml',
      message: 'Telemetry ns2/has-conflict-1 is one of several Telemetries without workload selector in namespace "ns2" (has-conflict-1, has-conflict-2)',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
