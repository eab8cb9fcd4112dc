import { ApiObject, Duration, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { checkMeshConfig } from '../../mesh/mesh-config-fields';
import { MeshChart } from '../mesh-chart';
import { durationString } from '../private/duration';
import { checkDuration, fail } from '../private/validation';
import { addWarning } from '../private/warnings';
import { ExtensionProvider } from './extension-provider';

/** What sidecars do with traffic to hosts outside the service registry. */
export enum OutboundTrafficPolicyMode {
  /** Pass it through (Istio's default). */
  ALLOW_ANY = 'ALLOW_ANY',
  /** Block it; external hosts need a ServiceEntry. Recommended with egress gateways. */
  REGISTRY_ONLY = 'REGISTRY_ONLY',
}

/** Access log encodings. */
export enum AccessLogEncoding {
  TEXT = 'TEXT',
  JSON = 'JSON',
}

/** Mesh-wide sidecar defaults (`defaultConfig`), limited to the fields AKS supports. */
export interface ProxyDefaultsOptions {
  /** Start the app container only once the sidecar is ready. @default - Istio's default (false) */
  readonly holdApplicationUntilProxyStarts?: boolean;
  /** Envoy worker threads; 0 means every core (warned). @default - sized from CPU requests */
  readonly concurrency?: number;
  /** @default - Istio's default (45s) */
  readonly drainDuration?: Duration;
  /** @default - Istio's default (5s) */
  readonly terminationDrainDuration?: Duration;
}

/** Props for `SharedMeshConfig`. */
export interface SharedMeshConfigProps {
  /** @default - Istio's default (ALLOW_ANY) */
  readonly outboundTrafficPolicy?: OutboundTrafficPolicyMode;
  /** Access log path, for example `/dev/stdout`. @default - no access log */
  readonly accessLogFile?: string;
  /** @default - Envoy's default format */
  readonly accessLogFormat?: string;
  /** @default - TEXT */
  readonly accessLogEncoding?: AccessLogEncoding;
  /** @default - false */
  readonly enableEnvoyAccessLogService?: boolean;
  /** @default - false */
  readonly disableEnvoyListenerLog?: boolean;
  /** Limit istiod to namespaces matching any of these label sets. @default - every namespace */
  readonly discoverySelectors?: Record<string, string>[];
  /** @default - Istio's defaults */
  readonly proxyDefaults?: ProxyDefaultsOptions;
  /**
   * Extension providers, such as the external authorizers AuthorizationPolicies with action CUSTOM
   * delegate to. AKS allows the field but does not support it (warned).
   * @default - none
   */
  readonly extensionProviders?: ExtensionProvider[];
  /**
   * Further MeshConfig fields, checked against the AKS allowlist: blocked fields are errors,
   * allowed-but-unsupported ones warnings.
   * @default - none
   */
  readonly additionalFields?: Record<string, unknown>;
}

/**
 * The AKS shared MeshConfig: ConfigMap `istio-shared-configmap-<revision>` in `aks-istio-system`
 * (key `mesh`), one per profile revision, so a canary revision has its configuration before the
 * upgrade starts. AKS merges it under its own `istio-<revision>` ConfigMap, which is never touched.
 *
 * @example
 * new SharedMeshConfig(chart, 'mesh-config', {
 *   outboundTrafficPolicy: OutboundTrafficPolicyMode.REGISTRY_ONLY,
 *   accessLogFile: '/dev/stdout',
 * });
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig
 */
export class SharedMeshConfig extends Construct {
  /** One ConfigMap per revision, in the profile's revision order. */
  public readonly configMaps: readonly ApiObject[];
  private readonly fields: Record<string, unknown>;
  private kubernetesIngress?: IngressGatewayType;

  public constructor(scope: Construct, id: string, props: SharedMeshConfigProps = {}) {
    super(scope, id);
    const profile = MeshChart.of(this).profile;
    this.fields = this.buildFields(props);
    for (const problem of checkMeshConfig(this.fields)) {
      if (problem.severity === 'error') fail(this, problem.message);
      addWarning(this, problem.message);
    }
    this.configMaps = profile.revisions.map(revision => new k8s.KubeConfigMap(this, revision, {
      metadata: { name: AksNames.sharedMeshConfigName(revision), namespace: AksNames.SYSTEM_NAMESPACE },
      data: { [AksNames.MESH_CONFIG_KEY]: Lazy.any({ produce: () => this.renderMesh() }) as unknown as string },
    }));
  }

  /** The MeshConfig document (before YAML encoding). */
  public get meshConfig(): Record<string, unknown> {
    return { ...this.fields };
  }

  /**
   * Names of the extension providers the MeshConfig declares (typed `extensionProviders` or
   * `additionalFields.extensionProviders`), which CUSTOM AuthorizationPolicies may name.
   */
  public get extensionProviderNames(): string[] {
    const list = this.fields.extensionProviders;
    if (!Array.isArray(list)) return [];
    return list.flatMap((p: unknown) => {
      const name = typeof p === 'object' && p !== null ? (p as Record<string, unknown>).name : undefined;
      return typeof name === 'string' ? [name] : [];
    });
  }

  /** The managed ingress gateway Kubernetes Ingress objects are served by, if any. */
  public get kubernetesIngressGateway(): IngressGatewayType | undefined {
    return this.kubernetesIngress;
  }

  /**
   * Points Istio's Kubernetes Ingress controller at an AKS managed ingress gateway
   * (`ingressService` and `ingressSelector`), and adds the `istio` IngressClass. `IstioIngress` calls this.
   */
  public useForKubernetesIngress(type: IngressGatewayType): void {
    if (this.kubernetesIngress === type) return;
    if (this.kubernetesIngress !== undefined) {
      fail(this, `Kubernetes Ingress is already served by the ${this.kubernetesIngress} ingress gateway; `
        + `Istio's ingress controller can use only one gateway, so an Ingress cannot use the ${type} one`);
    }
    const gateway = MeshChart.of(this).profile.ingressGateway(type);
    this.kubernetesIngress = type;
    this.fields.ingressService = gateway.serviceName;
    this.fields.ingressSelector = gateway.selector[AksNames.GATEWAY_SELECTOR_LABEL];
    addWarning(this, "MeshConfig fields 'ingressService' and 'ingressSelector' (set for Kubernetes Ingress) are allowed by AKS but outside its support scope");
    new k8s.KubeIngressClass(this, 'IngressClass', {
      metadata: { name: 'istio' },
      spec: { controller: 'istio.io/ingress-controller' },
    });
  }

  private buildFields(props: SharedMeshConfigProps): Record<string, unknown> {
    const proxy = props.proxyDefaults;
    checkDuration(this, 'proxyDefaults.drainDuration', proxy?.drainDuration);
    checkDuration(this, 'proxyDefaults.terminationDrainDuration', proxy?.terminationDrainDuration);
    const defaultConfig = proxy && dropUndefined({
      holdApplicationUntilProxyStarts: proxy.holdApplicationUntilProxyStarts,
      concurrency: proxy.concurrency,
      drainDuration: proxy.drainDuration && durationString(proxy.drainDuration),
      terminationDrainDuration: proxy.terminationDrainDuration && durationString(proxy.terminationDrainDuration),
    });
    if (proxy?.concurrency !== undefined && (!Number.isInteger(proxy.concurrency) || proxy.concurrency < 0)) {
      fail(this, `'proxyDefaults.concurrency' must be a whole number of 0 or more, got ${JSON.stringify(proxy.concurrency)}`);
    }
    props.extensionProviders?.forEach((p, i) => p._check(this, `extensionProviders[${i}]`));
    const providerNames = (props.extensionProviders ?? []).map(p => p.name);
    const twice = providerNames.find((n, i) => providerNames.indexOf(n) !== i);
    if (twice !== undefined) fail(this, `'extensionProviders' names provider '${twice}' twice; provider names must be unique`);
    const typed = dropUndefined({
      outboundTrafficPolicy: props.outboundTrafficPolicy && { mode: props.outboundTrafficPolicy },
      accessLogFile: props.accessLogFile,
      accessLogFormat: props.accessLogFormat,
      accessLogEncoding: props.accessLogEncoding,
      enableEnvoyAccessLogService: props.enableEnvoyAccessLogService,
      disableEnvoyListenerLog: props.disableEnvoyListenerLog,
      discoverySelectors: props.discoverySelectors?.map(matchLabels => ({ matchLabels })),
      defaultConfig: defaultConfig && Object.keys(defaultConfig).length > 0 ? defaultConfig : undefined,
      extensionProviders: props.extensionProviders && props.extensionProviders.length > 0
        ? props.extensionProviders.map(p => p._render()) : undefined,
    });
    const clash = Object.keys(props.additionalFields ?? {}).filter(k => k in typed);
    if (clash.length > 0) {
      fail(this, `'additionalFields' repeats ${clash.map(k => `'${k}'`).join(', ')}, already set by a typed prop; set it once`);
    }
    return { ...typed, ...props.additionalFields };
  }

  private renderMesh(): string {
    if (Object.keys(this.fields).length === 0) return '{}';
    return stringify(this.fields).trimEnd();
  }
}

function dropUndefined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
