import { Duration, Testing } from 'cdk8s';
import { IngressExposure } from '../../src/k8s/aks/ingress-exposure';
import { IngressVia } from '../../src/k8s/aks/ingress-via';
import { MeshNamespace } from '../../src/k8s/aks/mesh-namespace';
import { SharedMeshConfig } from '../../src/k8s/aks/shared-mesh-config';
import { GatewayAddress, GatewayApiGateway } from '../../src/k8s/gateway-api/gateway-api-gateway';
import { HttpRoute } from '../../src/k8s/gateway-api/http-route';
import { ListenerProtocol } from '../../src/k8s/gateway-api/listener';
import { GrantFrom, GrantTo, ReferenceGrant } from '../../src/k8s/gateway-api/reference-grant';
import { DestinationRule } from '../../src/k8s/istio/destination-rule';
import { GatewaySelector } from '../../src/k8s/istio/gateway-selector';
import { IstioGateway } from '../../src/k8s/istio/istio-gateway';
import { ServiceEntry, ServiceEntryResolution } from '../../src/k8s/istio/service-entry';
import { Sidecar } from '../../src/k8s/istio/sidecar';
import { VirtualService } from '../../src/k8s/istio/virtual-service';
import { MeshChart } from '../../src/k8s/mesh-chart';
import { PathMatch } from '../../src/k8s/path-match';
import { ServiceBackend } from '../../src/k8s/service-backend';
import { IngressGatewayType } from '../../src/mesh/ingress-gateway-type';
import { testChart, testProfile } from '../support/mesh-chart';
import { isOwnError } from './harness';

/** A map without a prototype, as `Object.create(null)` (and fast-check) make them. */
function bare(entries: Record<string, string | number>): Record<string, never> {
  return Object.assign(Object.create(null), entries);
}

function gatewayWithListener(chart: ReturnType<typeof testChart>): GatewayApiGateway {
  return new GatewayApiGateway(chart, 'gw', { listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
}

/** Shrunk counterexamples the property tests found, kept as regular tests (see test/props/*.props.test.ts). */
describe('property-test counterexamples', () => {
  test('maps without a prototype synthesize (they crashed cdk8s serialization)', () => {
    const chart = testChart();
    new DestinationRule(chart, 'dr', { host: 'reviews', subsets: [{ name: 'v1', labels: bare({ version: 'v1' }) }] });
    new ServiceEntry(chart, 'se', {
      hosts: ['a.example.com'], resolution: ServiceEntryResolution.STATIC,
      endpoints: [{ address: '10.0.0.1', ports: bare({ http: 8080 }), labels: bare({ zone: 'a' }) }],
    });
    const objects = Testing.synth(chart);
    expect(objects.find(o => o.kind === 'DestinationRule')).toMatchObject({ spec: { subsets: [{ name: 'v1', labels: { version: 'v1' } }] } });
    expect(objects.find(o => o.kind === 'ServiceEntry')).toMatchObject({ spec: { endpoints: [{ address: '10.0.0.1', ports: { http: 8080 }, labels: { zone: 'a' } }] } });
  });

  test('fails when a duration is below 1 ms or not whole milliseconds (it crashed at synth or gave schema-invalid YAML)', () => {
    const route = (timeout: Duration) => () => new VirtualService(testChart(), 'vs', {
      hosts: ['a.example.com'], http: [{ destinations: [{ host: 'a' }], timeout }],
    });
    expect(route(Duration.millis(0.5))).toThrow(/^\[test\/vs\] 'http\[0\]\.timeout' is not a whole number of milliseconds/);
    expect(route(Duration.millis(0))).toThrow("[test/vs] 'http[0].timeout' must be from 1 ms to 99999 h, got 0 ms");
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { connectionPool: { connectTimeout: Duration.millis(0) } } }))
      .toThrow("'trafficPolicy.connectionPool.connectTimeout' must be from 1 ms");
    expect(() => new SharedMeshConfig(testChart(), 'm', { proxyDefaults: { drainDuration: Duration.millis(1.5) } }))
      .toThrow("'proxyDefaults.drainDuration' is not a whole number of milliseconds");
  });

  test('renders a long timeout in hours so the Gateway API accepts it (at most 5 digits per unit)', () => {
    const chart = testChart();
    const route = new HttpRoute(chart, 'route', { rules: [{ backends: [ServiceBackend.of('a', 80)], timeout: Duration.days(400) }] });
    route.addParent(gatewayWithListener(chart));
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute')).toMatchObject({ spec: { rules: [{ timeouts: { request: '9600h' } }] } });
  });

  test('fails when an outlier or pool count is negative (schema-invalid before)', () => {
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { outlierDetection: { consecutive5xxErrors: -1 } } }))
      .toThrow("[test/dr] 'trafficPolicy.outlierDetection.consecutive5xxErrors' must be a whole number from 0 to 2147483647, got -1");
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { outlierDetection: { maxEjectionPercent: 101 } } }))
      .toThrow("'trafficPolicy.outlierDetection.maxEjectionPercent' must be a whole number from 0 to 100, got 101");
  });

  test('a ServiceEntry with empty endpoints or endpoint ports renders neither (the CRD rejected NONE and Unix sockets with them)', () => {
    const chart = testChart();
    new ServiceEntry(chart, 'none', { hosts: ['a.example.com'], resolution: ServiceEntryResolution.NONE, endpoints: [] });
    new ServiceEntry(chart, 'uds', { hosts: ['b.example.com'], resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: 'unix:///var/run/a.sock', ports: {} }] });
    const objects = Testing.synth(chart).filter(o => o.kind === 'ServiceEntry');
    expect(objects[0].spec).not.toHaveProperty('endpoints');
    expect(objects[1].spec.endpoints).toEqual([{ address: 'unix:///var/run/a.sock' }]);
  });

  test('fails when a Unix socket endpoint has ports or an endpoint port name is too long', () => {
    expect(() => new ServiceEntry(testChart(), 'se', {
      hosts: ['a.example.com'], resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: 'unix:///var/run/a.sock', ports: { http: 80 } }],
    })).toThrow("[test/se] 'endpoints[0].ports' is set, but \"unix:///var/run/a.sock\" is a Unix domain socket");
    expect(() => new ServiceEntry(testChart(), 'se', {
      hosts: ['a.example.com'], resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: '10.0.0.1', ports: { [`a${'-'.repeat(61)}a`]: 80 } }],
    })).toThrow(/\[test\/se\] 'endpoints\[0\]\.ports' key "a-+a" is not a port name \(at most 62/);
  });

  test('fails when a selector label value is longer than 63 characters or a label key is malformed', () => {
    expect(() => new Sidecar(testChart(), 'sc', { workloadSelector: { app: 'x'.repeat(64) } }))
      .toThrow("[test/sc] 'workloadSelector.app' \"" + 'x'.repeat(64) + '" is not a valid label value');
    expect(() => new IstioGateway(testChart(), 'gw', { selector: GatewaySelector.labels({ 'a b': 'x' }), servers: [] }))
      .toThrow("[test/gw] 'selector' key \"a b\" is not a valid label key");
    expect(() => new MeshNamespace(testChart(), 'ns', { name: 'web', labels: { 'bad/prefix/x': 'a' } }))
      .toThrow("[test/ns] 'labels' key \"bad/prefix/x\" is not a valid label key");
  });

  test('fails when a Gateway API address is not an IP, repeats, or the class name is empty (schema-invalid before)', () => {
    expect(() => new GatewayApiGateway(testChart(), 'gw', { addresses: [GatewayAddress.ipAddress('300.0.0.1')] }))
      .toThrow("[test/gw] 'addresses[0]' \"300.0.0.1\" is not an IPv4 or IPv6 address");
    expect(() => new GatewayApiGateway(testChart(), 'gw', { addresses: [GatewayAddress.ipAddress('2001:db8::1'), GatewayAddress.ipAddress('2001:db8::1')] }))
      .toThrow("[test/gw] 'addresses' lists \"IPAddress 2001:db8::1\" twice");
    expect(() => new GatewayApiGateway(testChart(), 'gw', { gatewayClassName: '' }))
      .toThrow("[test/gw] 'gatewayClassName' \"\" is not a valid GatewayClass name");
  });

  test('fails when an HTTPRoute header match or path has characters the CRD rejects', () => {
    const rule = (matches: NonNullable<ConstructorParameters<typeof HttpRoute>[2]>['rules']) => () => new HttpRoute(testChart(), 'route', { rules: matches });
    const backends = [ServiceBackend.of('a', 80)];
    expect(rule([{ matches: [{ headers: { '': 'v' } }], backends }])).toThrow("[test/route] 'rules[0].matches[0].headers' has header name \"\"");
    expect(rule([{ matches: [{ headers: { 'x-user': '' } }], backends }])).toThrow("[test/route] 'rules[0].matches[0].headers.x-user' must be 1 to 4096 characters, got 0");
    expect(rule([{ matches: [{ headers: { 'X-User': 'a', 'x-user': 'b' } }], backends }])).toThrow('matches header "x-user" twice');
    expect(rule([{ matches: [{ path: PathMatch.exact('/é') }], backends }]))
      .toThrow("[test/route] 'rules[0].matches[0].path' \"/é\" is not a valid path: it must contain only letters, digits");
    expect(rule([{ backends: [ServiceBackend.of('a', 80, { namespace: '😀' })] }])).toThrow("[test/route] 'rules[0].backends[0].namespace' \"😀\" is not a valid namespace name");
  });

  test('validation messages name the field, so every rejection points at what to change', () => {
    const chart = testChart();
    new IstioGateway(chart, 'gw', { selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL) });
    new VirtualService(chart, 'vs', { hosts: ['a.example.com'] });
    new HttpRoute(chart, 'route');
    let error: unknown;
    try {
      Testing.synth(chart);
    } catch (e) {
      error = e;
    }
    expect(isOwnError(error)).toBe(true);
    expect(String(error)).toContain("('servers' is empty)");
    expect(String(error)).toContain("('http', 'tls' and 'tcp' are empty)");
    expect(String(error)).toContain("('parentRefs' is empty)");
  });

  test('an explicit undefined name keeps the generated one (objects had no metadata.name, which the API server refuses)', () => {
    const chart = testChart(undefined, 'web');
    new ReferenceGrant(chart, 'grant', { metadata: { name: undefined }, from: [GrantFrom.httpRoutes('web')], to: [GrantTo.services()] });
    new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL), name: undefined, namespace: 'web', hosts: ['a.example.com'], rules: [{ backends: [ServiceBackend.of('a', 80)] }],
    });
    const objects = Testing.synth(chart);
    expect(objects.map(o => o.metadata.name)).toEqual(['test-grant-c83601cf', 'test-x-gateway-c812c7a0', 'test-x-virtualservice-c8d1b3c7']);
  });

  test('fails when metadata has a name, namespace or label the API server refuses (the schemas do not check them)', () => {
    expect(() => new DestinationRule(testChart(), 'dr', { metadata: { name: 'A_b' }, host: 'a' }))
      .toThrow("[test/dr] 'metadata.name' \"A_b\" is not a valid Kubernetes name");
    expect(() => new VirtualService(testChart(), 'vs', { metadata: { namespace: 'a.b' }, hosts: ['a.example.com'] }))
      .toThrow("[test/vs] 'metadata.namespace' \"a.b\" is not a valid namespace name");
    expect(() => new IstioGateway(testChart(), 'gw', { metadata: { annotations: { 'a b': 'x' } }, selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL) }))
      .toThrow("[test/gw] 'metadata.annotations' key \"a b\" is not a valid annotation key");
    expect(() => new MeshChart(Testing.app(), 'c', { profile: testProfile(), namespace: 'Web' })).toThrow("[c] 'namespace' \"Web\" is not a valid namespace name");
  });

  test('a NaN port is reported as NaN, not null', () => {
    expect(() => new VirtualService(testChart(), 'vs', { hosts: ['a.example.com'], http: [{ destinations: [{ host: 'a', port: Number.NaN }] }] }))
      .toThrow("'http[0].destinations[0].port' must be a port number from 1 to 65535, got NaN");
  });
});
