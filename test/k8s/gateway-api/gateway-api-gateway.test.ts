import { Chart, Testing } from 'cdk8s';
import { GatewayAddress, GatewayApiGateway } from '../../../src/k8s/gateway-api/gateway-api-gateway';
import { AllowedRoutes, ListenerProtocol, ListenerTls } from '../../../src/k8s/gateway-api/listener';
import { testChart, testProfile } from '../../support/mesh-chart';

describe('GatewayApiGateway', () => {
  test('renders an automated-deployment Gateway of class istio', () => {
    // GIVEN
    const chart = testChart(undefined, 'httpbin');
    // WHEN
    new GatewayApiGateway(chart, 'gw', {
      metadata: { name: 'httpbin-gateway' },
      listeners: [{ name: 'http', hostname: 'httpbin.example.com', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.fromSameNamespace() }],
    });
    // THEN
    const [gw] = Testing.synth(chart);
    expect(gw).toMatchSnapshot();
    expect(gw.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(gw.spec).toEqual({
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', hostname: 'httpbin.example.com', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
  });

  test('renders addresses, TLS listeners and label-selected namespaces', () => {
    const chart = testChart();
    const gw = new GatewayApiGateway(chart, 'gw', { addresses: [GatewayAddress.hostname('my-gw'), GatewayAddress.ipAddress('10.0.0.10')] });
    gw.addListener({ name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: ListenerTls.terminate('cert'),
      allowedRoutes: AllowedRoutes.fromNamespacesWithLabels({ team: 'a' }) });
    gw.addListener({ name: 'tls', port: 8443, protocol: ListenerProtocol.TLS, tls: ListenerTls.passthrough(), allowedRoutes: AllowedRoutes.fromAllNamespaces() });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.addresses).toEqual([{ type: 'Hostname', value: 'my-gw' }, { type: 'IPAddress', value: '10.0.0.10' }]);
    expect(spec.listeners).toEqual([
      { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] },
        allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'a' } } } } },
      { name: 'tls', port: 8443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } },
    ]);
    expect(gw.listeners.map(l => l.name)).toEqual(['https', 'tls']);
  });

  test('fails when there are no listeners', () => {
    const chart = testChart();
    new GatewayApiGateway(chart, 'gw');
    expect(() => Testing.synth(chart)).toThrow('[test/gw] Gateway has no listeners');
  });

  test('fails when an address hostname is invalid', () => {
    expect(() => new GatewayApiGateway(testChart(), 'gw', { addresses: [GatewayAddress.hostname('Not Valid')] })).toThrow("'addresses[0]' \"Not Valid\" is not a valid hostname");
  });

  test.each([
    ['a bad name', { name: 'HTTP', port: 80, protocol: ListenerProtocol.HTTP }, "'listeners[0].name' \"HTTP\" is not a valid listener name"],
    ['a bad port', { name: 'a', port: 0, protocol: ListenerProtocol.HTTP }, "'listeners[0].port' must be a port number"],
    ["'*' as hostname", { name: 'a', port: 80, protocol: ListenerProtocol.HTTP, hostname: '*' }, "'listeners[0].hostname' \"*\" is not a valid hostname"],
    ['a hostname on TCP', { name: 'a', port: 80, protocol: ListenerProtocol.TCP, hostname: 'a.com' }, 'must not be set for protocol TCP'],
    ['HTTPS without tls', { name: 'a', port: 443, protocol: ListenerProtocol.HTTPS }, 'has protocol HTTPS and needs \'tls\''],
    ['tls on HTTP', { name: 'a', port: 80, protocol: ListenerProtocol.HTTP, tls: ListenerTls.terminate('c') }, 'is only valid for HTTPS and TLS listeners'],
    ['Passthrough on HTTPS', { name: 'a', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.passthrough() }, 'Passthrough needs protocol TLS'],
    ['Terminate without certificates', { name: 'a', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate() }, 'names no certificate Secret'],
  ])('fails when a listener has %s', (_, listener, message) => {
    expect(() => new GatewayApiGateway(testChart(), 'gw', { listeners: [listener] })).toThrow(message);
  });

  test('fails when listeners repeat a name or a port/protocol/hostname combination', () => {
    const gw = new GatewayApiGateway(testChart(), 'gw', { listeners: [{ name: 'a', port: 80, protocol: ListenerProtocol.HTTP }] });
    expect(() => gw.addListener({ name: 'a', port: 81, protocol: ListenerProtocol.HTTP })).toThrow("'a' is used by another listener");
    expect(() => gw.addListener({ name: 'b', port: 80, protocol: ListenerProtocol.HTTP })).toThrow("repeats port 80, protocol HTTP and hostname (any) of listener 'a'");
  });

  describe('revision pinning', () => {
    const listeners = [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }];
    const revisionLabel = (gw: GatewayApiGateway) => (Testing.synth(Chart.of(gw))[0].metadata as { labels?: Record<string, string> }).labels?.['istio.io/rev'];

    test('leaves the Gateway unlabelled with one revision', () => {
      expect(revisionLabel(new GatewayApiGateway(testChart(), 'gw', { listeners }))).toBeUndefined();
    });

    test('pins the Gateway to the stable revision during a canary, or to the one asked for', () => {
      const canary = testProfile({ revisions: ['asm-1-30', 'asm-1-31'] });
      const stable = new GatewayApiGateway(testChart(canary), 'gw', { listeners, metadata: { labels: { app: 'web' } } });
      expect(stable.revision).toEqual('asm-1-30');
      expect(revisionLabel(stable)).toEqual('asm-1-30');
      expect(revisionLabel(new GatewayApiGateway(testChart(canary), 'gw', { listeners, revision: 'asm-1-31' }))).toEqual('asm-1-31');
    });

    test('fails when the revision is not in the profile, or given twice differently', () => {
      expect(() => new GatewayApiGateway(testChart(), 'gw', { listeners, revision: 'asm-1-29' }))
        .toThrow("[test/gw] 'revision' 'asm-1-29' is not a revision of the mesh profile (asm-1-30); no control plane would program this Gateway");
      expect(() => new GatewayApiGateway(testChart(), 'gw', { listeners, revision: 'asm-1-30', metadata: { labels: { 'istio.io/rev': 'asm-1-29' } } }))
        .toThrow("'metadata.labels' has istio.io/rev=asm-1-29 but 'revision' is asm-1-30; set only 'revision'");
    });
  });
});
