import * as k8s from '../imports/k8s';
import { Construct } from 'constructs';
import {
  EgressRoute, EgressRouteOptions, MeshChart, MeshNamespace, ServiceEntryProtocol, StaticGatewayConfiguration,
} from '../src/k8s';
import { MeshProfile } from '../src/mesh';
import { Curl } from './workloads/curl';

/** The seed's object names; each scenario has its own namespace because the seed reuses them. */
const seedRoute = (namespace: string): EgressRouteOptions => ({
  host: 'edition.cnn.com',
  egressGateway: 'asm-egress-test',
  namespace,
  name: 'cnn',
  names: { gateway: 'istio-egressgateway' },
});

/** A mesh namespace with the curl client, created first so `kubectl apply -f dist/` finds it. */
abstract class EgressScenarioChart extends MeshChart {
  protected constructor(scope: Construct, id: string, profile: MeshProfile, namespace: string) {
    super(scope, id, { profile, namespace });
    new MeshNamespace(this, 'Namespace', { name: namespace });
    new Curl(this, 'Curl', namespace);
  }
}

/** HTTP to edition.cnn.com through egress gateway asm-egress-test (seed: aks-istio-egress-gateways.md). */
export class EgressHttpChart extends EgressScenarioChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, profile, 'egress-http');
    EgressRoute.http(this, 'Cnn', {
      ...seedRoute('egress-http'),
      portName: 'http-port',
      additionalServicePorts: [{ number: 443, name: 'https', protocol: ServiceEntryProtocol.HTTPS }],
    });
  }
}

/** HTTPS passed through the egress gateway on SNI (seed: aks-istio-egress-gateways.md). */
export class EgressHttpsChart extends EgressScenarioChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, profile, 'egress-https');
    EgressRoute.httpsPassthrough(this, 'Cnn', seedRoute('egress-https'));
  }
}

/** HTTP from curl, TLS originated by the egress gateway (seed: aks-istio-egress-gateways.md). */
export class EgressTlsOriginationChart extends EgressScenarioChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, profile, 'egress-tls-origination');
    EgressRoute.tlsOrigination(this, 'Cnn', seedRoute('egress-tls-origination'));
  }
}

/**
 * The egress gateway's namespace and its StaticGatewayConfiguration, which must exist (and have an
 * egressIpPrefix) before `az aks mesh enable-egress-gateway`.
 */
export class EgressGatewayChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile });
    const gateway = profile.egressGateway('asm-egress-test');
    // Not a MeshNamespace: AKS runs the gateway pods, so the namespace needs no injection label.
    new k8s.KubeNamespace(this, 'Namespace', { metadata: { name: gateway.namespace } });
    new StaticGatewayConfiguration(this, 'StaticGatewayConfiguration', { egressGateway: gateway.name });
  }
}
