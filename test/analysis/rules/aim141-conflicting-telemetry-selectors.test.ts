import { ConflictingTelemetrySelectors, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

const TELEMETRY = 'telemetry.istio.io/v1';
const pod = (ns: string, name: string, labels: Record<string, string>) => obj('v1', 'Pod', ns, name, undefined, { metadata: { labels } });
const telemetry = (ns: string, name: string, matchLabels: Record<string, string>) => obj(TELEMETRY, 'Telemetry', ns, name, { selector: { matchLabels } });

describe('ConflictingTelemetrySelectors (AIM141)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [pod('default', 'reviews', { app: 'reviews' }), pod('default', 'ratings', { app: 'ratings' }), telemetry('default', 'a', { app: 'reviews' }), telemetry('default', 'b', { app: 'ratings' })];
    // WHEN / THEN
    expect(check(ConflictingTelemetrySelectors, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [pod('default', 'reviews', { app: 'reviews' }), telemetry('default', 'dupe-1', { app: 'reviews' }), telemetry('default', 'dupe-2', { app: 'reviews' })];
    // WHEN
    const findings = check(ConflictingTelemetrySelectors, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'Telemetry default/dupe-1 selects Pod default/reviews, as do dupe-2',
      'Telemetry default/dupe-2 selects Pod default/reviews, as do dupe-1',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM141', severity: Severity.ERROR, istioCode: 'IST0159', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
