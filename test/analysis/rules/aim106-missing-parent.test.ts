import { MissingParent, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

describe('MissingParent (AIM106)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge', sectionName: 'http', port: 80 }, { kind: 'Service', group: '', name: 'svc' }] })];
    // WHEN
    const findings = check(MissingParent, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'edge', 'gw', { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }), obj(GWAPI, 'HTTPRoute', 'shop', 'r', { parentRefs: [{ name: 'gw', namespace: 'edge', sectionName: 'https' }] })];
    // WHEN
    const findings = check(MissingParent, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM106', severity: Severity.ERROR, message: 'HTTPRoute shop/r parentRef to Gateway edge/gw names sectionName "https", but the Gateway has no such listener', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
