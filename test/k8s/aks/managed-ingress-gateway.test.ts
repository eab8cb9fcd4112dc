import { Testing } from 'cdk8s';
import { ManagedIngressGateway } from '../../../src/k8s/aks/managed-ingress-gateway';
import { AllowedRoutes, ListenerProtocol } from '../../../src/k8s/gateway-api/listener';
import { collectWarnings } from '../../../src/k8s/private/warnings';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { TEST_NOW, testChart } from '../../support/mesh-chart';

describe('ManagedIngressGateway', () => {
  test('binds a Gateway in aks-istio-ingress to the managed Service through spec.addresses', () => {
    // GIVEN
    const chart = testChart(undefined, 'pets');
    // WHEN
    const gw = new ManagedIngressGateway(chart, 'gw', {
      type: IngressGatewayType.EXTERNAL,
      name: 'gateway',
      listeners: [{ name: 'default', hostname: '*.aks.rocks', protocol: ListenerProtocol.HTTP, port: 80, allowedRoutes: AllowedRoutes.fromAllNamespaces() }],
    });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.metadata).toEqual({ name: 'gateway', namespace: 'aks-istio-ingress' });
    expect(obj.spec).toEqual({
      gatewayClassName: 'istio',
      addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }],
      listeners: [{ name: 'default', hostname: '*.aks.rocks', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }],
    });
    expect([gw.gatewayName, gw.gatewayNamespace]).toEqual(['gateway', 'aks-istio-ingress']);
  });

  test('defaults the name to the managed Service and warns on unreachable ports', () => {
    const chart = testChart();
    const gw = new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.INTERNAL });
    gw.addListener({ name: 'alt', port: 8080, protocol: ListenerProtocol.HTTP });
    expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'aks-istio-ingressgateway-internal', namespace: 'aks-istio-ingress' });
    expect(collectWarnings(chart)).toEqual([expect.stringContaining("listener 'alt' on port 8080 cannot be reached")]);
  });

  test('fails when the profile does not enable the gateway', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'], gatewayApi: true }, { now: TEST_NOW }));
    expect(() => new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL }))
      .toThrow('[test/gw] The mesh profile does not enable the external ingress gateway');
  });

  test('fails when the profile has the Gateway API off', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW }));
    expect(() => new ManagedIngressGateway(chart, 'gw', { type: IngressGatewayType.EXTERNAL })).toThrow('the mesh profile has gatewayApi off');
  });
});
