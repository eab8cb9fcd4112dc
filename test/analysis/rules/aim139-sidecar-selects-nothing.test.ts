import { Severity, SidecarSelectsNothing } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const pod = (ns: string, name: string, labels: Record<string, string>) => obj('v1', 'Pod', ns, name, undefined, { metadata: { labels } });
const sidecar = (ns: string, name: string, labels: Record<string, string>) => obj(ISTIO, 'Sidecar', ns, name, { workloadSelector: { labels } });

describe('SidecarSelectsNothing (AIM139)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: a matching pod; and a namespace without workloads in the set is not judged
    const objects = [pod('default', 'productpage', { app: 'productpage' }), sidecar('default', 'ok', { app: 'productpage' }), sidecar('elsewhere', 'unknown', { app: 'x' })];
    // WHEN / THEN
    expect(check(SidecarSelectsNothing, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: a selector for a pod that lives in another namespace
    const objects = [pod('default', 'reviews', { app: 'reviews' }), pod('other', 'productpage', { app: 'productpage' }), sidecar('other', 'maps-to-different-ns', { app: 'reviews' })];
    // WHEN
    const findings = check(SidecarSelectsNothing, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM139', severity: Severity.WARNING, istioCode: 'IST0101', file: 'test.yaml',
      message: 'Sidecar other/maps-to-different-ns selector {"app":"reviews"} matches no workload in namespace "other"',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
