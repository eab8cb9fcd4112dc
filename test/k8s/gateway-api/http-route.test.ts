import { Duration, Testing } from 'cdk8s';
import { GatewayApiGateway } from '../../../src/k8s/gateway-api/gateway-api-gateway';
import { HttpRoute } from '../../../src/k8s/gateway-api/http-route';
import { ListenerProtocol } from '../../../src/k8s/gateway-api/listener';
import { GrantFrom, GrantTo, ReferenceGrant } from '../../../src/k8s/gateway-api/reference-grant';
import { PathMatch } from '../../../src/k8s/path-match';
import { ServiceBackend } from '../../../src/k8s/service-backend';
import { testChart } from '../../support/mesh-chart';

describe('HttpRoute', () => {
  test('attaches to a Gateway in another namespace', () => {
    // GIVEN
    const chart = testChart();
    const gateway = GatewayApiGateway.fromGatewayName('gateway', 'aks-istio-ingress');
    // WHEN
    const route = new HttpRoute(chart, 'route', { metadata: { name: 'store-front', namespace: 'pets' }, hostnames: ['store.aks.rocks'] });
    route.addParent(gateway);
    route.addRule({ matches: [{ path: PathMatch.prefix('/') }], backends: [ServiceBackend.of('store-front', 80)] });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(obj.spec).toEqual({
      parentRefs: [{ name: 'gateway', namespace: 'aks-istio-ingress' }],
      hostnames: ['store.aks.rocks'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'store-front', port: 80 }] }],
    });
  });

  test('renders section names, header and method matches, weights, cross-namespace backends and timeouts', () => {
    const chart = testChart(undefined, 'web');
    const gateway = new GatewayApiGateway(chart, 'gw', { metadata: { name: 'gw' }, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    new HttpRoute(chart, 'route', {
      parents: [gateway],
      rules: [{
        matches: [{ path: PathMatch.exact('/login'), headers: { 'x-canary': 'true' }, method: 'POST' }],
        backends: [ServiceBackend.of('login', 8080, { weight: 90 }), ServiceBackend.of('login-v2', 8080, { namespace: 'canary', weight: 10 })],
        timeout: Duration.seconds(10),
      }],
    }).addParent(gateway, { sectionName: 'http', port: 80 });
    new ReferenceGrant(chart, 'grant', { metadata: { namespace: 'canary' }, from: [GrantFrom.httpRoutes('web')], to: [GrantTo.services('login-v2')] });
    const spec = Testing.synth(chart)[1].spec;
    expect(spec.parentRefs).toEqual([{ name: 'gw' }, { name: 'gw', sectionName: 'http', port: 80 }]);
    expect(spec.hostnames).toBeUndefined();
    expect(spec.rules).toEqual([{
      matches: [{ path: { type: 'Exact', value: '/login' }, headers: [{ name: 'x-canary', value: 'true' }], method: 'POST' }],
      backendRefs: [{ name: 'login', port: 8080, weight: 90 }, { name: 'login-v2', namespace: 'canary', port: 8080, weight: 10 }],
      timeouts: { request: '10s' },
    }]);
  });

  test('fails when a hostname is invalid or repeated', () => {
    expect(() => new HttpRoute(testChart(), 'r', { hostnames: ['*'] })).toThrow("[test/r] 'hostnames[0]' \"*\" is not a valid hostname");
    expect(() => new HttpRoute(testChart(), 'r', { hostnames: ['a.com', 'a.com'] })).toThrow("'hostnames' lists \"a.com\" twice");
  });

  test('fails when a sectionName is not a listener of the Gateway', () => {
    const chart = testChart();
    const gateway = new GatewayApiGateway(chart, 'gw', { listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    expect(() => new HttpRoute(chart, 'r').addParent(gateway, { sectionName: 'https' }))
      .toThrow("'parentRefs[0].sectionName' 'https' is not a listener of Gateway 'test-gw-c8222b8b' (listeners: http)");
  });

  test.each([
    ['a relative path', PathMatch.prefix('status'), "must start with '/'"],
    ['a double slash', PathMatch.prefix('/a//b'), "must not contain '//'"],
    ['a dot segment', PathMatch.exact('/a/..'), "must not end with '/.' or '/..'"],
  ])('fails when a path has %s', (_, path, message) => {
    const route = new HttpRoute(testChart(), 'r');
    expect(() => route.addRule({ matches: [{ path }], backends: [ServiceBackend.of('a', 80)] })).toThrow(message);
  });

  test('fails when a rule has no backends or a bad method or port', () => {
    const route = new HttpRoute(testChart(), 'r');
    expect(() => route.addRule({ backends: [] })).toThrow("'rules[0].backends' is empty");
    expect(() => route.addRule({ matches: [{ method: 'FETCH' }], backends: [ServiceBackend.of('a', 80)] })).toThrow("'rules[0].matches[0].method' \"FETCH\"");
    expect(() => route.addRule({ backends: [ServiceBackend.of('a', 0)] })).toThrow("'rules[0].backends[0].port' must be a port number");
  });

  test('fails when there is no parent or no rule', () => {
    const chart = testChart();
    new HttpRoute(chart, 'r');
    expect(() => Testing.synth(chart)).toThrow(/HTTPRoute has no parent Gateway[\s\S]*HTTPRoute has no rules/);
  });
});

describe('HttpRoute redirectToHttps', () => {
  test('renders a RequestRedirect filter to https with 301 and no backends', () => {
    const chart = testChart(undefined, 'shop');
    const route = new HttpRoute(chart, 'r', { metadata: { name: 'redirect' }, parents: [GatewayApiGateway.fromGatewayName('gw')] });
    route.addRule({ backends: [], redirectToHttps: true });
    const spec = Testing.synth(chart)[0].spec as Record<string, unknown>;
    expect(spec.rules).toEqual([{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }]);
  });

  test('fails when a redirect rule also names backends', () => {
    const route = new HttpRoute(testChart(), 'r');
    expect(() => route.addRule({ backends: [ServiceBackend.of('a', 80)], redirectToHttps: true }))
      .toThrow("[test/r] 'rules[0]' redirects to https and also names backends");
  });
});
