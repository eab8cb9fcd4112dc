import { Construct } from 'constructs';
import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { GatewayApiGateway } from '../gateway-api/gateway-api-gateway';
import { MeshChart } from '../mesh-chart';
import { checkNamespaceName, checkObjectName, fail, isDnsSubdomain } from '../private/validation';
import { AuthorizationPolicy } from '../security/authorization-policy';
import { MtlsMode } from '../security/mtls-mode';
import { PeerAuthentication } from '../security/peer-authentication';
import { RequestOperation } from '../security/request-operation';
import { RequestSource } from '../security/request-source';
import { JwtRequirement, JwtRequirementProps } from './jwt-requirement';

/** Props for `ZeroTrustNamespace`. */
export interface ZeroTrustNamespaceProps {
  /**
   * The namespace to lock down.
   * @default - the chart's namespace (one of the two is required)
   */
  readonly namespace?: string;
  /**
   * A namespace-wide mutual TLS mode (a PeerAuthentication without selector).
   * @default - none: the mesh-wide policy (`MeshWideMtls`) applies
   */
  readonly mtls?: MtlsMode;
}

/** Options shared by the allow helpers of `ZeroTrustNamespace`. */
export interface AllowOptions {
  /**
   * Name of the AuthorizationPolicy.
   * @default - derived from the caller, for example `allow-from-ingress-external`
   */
  readonly name?: string;
  /**
   * Pods that accept the traffic, by label.
   * @default - every workload in the namespace
   */
  readonly selector?: Record<string, string>;
  /**
   * What the callers may do, for example `RequestOperation.methods('GET')`.
   * @default - any request
   */
  readonly to?: RequestOperation[];
}

/** Options of `ZeroTrustNamespace.allowFromIngressGateway`. */
export interface AllowFromIngressOptions extends AllowOptions {
  /**
   * Service account of the managed gateway's pods. AKS does not document it; check it with
   * `kubectl get pods -n aks-istio-ingress -l istio=aks-istio-ingressgateway-<type> -o jsonpath={.items[0].spec.serviceAccountName}`.
   * @default - `aks-istio-ingressgateway-<type>` (`MeshIdentity.ingressServiceAccountName`)
   */
  readonly serviceAccountName?: string;
}

/** Options of `ZeroTrustNamespace.allowFromGatewayApiGateway`. */
export interface AllowFromGatewayApiOptions extends AllowOptions {
  /**
   * Service account of the gateway's pods.
   * @default - for a Gateway bound to a managed ingress Service, that gateway's account; otherwise the
   * account Istio's automated deployment creates, `<gateway name>-istio` in the Gateway's namespace
   * (or the `gateway.istio.io/name-override` annotation's value)
   */
  readonly serviceAccountName?: string;
}

/** Options of `ZeroTrustNamespace.requireJwt`. */
export interface RequireJwtOptions extends Omit<JwtRequirementProps, 'namespace'> {}

/**
 * A namespace where nothing is allowed unless a policy says so: an allow-nothing AuthorizationPolicy,
 * helpers that allow traffic from the AKS managed ingress gateway, a namespace or a service account,
 * and a helper that makes a JWT mandatory.
 *
 * Principals and namespaces are read from mutual TLS certificates; keep the namespace under STRICT
 * mTLS (`MeshWideMtls`, or `mtls: MtlsMode.STRICT` here).
 *
 * @example
 * const zt = new ZeroTrustNamespace(chart, 'zero-trust');
 * zt.allowFromIngressGateway('ingress', IngressGatewayType.EXTERNAL, { selector: { app: 'httpbin' } });
 * @see https://istio.io/latest/docs/ops/best-practices/security/#use-default-deny-patterns
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export class ZeroTrustNamespace extends Construct {
  /** The namespace the policies are in. */
  public readonly namespace: string;
  /** The allow-nothing policy. */
  public readonly allowNothing: AuthorizationPolicy;
  /** The namespace-wide PeerAuthentication, when `mtls` is set. */
  public readonly peerAuthentication?: PeerAuthentication;

  public constructor(scope: Construct, id: string, props: ZeroTrustNamespaceProps = {}) {
    super(scope, id);
    const namespace = props.namespace ?? MeshChart.of(this).namespace;
    if (namespace === undefined) fail(this, "'namespace' is not set and the chart has no namespace; give the namespace to lock down");
    checkNamespaceName(this, 'namespace', namespace);
    if (namespace === MeshIdentity.ROOT_NAMESPACE) {
      fail(this, `'namespace' is '${namespace}', the mesh root namespace: an allow-nothing policy there without a selector denies every request in the whole mesh; lock down application namespaces one by one`);
    }
    this.namespace = namespace;
    this.allowNothing = new AuthorizationPolicy(this, 'AllowNothing', { metadata: { name: 'allow-nothing', namespace } });
    if (props.mtls !== undefined) {
      this.peerAuthentication = new PeerAuthentication(this, 'PeerAuthentication', { metadata: { name: 'default', namespace }, mode: props.mtls });
    }
  }

  /**
   * Allows requests that come through an AKS managed ingress gateway (its pods' identity
   * `cluster.local/ns/aks-istio-ingress/sa/<service account>`). The gateway must be enabled in the profile.
   */
  public allowFromIngressGateway(id: string, type: IngressGatewayType, options: AllowFromIngressOptions = {}): AuthorizationPolicy {
    const profile = MeshChart.of(this).profile;
    if (!profile.isIngressGatewayEnabled(type)) {
      fail(this, `allowFromIngressGateway: the ${type} ingress gateway is not enabled in the mesh profile, so no traffic comes from it; `
        + `enable it (ingressGateways: { ${type}: true }) or allow the gateway that is`);
    }
    const account = options.serviceAccountName ?? MeshIdentity.ingressServiceAccountName(type);
    if (!isDnsSubdomain(account)) fail(this, `allowFromIngressGateway: 'serviceAccountName' ${JSON.stringify(account)} is not a valid service account name`);
    return this.allow(id, options, `allow-from-ingress-${type}`, RequestSource.serviceAccount(AksNames.INGRESS_NAMESPACE, account));
  }

  /**
   * Allows requests that come through a Gateway API Gateway of this app: through the managed ingress
   * gateway when the Gateway binds to its Service (`ManagedIngressGateway`), else through the
   * deployment Istio creates for it (service account `<name>-istio`).
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#automated-deployment
   */
  public allowFromGatewayApiGateway(id: string, gateway: GatewayApiGateway, options: AllowFromGatewayApiOptions = {}): AuthorizationPolicy {
    const managed = [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL].find(t => gateway.addresses.some(a => a.type === 'Hostname'
      && (a.value === AksNames.ingressServiceName(t) || a.value === AksNames.serviceFqdn(AksNames.ingressServiceName(t), AksNames.INGRESS_NAMESPACE))));
    if (managed !== undefined) {
      return this.allowFromIngressGateway(id, managed, { ...options, name: options.name ?? `allow-from-${gateway.gatewayName}` });
    }
    const namespace = gateway.gatewayNamespace ?? this.namespace;
    const metadata: unknown = gateway.apiObject.metadata.toJson();
    const annotations: unknown = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>).annotations : undefined;
    const overrideValue = typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>)['gateway.istio.io/name-override'] : undefined;
    const override = typeof overrideValue === 'string' ? overrideValue : undefined;
    const account = options.serviceAccountName ?? override ?? `${gateway.gatewayName}-${gateway.gatewayClassName}`;
    if (!isDnsSubdomain(account)) fail(this, `allowFromGatewayApiGateway: service account ${JSON.stringify(account)} is not a valid name; pass 'serviceAccountName'`);
    return this.allow(id, options, `allow-from-${gateway.gatewayName}`, RequestSource.serviceAccount(namespace, account));
  }

  /** Allows requests from every workload of another namespace (mutual TLS identity). */
  public allowFromNamespace(id: string, namespace: string, options: AllowOptions = {}): AuthorizationPolicy {
    checkNamespaceName(this, 'allowFromNamespace namespace', namespace);
    return this.allow(id, options, `allow-from-${namespace}`, RequestSource.namespaces(namespace));
  }

  /** Allows requests from the workloads running as one service account. */
  public allowFromServiceAccount(id: string, namespace: string, serviceAccount: string, options: AllowOptions = {}): AuthorizationPolicy {
    checkNamespaceName(this, 'allowFromServiceAccount namespace', namespace);
    if (!isDnsSubdomain(serviceAccount)) fail(this, `allowFromServiceAccount: service account ${JSON.stringify(serviceAccount)} is not a valid name`);
    return this.allow(id, options, `allow-from-${namespace}-${serviceAccount}`.slice(0, 253), RequestSource.serviceAccount(namespace, serviceAccount));
  }

  /** Makes a JWT mandatory for some workloads of the namespace (see `JwtRequirement`). */
  public requireJwt(id: string, options: RequireJwtOptions): JwtRequirement {
    return new JwtRequirement(this, id, { ...options, namespace: this.namespace });
  }

  private allow(id: string, options: AllowOptions, defaultName: string, source: RequestSource): AuthorizationPolicy {
    const name = options.name ?? defaultName;
    checkObjectName(this, `${id}.name`, name);
    return new AuthorizationPolicy(this, id, {
      metadata: { name, namespace: this.namespace },
      selector: options.selector,
      rules: [{ from: [source], to: options.to }],
    });
  }
}
