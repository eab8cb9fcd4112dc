import { Duration, JsonPatch, Testing } from 'cdk8s';
import { IstioGateway } from '../../../src/k8s/istio/istio-gateway';
import { DestinationRule } from '../../../src/k8s/istio/destination-rule';
import { VirtualService } from '../../../src/k8s/istio/virtual-service';
import { PathMatch } from '../../../src/k8s/path-match';
import { testChart } from '../../support/mesh-chart';

describe('VirtualService', () => {
  test('renders http routes bound to a gateway', () => {
    // GIVEN
    const chart = testChart(undefined, 'httpbin');
    const gateway = IstioGateway.fromGatewayName('httpbin-gateway');
    // WHEN
    new VirtualService(chart, 'vs', {
      metadata: { name: 'httpbin' },
      hosts: ['httpbin.example.com'],
      gateways: [gateway],
      http: [{
        match: [{ path: PathMatch.prefix('/status') }, { path: PathMatch.prefix('/delay') }],
        destinations: [{ host: 'httpbin', port: 8000 }],
      }],
    });
    // THEN
    const [vs] = Testing.synth(chart);
    expect(vs).toMatchSnapshot();
    expect(vs.metadata).toEqual({ name: 'httpbin', namespace: 'httpbin' });
    expect(vs.spec).toEqual({
      hosts: ['httpbin.example.com'],
      gateways: ['httpbin-gateway'],
      http: [{
        match: [{ uri: { prefix: '/status' } }, { uri: { prefix: '/delay' } }],
        route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }],
      }],
    });
  });

  test('references gateways in other namespaces as namespace/name and supports mesh matches', () => {
    const chart = testChart(undefined, 'apps');
    const gateway = IstioGateway.fromGatewayName('istio-egressgateway', 'aks-istio-egress');
    const vs = new VirtualService(chart, 'vs', { hosts: ['edition.cnn.com'], gateways: [gateway, IstioGateway.MESH] });
    vs.addHttpRoute({
      match: [{ gateways: [IstioGateway.MESH], port: 80 }],
      destinations: [{ host: 'asm-egress-test.aks-istio-egress.svc.cluster.local', subset: 'cnn', port: 80, weight: 100 }],
    });
    vs.addTlsRoute({
      match: [{ gateways: [gateway], port: 443, sniHosts: ['edition.cnn.com'] }],
      destinations: [{ host: 'edition.cnn.com', port: 443, weight: 100 }],
    });
    vs.addTcpRoute({ match: [{ port: 5432 }], destinations: [{ host: 'db.example.com', port: 5432 }] });
    new DestinationRule(chart, 'dr', { host: 'asm-egress-test.aks-istio-egress.svc.cluster.local', subsets: [{ name: 'cnn' }] });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.gateways).toEqual(['aks-istio-egress/istio-egressgateway', 'mesh']);
    expect(spec.http[0]).toEqual({
      match: [{ gateways: ['mesh'], port: 80 }],
      route: [{ destination: { host: 'asm-egress-test.aks-istio-egress.svc.cluster.local', subset: 'cnn', port: { number: 80 } }, weight: 100 }],
    });
    expect(spec.tls[0].match).toEqual([{ gateways: ['aks-istio-egress/istio-egressgateway'], port: 443, sniHosts: ['edition.cnn.com'] }]);
    expect(spec.tcp[0]).toEqual({ match: [{ port: 5432 }], route: [{ destination: { host: 'db.example.com', port: { number: 5432 } } }] });
  });

  test('renders timeouts, retries, rewrites, headers and methods', () => {
    const chart = testChart();
    new VirtualService(chart, 'vs', {
      hosts: ['reviews'],
      http: [{
        name: 'v2',
        match: [{ path: PathMatch.regex('^/api/.*'), headers: { 'x-user': 'jason' }, method: 'GET' }],
        destinations: [{ host: 'reviews', subset: 'v1', weight: 90 }, { host: 'reviews', subset: 'v2', weight: 10 }],
        timeout: Duration.millis(1500),
        retries: { attempts: 3, perTryTimeout: Duration.seconds(2), retryOn: '5xx' },
        rewriteUri: '/v2/',
      }],
    });
    new DestinationRule(chart, 'dr', { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }] });
    expect(Testing.synth(chart)[0].spec.http[0]).toEqual({
      name: 'v2',
      match: [{ uri: { regex: '^/api/.*' }, headers: { 'x-user': { exact: 'jason' } }, method: { exact: 'GET' } }],
      rewrite: { uri: '/v2/' },
      route: [
        { destination: { host: 'reviews', subset: 'v1' }, weight: 90 },
        { destination: { host: 'reviews', subset: 'v2' }, weight: 10 },
      ],
      timeout: '1500ms',
      retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx' },
    });
  });

  test('fails synth when a gateway reference matches nothing, but not for an imported gateway', () => {
    const chart = testChart(undefined, 'web');
    const vs = new VirtualService(chart, 'vs', { hosts: ['a.example.com'], gateways: [IstioGateway.fromGatewayName('shared', 'gateways')] });
    vs.addHttpRoute({ destinations: [{ host: 'a' }] });
    expect(() => Testing.synth(chart)).not.toThrow();
    const broken = testChart(undefined, 'web');
    new VirtualService(broken, 'vs', { hosts: ['a.example.com'], gateways: [IstioGateway.fromGatewayName('shared', 'gateways')], http: [{ destinations: [{ host: 'a' }] }] })
      .apiObject.addJsonPatch(JsonPatch.replace('/spec/gateways/0', 'gateways/typo'));
    expect(() => Testing.synth(broken)).toThrow('AIM102: VirtualService web/test-vs-c87dc83e lists gateway "gateways/typo"');
  });

  test('fails when hosts are missing, invalid or repeated', () => {
    expect(() => new VirtualService(testChart(), 'vs', { hosts: [] })).toThrow("[test/vs] 'hosts' is empty");
    expect(() => new VirtualService(testChart(), 'vs', { hosts: ['ns/host'] })).toThrow("the 'namespace/host' form is only valid in Gateway servers");
    expect(() => new VirtualService(testChart(), 'vs', { hosts: ['a', 'a'] })).toThrow("'hosts' lists \"a\" twice");
  });

  test("fails when '*' is used for routes inside the mesh", () => {
    expect(() => new VirtualService(testChart(), 'vs', { hosts: ['*'] })).toThrow("'hosts' has '*', which Istio rejects");
  });

  test('fails when a match names a gateway the VirtualService is not bound to', () => {
    const vs = new VirtualService(testChart(), 'vs', { hosts: ['a.com'], gateways: [IstioGateway.fromGatewayName('gw')] });
    expect(() => vs.addHttpRoute({ match: [{ gateways: [IstioGateway.MESH] }], destinations: [{ host: 'a.com' }] }))
      .toThrow("'http[0].match[0].gateways' names gateway 'mesh', which is not in the VirtualService's gateways (gw)");
  });

  test('fails when weights do not add up to 100', () => {
    const vs = new VirtualService(testChart(), 'vs', { hosts: ['a'] });
    expect(() => vs.addHttpRoute({ destinations: [{ host: 'a', weight: 50 }, { host: 'b', weight: 40 }] }))
      .toThrow("'http[0].destinations' weights add up to 90");
    expect(() => vs.addHttpRoute({ destinations: [{ host: 'a', weight: 101 }] })).toThrow('must be an integer from 0 to 100');
  });

  test('fails when a destination is missing, a wildcard, or on a bad port', () => {
    const vs = new VirtualService(testChart(), 'vs', { hosts: ['a'] });
    expect(() => vs.addHttpRoute({ destinations: [] })).toThrow("'http[0].destinations' is empty");
    expect(() => vs.addHttpRoute({ destinations: [{ host: '*.a.com' }] })).toThrow('must be a concrete host');
    expect(() => vs.addHttpRoute({ destinations: [{ host: 'a', port: 70000 }] })).toThrow("'http[0].destinations[0].port' must be a port number");
  });

  test('fails when a TLS route has no SNI hosts', () => {
    const vs = new VirtualService(testChart(), 'vs', { hosts: ['a.com'] });
    expect(() => vs.addTlsRoute({ match: [], destinations: [{ host: 'a.com' }] })).toThrow("'tls[0].match' is empty");
    expect(() => vs.addTlsRoute({ match: [{ sniHosts: [] }], destinations: [{ host: 'a.com' }] })).toThrow("'tls[0].match[0].sniHosts' is empty");
  });

  test('fails when retries or rewrites are malformed', () => {
    const vs = new VirtualService(testChart(), 'vs', { hosts: ['a'] });
    expect(() => vs.addHttpRoute({ destinations: [{ host: 'a' }], retries: { attempts: -1 } })).toThrow("'http[0].retries.attempts' must be a whole number");
    expect(() => vs.addHttpRoute({ destinations: [{ host: 'a' }], rewriteUri: 'v2' })).toThrow("'http[0].rewriteUri' \"v2\" must start with '/'");
  });

  test('fails when there are no routes', () => {
    const chart = testChart();
    new VirtualService(chart, 'vs', { hosts: ['a'] });
    expect(() => Testing.synth(chart)).toThrow('[test/vs] VirtualService has no http, tls or tcp routes');
  });
});
