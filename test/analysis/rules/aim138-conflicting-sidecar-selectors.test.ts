import { ConflictingSidecarSelectors, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const pod = (ns: string, name: string, labels: Record<string, string>) => obj('v1', 'Pod', ns, name, undefined, { metadata: { labels } });
const sidecar = (ns: string, name: string, labels: Record<string, string>) => obj(ISTIO, 'Sidecar', ns, name, { workloadSelector: { labels } });

describe('ConflictingSidecarSelectors (AIM138)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: the same selector in another namespace selects another pod
    const objects = [pod('default', 'reviews', { app: 'reviews' }), pod('other', 'reviews', { app: 'reviews' }), sidecar('default', 'a', { app: 'reviews' }), sidecar('other', 'b', { app: 'reviews' })];
    // WHEN / THEN
    expect(check(ConflictingSidecarSelectors, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: two different selectors that both match the ratings Deployment's pods
    const objects = [
      obj('apps/v1', 'Deployment', 'default', 'ratings', { template: { metadata: { labels: { app: 'ratings-app', myapp: 'ratings-myapp' } } } }),
      sidecar('default', 'overlap-1', { app: 'ratings-app' }), sidecar('default', 'overlap-2', { myapp: 'ratings-myapp' }),
    ];
    // WHEN
    const findings = check(ConflictingSidecarSelectors, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['overlap-1', 'overlap-2']);
    expect(findings[0]).toMatchObject({
      code: 'AIM138', severity: Severity.ERROR, istioCode: 'IST0110', file: 'test.yaml',
      message: 'Sidecar default/overlap-1 selects Deployment default/ratings, as do overlap-2',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
