import { Construct } from 'constructs';
import {
  AllowedRoutes, IngressExposure, IngressVia, ListenerProtocol, ManagedIngressGateway, MeshChart, MeshNamespace,
  PathMatch, ServiceBackend,
} from '../src/k8s';
import { IngressGatewayType, MeshProfile } from '../src/mesh';

/** The AKS store demo through a Gateway API Gateway bound to the managed external gateway (seed: aks-istio-gateway-api.md). */
export class PetsGatewayApiChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile });
    new MeshNamespace(this, 'Namespace', { name: 'pets' });
    const gateway = new ManagedIngressGateway(this, 'Gateway', {
      type: IngressGatewayType.EXTERNAL,
      name: 'gateway',
      listeners: [{
        name: 'default',
        hostname: '*.aks.rocks',
        protocol: ListenerProtocol.HTTP,
        port: 80,
        allowedRoutes: AllowedRoutes.fromAllNamespaces(),
      }],
    });
    for (const [app, host] of [['store-admin', 'admin.aks.rocks'], ['store-front', 'store.aks.rocks']]) {
      new IngressExposure(this, app, {
        via: IngressVia.gatewayApi(gateway),
        name: app,
        namespace: 'pets',
        hosts: [host],
        rules: [{ matches: [PathMatch.prefix('/')], backends: [ServiceBackend.of(app, 80)] }],
      });
    }
  }
}
