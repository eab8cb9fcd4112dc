import { Testing } from 'cdk8s';
import { analyze, errorsOf } from '../../../src/analysis';
import { GatewayApiGateway, ListenerProtocol, ManagedIngressGateway, MtlsMode, RequestOperation, ZeroTrustNamespace } from '../../../src/k8s';
import { IngressGatewayType } from '../../../src/mesh';
import { findObject, testChart, testProfile } from '../../support/mesh-chart';

describe('ZeroTrustNamespace', () => {
  test('allows nothing, then the managed ingress gateway, a namespace and a service account', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    const zt = new ZeroTrustNamespace(chart, 'zt', { mtls: MtlsMode.STRICT });
    zt.allowFromIngressGateway('ingress', IngressGatewayType.EXTERNAL, { selector: { app: 'web' }, to: [RequestOperation.methods('GET', 'HEAD')] });
    zt.allowFromIngressGateway('internal', IngressGatewayType.INTERNAL, { serviceAccountName: 'custom-gw-sa' });
    zt.allowFromNamespace('web', 'web', { selector: { app: 'api' } });
    zt.allowFromServiceAccount('orders', 'orders', 'order-service', { name: 'orders-to-api' });
    // THEN
    const objects = Testing.synth(chart);
    expect(objects).toMatchSnapshot();
    expect(findObject(objects, 'AuthorizationPolicy', 'allow-nothing').spec).toEqual({ action: 'ALLOW' });
    expect(findObject(objects, 'PeerAuthentication', 'default')).toMatchObject({ metadata: { namespace: 'shop' }, spec: { mtls: { mode: 'STRICT' } } });
    expect(findObject(objects, 'AuthorizationPolicy', 'allow-from-ingress-external').spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { app: 'web' } },
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external'] } }],
        to: [{ operation: { methods: ['GET', 'HEAD'] } }],
      }],
    });
    expect(findObject(objects, 'AuthorizationPolicy', 'allow-from-ingress-internal'))
      .toMatchObject({ spec: { rules: [{ from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/custom-gw-sa'] } }] }] } });
    expect(findObject(objects, 'AuthorizationPolicy', 'allow-from-web').spec).toMatchObject({ rules: [{ from: [{ source: { namespaces: ['web'] } }] }] });
    expect(findObject(objects, 'AuthorizationPolicy', 'orders-to-api').spec).toMatchObject({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/orders/sa/order-service'] } }] }] });
    expect(objects.every(o => o.metadata.namespace === 'shop')).toBe(true);
    expect(errorsOf(analyze(objects.map(object => ({ object }))))).toEqual([]);
  });

  test('fails when the ingress gateway is not enabled in the profile', () => {
    const chart = testChart(testProfile({ ingressGateways: { external: true } }), 'shop');
    const zt = new ZeroTrustNamespace(chart, 'zt');
    expect(() => zt.allowFromIngressGateway('i', IngressGatewayType.INTERNAL))
      .toThrow(/^\[test\/zt\] allowFromIngressGateway: the internal ingress gateway is not enabled in the mesh profile/);
  });

  test('fails without a namespace, or in the mesh root namespace', () => {
    expect(() => new ZeroTrustNamespace(testChart(), 'zt')).toThrow(/^\[test\/zt\] 'namespace' is not set and the chart has no namespace/);
    expect(() => new ZeroTrustNamespace(testChart(), 'zt', { namespace: 'aks-istio-system' })).toThrow(/the mesh root namespace/);
  });

  test('fails on a bad service account', () => {
    const zt = new ZeroTrustNamespace(testChart(undefined, 'shop'), 'zt');
    expect(() => zt.allowFromServiceAccount('x', 'orders', 'Order_Service')).toThrow(/service account "Order_Service" is not a valid name/);
  });
});

describe('ZeroTrustNamespace.allowFromGatewayApiGateway', () => {
  test('uses the automated deployment account, or the managed gateway account for a bound Gateway', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    const automated = new GatewayApiGateway(chart, 'gw', { metadata: { name: 'shop-gateway' }, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    const managed = new ManagedIngressGateway(chart, 'managed', { type: IngressGatewayType.EXTERNAL, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    const zt = new ZeroTrustNamespace(chart, 'zt');
    // WHEN
    zt.allowFromGatewayApiGateway('auto', automated);
    zt.allowFromGatewayApiGateway('managed', managed.gateway);
    // THEN
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'AuthorizationPolicy', 'allow-from-shop-gateway').spec)
      .toMatchObject({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/shop-gateway-istio'] } }] }] });
    expect(findObject(objects, 'AuthorizationPolicy', `allow-from-${managed.gateway.gatewayName}`).spec)
      .toMatchObject({ rules: [{ from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external'] } }] }] });
  });
});
