import { Construct } from 'constructs';
import {
  AllowedRoutes, GatewayApiGateway, IngressExposure, IngressVia, ListenerProtocol, MeshChart, MeshNamespace, PathMatch,
  ServiceBackend,
} from '../src/k8s';
import { IngressGatewayType, MeshProfile } from '../src/mesh';
import { Httpbin } from './workloads/httpbin';

const rules = [{
  matches: [PathMatch.prefix('/status'), PathMatch.prefix('/delay')],
  backends: [ServiceBackend.of('httpbin', 8000)],
}];

/** httpbin through the AKS external gateway with the Istio API (seed: istio-ingress-gateways.md, Istio APIs tab). */
export class HttpbinIstioChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'httpbin' });
    new MeshNamespace(this, 'Namespace', { name: 'httpbin' });
    new Httpbin(this, 'Httpbin', 'httpbin');
    new IngressExposure(this, 'Ingress', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'httpbin-gateway' }),
      name: 'httpbin',
      hosts: ['httpbin.example.com'],
      rules,
    });
  }
}

/**
 * The same route with the Gateway API (seed: istio-ingress-gateways.md, Gateway API tab): the
 * Gateway is deployed automatically by Istio as `httpbin-gateway-istio`.
 */
export class HttpbinGatewayApiChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'httpbin-gateway-api' });
    new MeshNamespace(this, 'Namespace', { name: 'httpbin-gateway-api' });
    new Httpbin(this, 'Httpbin', 'httpbin-gateway-api');
    const gateway = new GatewayApiGateway(this, 'Gateway', {
      metadata: { name: 'httpbin-gateway' },
      listeners: [{
        name: 'http',
        hostname: 'httpbin.example.com',
        port: 80,
        protocol: ListenerProtocol.HTTP,
        allowedRoutes: AllowedRoutes.fromSameNamespace(),
      }],
    });
    new IngressExposure(this, 'Ingress', {
      via: IngressVia.gatewayApi(gateway),
      name: 'httpbin',
      hosts: ['httpbin.example.com'],
      rules,
    });
  }
}
