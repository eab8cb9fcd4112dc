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

  test('warns that a namespace selector cannot be judged without the Namespace object', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { edge: 'yes' } } } } }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge' }] })];
    // WHEN
    const findings = check(RouteNotAllowed, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM107', severity: Severity.WARNING, message: expect.stringContaining('namespace "shop" is not in the set, so whether it is admitted cannot be judged') });
    expect(findings[0].fix).toContain('add the Namespace object "shop"');
  });

  test('fails a route whose Namespace labels the selector does not match', () => {
    // GIVEN
    const objects = [obj('v1', 'Namespace', undefined, 'shop', undefined, { metadata: { labels: { edge: 'no' } } }), obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { edge: 'yes' } } } } }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge' }] })];
    // WHEN
    const findings = check(RouteNotAllowed, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: Severity.ERROR, message: expect.stringContaining('namespace selector does not match namespace "shop"') });
  });
});
