import { Testing } from 'cdk8s';
import { Chart } from 'cdk8s';
import { GatewaySelector } from '../../../src/k8s/istio/gateway-selector';
import { IstioGateway } from '../../../src/k8s/istio/istio-gateway';
import { ServerProtocol, ServerTls } from '../../../src/k8s/istio/server';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { collectWarnings } from '../../../src/k8s/private/warnings';
import { TEST_NOW, testChart } from '../../support/mesh-chart';

describe('IstioGateway', () => {
  test('selects the managed external gateway from the profile', () => {
    // GIVEN
    const chart = testChart();
    // WHEN
    new IstioGateway(chart, 'gw', {
      metadata: { name: 'bookinfo-gateway-external' },
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [{ port: 80, protocol: ServerProtocol.HTTP, hosts: ['*'] }],
    });
    // THEN
    const [gw] = Testing.synth(chart);
    expect(gw).toMatchSnapshot();
    expect(gw.apiVersion).toBe('networking.istio.io/v1');
    expect(gw.spec).toEqual({
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    });
  });

  test('renders TLS servers and servers added later', () => {
    const chart = testChart();
    const gw = new IstioGateway(chart, 'gw', { selector: GatewaySelector.egress('asm-egress-test') });
    gw.addServer({ port: 443, protocol: ServerProtocol.TLS, hosts: ['edition.cnn.com'], tls: ServerTls.passthrough() });
    gw.addServer({ port: 80, protocol: ServerProtocol.HTTPS, portName: 'https-port-for-tls-origination', hosts: ['edition.cnn.com'], tls: ServerTls.istioMutual() });
    gw.addServer({ port: 8443, protocol: ServerProtocol.HTTPS, hosts: ['a.example.com'], tls: ServerTls.simple('a-cert') });
    gw.addServer({ port: 8080, protocol: ServerProtocol.HTTP, hosts: ['a.example.com'], tls: ServerTls.httpsRedirect() });
    const spec = Testing.synth(chart)[0].spec;
    expect(spec.selector).toEqual({ istio: 'asm-egress-test' });
    expect(spec.servers).toEqual([
      { port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } },
      { port: { number: 80, name: 'https-port-for-tls-origination', protocol: 'HTTPS' }, hosts: ['edition.cnn.com'], tls: { mode: 'ISTIO_MUTUAL' } },
      { port: { number: 8443, name: 'https', protocol: 'HTTPS' }, hosts: ['a.example.com'], tls: { mode: 'SIMPLE', credentialName: 'a-cert' } },
      { port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['a.example.com'], tls: { httpsRedirect: true } },
    ]);
    expect(gw.selector.egress?.name).toBe('asm-egress-test');
  });

  test('warns when a managed ingress server uses a port the AKS Service does not expose', () => {
    const chart = testChart();
    new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.ingress(IngressGatewayType.INTERNAL),
      servers: [{ port: 8080, protocol: ServerProtocol.HTTP, hosts: ['*'] }],
    });
    expect(collectWarnings(chart)).toEqual([expect.stringContaining('server on port 8080 cannot be reached')]);
  });

  test('accepts namespaced hosts and custom label selectors', () => {
    const chart = testChart();
    new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.labels({ app: 'my-gateway' }),
      servers: [{ port: 80, protocol: ServerProtocol.HTTP, hosts: ['team-a/*.example.com', './b.example.com', '*/c.example.com'] }],
    });
    expect(Testing.synth(chart)[0].spec.servers[0].hosts).toEqual(['team-a/*.example.com', './b.example.com', '*/c.example.com']);
  });

  test('fails when the profile does not enable the selected gateway', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW }));
    expect(() => new IstioGateway(chart, 'gw', { selector: GatewaySelector.ingress(IngressGatewayType.INTERNAL) }))
      .toThrow('[test/gw] The mesh profile does not enable the internal ingress gateway');
  });

  test('fails when an egress gateway is not declared', () => {
    expect(() => new IstioGateway(testChart(), 'gw', { selector: GatewaySelector.egress('other') }))
      .toThrow("[test/gw] The mesh profile declares no egress gateway 'other'");
  });

  test('fails when a profile selector is used outside a MeshChart', () => {
    expect(() => new IstioGateway(new Chart(Testing.app(), 'plain'), 'gw', { selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL) }))
      .toThrow('[plain/gw] must be created inside a MeshChart');
  });

  test('fails when the label selector is empty', () => {
    expect(() => new IstioGateway(testChart(), 'gw', { selector: GatewaySelector.labels({}) })).toThrow("'selector' has no labels");
  });

  test('fails when there are no servers', () => {
    const chart = testChart();
    new IstioGateway(chart, 'gw', { selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL) });
    expect(() => Testing.synth(chart)).toThrow('[test/gw] Gateway has no servers');
  });

  test.each([
    ['a bad port', { port: 0, protocol: ServerProtocol.HTTP, hosts: ['*'] }, "'servers[0].port' must be a port number from 1 to 65535, got 0"],
    ['no hosts', { port: 80, protocol: ServerProtocol.HTTP, hosts: [] }, "'servers[0].hosts' is empty"],
    ['a bad host', { port: 80, protocol: ServerProtocol.HTTP, hosts: ['Bad_Host'] }, "'servers[0].hosts[0]' \"Bad_Host\" is not a valid host"],
    ['a duplicate host', { port: 80, protocol: ServerProtocol.HTTP, hosts: ['a.com', 'a.com'] }, "'servers[0].hosts' lists \"a.com\" twice"],
    ['HTTPS without TLS', { port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.com'] }, 'is a HTTPS server without a TLS mode'],
    ['TLS on plain HTTP', { port: 80, protocol: ServerProtocol.HTTP, hosts: ['a.com'], tls: ServerTls.simple('c') }, 'mode SIMPLE needs protocol HTTPS or TLS'],
    ['passthrough on HTTPS', { port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.com'], tls: ServerTls.passthrough() }, 'PASSTHROUGH forwards raw TLS and needs protocol TLS'],
    ['httpsRedirect on TCP', { port: 443, protocol: ServerProtocol.TCP, hosts: ['a.com'], tls: ServerTls.httpsRedirect() }, 'httpsRedirect only applies to HTTP servers'],
    ['a bad port name', { port: 80, protocol: ServerProtocol.HTTP, portName: 'HTTP_1', hosts: ['*'] }, "'servers[0].portName' \"HTTP_1\" is not a valid port name"],
    ['a bad credential name', { port: 443, protocol: ServerProtocol.HTTPS, hosts: ['a.com'], tls: ServerTls.simple('Bad Cert') }, "'servers[0].tls.credentialName' \"Bad Cert\" is not a valid Kubernetes name"],
  ])('fails when a server has %s', (_, server, message) => {
    expect(() => new IstioGateway(testChart(), 'gw', { selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL), servers: [server] }))
      .toThrow(message);
  });
});
