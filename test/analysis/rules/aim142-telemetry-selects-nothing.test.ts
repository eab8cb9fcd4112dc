import { Severity, TelemetrySelectsNothing } from '../../../src/analysis';
import { check, obj } from '../helpers';

const TELEMETRY = 'telemetry.istio.io/v1';
const pod = (ns: string, name: string, labels: Record<string, string>) => obj('v1', 'Pod', ns, name, undefined, { metadata: { labels } });
const telemetry = (ns: string, name: string, matchLabels: Record<string, string>) => obj(TELEMETRY, 'Telemetry', ns, name, { selector: { matchLabels } });

describe('TelemetrySelectsNothing (AIM142)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: a matching pod; a namespace without workloads in the set is not judged
    const objects = [pod('default', 'productpage', { app: 'productpage' }), telemetry('default', 'ok', { app: 'productpage' }), telemetry('elsewhere', 'unknown', { app: 'x' })];
    // WHEN / THEN
    expect(check(TelemetrySelectsNothing, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [pod('default', 'productpage', { app: 'productpage' }), telemetry('default', 'maps-to-nonexistent', { app: 'bogus' })];
    // WHEN
    const findings = check(TelemetrySelectsNothing, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM142', severity: Severity.WARNING, istioCode: 'IST0101', file: 'test.yaml',
      message: 'Telemetry default/maps-to-nonexistent selector {"app":"bogus"} matches no workload in namespace "default"',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
