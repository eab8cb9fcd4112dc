import { Construct } from 'constructs';
import { IngressExposure, IngressVia, MeshChart, MeshNamespace, PathMatch, ServiceBackend } from '../src/k8s';
import { IngressGatewayType, MeshProfile } from '../src/mesh';

/** Bookinfo's product page through the external and the internal managed gateway (seed: aks-istio-ingress-gateways.md). */
export class BookinfoIngressChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'bookinfo' });
    new MeshNamespace(this, 'Namespace', { name: 'bookinfo' });
    const rules = [{
      matches: [
        PathMatch.exact('/productpage'),
        PathMatch.prefix('/static'),
        PathMatch.exact('/login'),
        PathMatch.exact('/logout'),
        PathMatch.prefix('/api/v1/products'),
      ],
      backends: [ServiceBackend.of('productpage', 9080)],
    }];
    new IngressExposure(this, 'External', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'bookinfo-gateway-external' }),
      name: 'bookinfo-vs-external',
      hosts: ['*'],
      rules,
    });
    new IngressExposure(this, 'Internal', {
      via: IngressVia.istioGateway(IngressGatewayType.INTERNAL, { gatewayName: 'bookinfo-internal-gateway' }),
      name: 'bookinfo-vs-internal',
      hosts: ['*'],
      rules,
    });
  }
}
