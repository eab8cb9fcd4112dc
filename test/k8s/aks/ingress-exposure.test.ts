import { Duration, Testing } from 'cdk8s';
import { IngressExposure } from '../../../src/k8s/aks/ingress-exposure';
import { IngressVia } from '../../../src/k8s/aks/ingress-via';
import { ManagedIngressGateway } from '../../../src/k8s/aks/managed-ingress-gateway';
import { IstioGateway } from '../../../src/k8s/istio/istio-gateway';
import { ServerTls } from '../../../src/k8s/istio/server';
import { AllowedRoutes, ListenerProtocol } from '../../../src/k8s/gateway-api/listener';
import { PathMatch } from '../../../src/k8s/path-match';
import { ServiceBackend } from '../../../src/k8s/service-backend';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { findObject, TEST_NOW, testChart } from '../../support/mesh-chart';

const rules = [{ matches: [PathMatch.prefix('/status'), PathMatch.prefix('/delay')], backends: [ServiceBackend.of('httpbin', 8000)] }];

describe('IngressExposure', () => {
  test('renders a Gateway and VirtualService with the Istio API', () => {
    // GIVEN
    const chart = testChart(undefined, 'httpbin');
    // WHEN
    const exposure = new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'httpbin-gateway' }),
      name: 'httpbin',
      hosts: ['httpbin.example.com'],
      rules,
    });
    // THEN
    const objs = Testing.synth(chart);
    expect(objs).toMatchSnapshot();
    expect(findObject(objs, 'Gateway', 'httpbin-gateway').spec).toEqual({
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.example.com'] }],
    });
    expect(findObject(objs, 'VirtualService', 'httpbin').spec).toEqual({
      hosts: ['httpbin.example.com'],
      gateways: ['httpbin-gateway'],
      http: [{ match: [{ uri: { prefix: '/status' } }, { uri: { prefix: '/delay' } }], route: [{ destination: { host: 'httpbin', port: { number: 8000 } } }] }],
    });
    expect(exposure.httpRoute).toBeUndefined();
  });

  test('renders the same description as an HTTPRoute with the Gateway API', () => {
    const chart = testChart();
    const gateway = new ManagedIngressGateway(chart, 'gw', {
      type: IngressGatewayType.EXTERNAL, name: 'gateway',
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, hostname: 'httpbin.example.com', allowedRoutes: AllowedRoutes.fromAllNamespaces() }],
    });
    new IngressExposure(chart, 'x', { via: IngressVia.gatewayApi(gateway, { sectionName: 'http' }), name: 'httpbin', namespace: 'httpbin', hosts: ['httpbin.example.com'], rules });
    expect(findObject(Testing.synth(chart), 'HTTPRoute', 'httpbin')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'httpbin', namespace: 'httpbin' },
      spec: {
        parentRefs: [{ name: 'gateway', namespace: 'aks-istio-ingress', sectionName: 'http' }],
        hostnames: ['httpbin.example.com'],
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/status' } }, { path: { type: 'PathPrefix', value: '/delay' } }],
          backendRefs: [{ name: 'httpbin', port: 8000 }],
        }],
      },
    });
  });

  test("renders '*' as no hostnames in the Gateway API", () => {
    const chart = testChart();
    const gateway = new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.fromAllNamespaces() }] });
    const exposure = new IngressExposure(chart, 'x', { via: IngressVia.gatewayApi(gateway), hosts: ['*'], rules });
    expect(Testing.synth(chart).find(o => o.kind === 'HTTPRoute')!.spec).not.toHaveProperty('hostnames');
    expect(exposure.httpRoute).toBeDefined();
  });

  test('terminates TLS on 443 and sends to Services in other namespaces by FQDN', () => {
    const chart = testChart(undefined, 'web');
    new IngressExposure(chart, 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.INTERNAL, { tls: ServerTls.simple('web-cert') }),
      hosts: ['web.example.com'],
      rules: [{ backends: [ServiceBackend.of('api', 8080, { namespace: 'backend' })], timeout: Duration.seconds(5) }],
    });
    const objs = Testing.synth(chart);
    expect(objs[0].spec.servers).toEqual([{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['web.example.com'], tls: { mode: 'SIMPLE', credentialName: 'web-cert' } }]);
    expect(objs[1].spec.http).toEqual([{ route: [{ destination: { host: 'api.backend.svc.cluster.local', port: { number: 8080 } } }], timeout: '5s' }]);
  });

  test('binds to an existing Istio Gateway', () => {
    const chart = testChart(undefined, 'web');
    const exposure = new IngressExposure(chart, 'x', { via: IngressVia.existingIstioGateway(IstioGateway.fromGatewayName('shared', 'gateways')), hosts: ['a.example.com'], rules });
    expect(exposure.istioGateway).toBeUndefined();
    expect(Testing.synth(chart).map(o => o.kind)).toEqual(['VirtualService']);
    expect(exposure.virtualService!.gateways).toEqual([{ gatewayName: 'shared', gatewayNamespace: 'gateways' }]);
  });

  test('fails when the route names a gateway the profile does not enable', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW }));
    expect(() => new IngressExposure(chart, 'x', { via: IngressVia.istioGateway(IngressGatewayType.INTERNAL), hosts: ['*'], rules }))
      .toThrow('[test/x/Gateway] The mesh profile does not enable the internal ingress gateway');
  });

  test('fails when the Gateway API rendering is used with gatewayApi off', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW }));
    expect(() => new IngressExposure(chart, 'x', { via: IngressVia.gatewayApi({ gatewayName: 'gw' }), hosts: ['*'], rules }))
      .toThrow('[test/x] the Gateway API rendering needs the managed Gateway API CRDs');
  });

  test.each([
    ['no hosts', { hosts: [] }, "'hosts' is empty"],
    ['a bad host', { hosts: ['bad host'] }, "'hosts[0]' \"bad host\" is not a valid host"],
    ['no rules', { rules: [] }, "'rules' is empty"],
    ['a bad path', { rules: [{ matches: [PathMatch.prefix('status')], backends: [ServiceBackend.of('a', 80)] }] }, "'rules[0].matches[0]' \"status\" is not a valid path"],
    ['a bad port', { rules: [{ backends: [ServiceBackend.of('a', 0)] }] }, 'must be a port number from 1 to 65535, got 0'],
    ['a bad name', { name: 'Httpbin' }, "'name' \"Httpbin\" is not a valid Kubernetes name"],
  ])('fails when given %s', (_, override, message) => {
    expect(() => new IngressExposure(testChart(), 'x', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL), hosts: ['a.example.com'], rules, ...override,
    })).toThrow(message);
  });

  test("fails when the Gateway API rendering mixes '*' with named hosts", () => {
    expect(() => new IngressExposure(testChart(), 'x', { via: IngressVia.gatewayApi({ gatewayName: 'gw' }), hosts: ['*', 'a.com'], rules }))
      .toThrow("'hosts' mixes '*' with named hosts");
  });
});
