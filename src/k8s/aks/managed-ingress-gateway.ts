import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { IngressGatewayRef } from '../../mesh/mesh-profile';
import { GatewayAddress, GatewayApiGateway, IGatewayApiGateway } from '../gateway-api/gateway-api-gateway';
import { ListenerOptions } from '../gateway-api/listener';
import { MeshChart } from '../mesh-chart';
import { checkObjectName, fail } from '../private/validation';
import { addWarning } from '../private/warnings';

/** Props for `ManagedIngressGateway`. */
export interface ManagedIngressGatewayProps {
  /** Which AKS managed ingress gateway to bind; the profile must enable it. */
  readonly type: IngressGatewayType;
  /** Gateway name. @default - `aks-istio-ingressgateway-<type>` */
  readonly name?: string;
  /** @default - none; add with `addListener` (at least one is required) */
  readonly listeners?: ListenerOptions[];
  /**
   * The control plane revision that owns the Gateway (label `istio.io/rev`).
   * @default - unlabelled with one revision; the stable one during a canary upgrade
   */
  readonly revision?: string;
}

/**
 * A Gateway API Gateway that programs an AKS managed ingress gateway (manual deployment):
 * `gatewayClassName: istio` in `aks-istio-ingress`, bound to the managed Service through
 * `spec.addresses`, so no extra Deployment or LoadBalancer is created.
 *
 * @example
 * new ManagedIngressGateway(chart, 'gw', {
 *   type: IngressGatewayType.EXTERNAL,
 *   name: 'gateway',
 *   listeners: [{ name: 'default', hostname: '*.aks.rocks', port: 80, protocol: ListenerProtocol.HTTP,
 *     allowedRoutes: AllowedRoutes.fromAllNamespaces() }],
 * });
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#manual-deployment
 */
export class ManagedIngressGateway extends Construct implements IGatewayApiGateway {
  public readonly gateway: GatewayApiGateway;
  /** The managed gateway this Gateway programs. */
  public readonly ingress: IngressGatewayRef;

  public constructor(scope: Construct, id: string, props: ManagedIngressGatewayProps) {
    super(scope, id);
    const profile = MeshChart.of(this).profile;
    try {
      this.ingress = profile.ingressGateway(props.type);
    } catch (e) {
      fail(this, (e as Error).message);
    }
    if (!profile.gatewayApi) {
      fail(this, "the mesh profile has gatewayApi off, so the Gateway API CRDs are not installed; set 'gatewayApi': true in the profile");
    }
    checkObjectName(this, 'name', props.name);
    this.gateway = new GatewayApiGateway(this, 'Gateway', {
      metadata: { name: props.name ?? this.ingress.serviceName, namespace: AksNames.INGRESS_NAMESPACE },
      addresses: [GatewayAddress.hostname(this.ingress.serviceName)],
      revision: props.revision,
    });
    props.listeners?.forEach(l => this.addListener(l));
  }

  public get apiObject(): ApiObject {
    return this.gateway.apiObject;
  }

  public get gatewayName(): string {
    return this.gateway.gatewayName;
  }

  public get gatewayNamespace(): string {
    return AksNames.INGRESS_NAMESPACE;
  }

  public get listeners(): readonly ListenerOptions[] {
    return this.gateway.listeners;
  }

  /** Adds a listener; the managed Service only exposes ports 80 and 443. */
  public addListener(listener: ListenerOptions): void {
    this.gateway.addListener(listener);
    if (!AksNames.INGRESS_SERVICE_PORTS.includes(listener.port)) {
      addWarning(this, `listener '${listener.name}' on port ${listener.port} cannot be reached: the AKS managed Service `
        + `${this.ingress.serviceName} exposes only ports ${AksNames.INGRESS_SERVICE_PORTS.join(' and ')}`);
    }
  }
}
