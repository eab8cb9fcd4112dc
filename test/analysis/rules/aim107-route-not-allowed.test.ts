import { RouteNotAllowed, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

describe('RouteNotAllowed (AIM107)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'Namespace', undefined, 'shop', undefined, { metadata: { labels: { edge: 'yes' } } }), obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { edge: 'yes' } } } } }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge' }] })];
    // WHEN
    const findings = check(RouteNotAllowed, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge' }] })];
    // WHEN
    const findings = check(RouteNotAllowed, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM107', severity: Severity.ERROR, message: expect.stringContaining('listener "http" admits routes from namespace "edge" only (from: Same), not "shop"'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
