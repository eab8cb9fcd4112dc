import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as istio from '../../../imports/istio-networking.istio.io';
import { checkCount, checkDuration, checkObjectName, checkPort, fail, isHostname } from '../private/validation';
import { durationString } from '../private/duration';

/** Load-balancing algorithms. */
export enum LoadBalancerAlgorithm {
  ROUND_ROBIN = 'ROUND_ROBIN',
  LEAST_REQUEST = 'LEAST_REQUEST',
  RANDOM = 'RANDOM',
  PASSTHROUGH = 'PASSTHROUGH',
}

/** TLS modes for connections a sidecar or gateway opens to a destination. */
export enum ClientTlsMode {
  DISABLE = 'DISABLE',
  SIMPLE = 'SIMPLE',
  MUTUAL = 'MUTUAL',
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
}

/** Options shared by the client TLS modes. */
export interface ClientTlsOptions {
  /** SNI to present to the server. @default - none (Istio may set it automatically) */
  readonly sni?: string;
}

/** Options for originating (mutual) TLS with certificates from a Secret. */
export interface OriginateTlsOptions extends ClientTlsOptions {
  /** Secret holding the client certificate (MUTUAL) or `ca.crt` (SIMPLE). @default - the system roots, no client certificate */
  readonly credentialName?: string;
  /** Names the server certificate must carry. @default - not checked beyond the CA */
  readonly subjectAltNames?: string[];
}

/**
 * TLS the client side (sidecar or gateway) uses towards a destination.
 *
 * @example ClientTls.simple({ sni: 'edition.cnn.com' })
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings
 */
export class ClientTls {
  /** Plaintext. */
  public static disable(): ClientTls {
    return new ClientTls(ClientTlsMode.DISABLE, {});
  }

  /** Originate TLS (for example to an external HTTPS host). */
  public static simple(options: OriginateTlsOptions = {}): ClientTls {
    return new ClientTls(ClientTlsMode.SIMPLE, options);
  }

  /** Originate mutual TLS with a client certificate from `credentialName`. */
  public static mutual(options: OriginateTlsOptions & { readonly credentialName: string }): ClientTls {
    return new ClientTls(ClientTlsMode.MUTUAL, options);
  }

  /** Istio mutual TLS with workload certificates (sidecar to sidecar or to a gateway). */
  public static istioMutual(options: ClientTlsOptions = {}): ClientTls {
    return new ClientTls(ClientTlsMode.ISTIO_MUTUAL, options);
  }

  private constructor(public readonly mode: ClientTlsMode, private readonly options: OriginateTlsOptions) {}

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    if (this.options.sni !== undefined && !isHostname(this.options.sni, false)) {
      fail(scope, `'${field}.sni' ${JSON.stringify(this.options.sni)} is not a valid host name`);
    }
    checkObjectName(scope, `${field}.credentialName`, this.options.credentialName);
  }

  /** @internal */
  public _render() {
    return {
      mode: this.mode,
      sni: this.options.sni,
      credentialName: this.options.credentialName,
      subjectAltNames: this.options.subjectAltNames,
    };
  }
}

/** Connection limits. */
export interface ConnectionPoolOptions {
  /** @default - Envoy's default (2^32-1) */
  readonly maxConnections?: number;
  /** @default - no timeout beyond Envoy's 10s */
  readonly connectTimeout?: Duration;
  /** @default - Envoy's default */
  readonly http1MaxPendingRequests?: number;
  /** @default - Envoy's default */
  readonly http2MaxRequests?: number;
  /** @default - unlimited */
  readonly maxRequestsPerConnection?: number;
}

/** Ejection of failing endpoints from the load-balancing pool. */
export interface OutlierDetectionOptions {
  /** @default 5 */
  readonly consecutive5xxErrors?: number;
  /** @default 10s */
  readonly interval?: Duration;
  /** @default 30s */
  readonly baseEjectionTime?: Duration;
  /** @default 10 */
  readonly maxEjectionPercent?: number;
}

/** A traffic policy for one port. */
export interface PortTrafficPolicyOptions {
  readonly port: number;
  /** @default - the policy's */
  readonly loadBalancer?: LoadBalancerAlgorithm;
  /** @default - the policy's */
  readonly tls?: ClientTls;
  /** @default - the policy's */
  readonly connectionPool?: ConnectionPoolOptions;
  /** @default - the policy's */
  readonly outlierDetection?: OutlierDetectionOptions;
}

/** How traffic to a destination (or one of its subsets) is handled. */
export interface TrafficPolicyOptions {
  /** @default - Istio's default (LEAST_REQUEST) */
  readonly loadBalancer?: LoadBalancerAlgorithm;
  /** @default - Istio's automatic mTLS */
  readonly tls?: ClientTls;
  /** @default - Envoy's defaults */
  readonly connectionPool?: ConnectionPoolOptions;
  /** @default - no outlier detection */
  readonly outlierDetection?: OutlierDetectionOptions;
  /** @default - none */
  readonly portLevelSettings?: PortTrafficPolicyOptions[];
}

/** Checks a traffic policy; throws naming the construct and the bad value. */
export function checkTrafficPolicy(scope: IConstruct, field: string, policy: TrafficPolicyOptions): void {
  policy.tls?._check(scope, `${field}.tls`);
  checkPoolAndOutliers(scope, field, policy);
  const ports = (policy.portLevelSettings ?? []).map(p => p.port);
  policy.portLevelSettings?.forEach((p, i) => {
    checkPort(scope, `${field}.portLevelSettings[${i}].port`, p.port);
    p.tls?._check(scope, `${field}.portLevelSettings[${i}].tls`);
    checkPoolAndOutliers(scope, `${field}.portLevelSettings[${i}]`, p);
  });
  if (new Set(ports).size !== ports.length) fail(scope, `'${field}.portLevelSettings' lists a port twice: ${JSON.stringify(ports)}`);
}

/** The limits the Istio CRD puts on connection pool and outlier detection fields (int32 counts, durations of 1 ms or more). */
function checkPoolAndOutliers(scope: IConstruct, field: string, policy: { connectionPool?: ConnectionPoolOptions; outlierDetection?: OutlierDetectionOptions }): void {
  const pool = policy.connectionPool;
  if (pool) {
    checkCount(scope, `${field}.connectionPool.maxConnections`, pool.maxConnections);
    checkDuration(scope, `${field}.connectionPool.connectTimeout`, pool.connectTimeout);
    checkCount(scope, `${field}.connectionPool.http1MaxPendingRequests`, pool.http1MaxPendingRequests);
    checkCount(scope, `${field}.connectionPool.http2MaxRequests`, pool.http2MaxRequests);
    checkCount(scope, `${field}.connectionPool.maxRequestsPerConnection`, pool.maxRequestsPerConnection);
  }
  const o = policy.outlierDetection;
  if (o) {
    checkCount(scope, `${field}.outlierDetection.consecutive5xxErrors`, o.consecutive5xxErrors);
    checkDuration(scope, `${field}.outlierDetection.interval`, o.interval);
    checkDuration(scope, `${field}.outlierDetection.baseEjectionTime`, o.baseEjectionTime);
    checkCount(scope, `${field}.outlierDetection.maxEjectionPercent`, o.maxEjectionPercent, 0, 100);
  }
}

function renderConnectionPool(pool: ConnectionPoolOptions | undefined): istio.DestinationRuleSpecTrafficPolicyConnectionPool | undefined {
  if (!pool) return undefined;
  const tcp = pool.maxConnections !== undefined || pool.connectTimeout !== undefined
    ? { maxConnections: pool.maxConnections, connectTimeout: pool.connectTimeout && durationString(pool.connectTimeout) } : undefined;
  const http = pool.http1MaxPendingRequests !== undefined || pool.http2MaxRequests !== undefined || pool.maxRequestsPerConnection !== undefined
    ? { http1MaxPendingRequests: pool.http1MaxPendingRequests, http2MaxRequests: pool.http2MaxRequests, maxRequestsPerConnection: pool.maxRequestsPerConnection }
    : undefined;
  return { tcp, http };
}

function renderOutlier(o: OutlierDetectionOptions | undefined): istio.DestinationRuleSpecTrafficPolicyOutlierDetection | undefined {
  return o && {
    consecutive5XxErrors: o.consecutive5xxErrors,
    interval: o.interval && durationString(o.interval),
    baseEjectionTime: o.baseEjectionTime && durationString(o.baseEjectionTime),
    maxEjectionPercent: o.maxEjectionPercent,
  };
}

/** The Istio wire form of a traffic policy. */
export function renderTrafficPolicy(policy: TrafficPolicyOptions | undefined): istio.DestinationRuleSpecTrafficPolicy | undefined {
  if (!policy) return undefined;
  return {
    loadBalancer: policy.loadBalancer && { simple: policy.loadBalancer as string as istio.DestinationRuleSpecTrafficPolicyLoadBalancerSimple },
    connectionPool: renderConnectionPool(policy.connectionPool),
    outlierDetection: renderOutlier(policy.outlierDetection),
    portLevelSettings: policy.portLevelSettings?.map(p => ({
      port: { number: p.port },
      loadBalancer: p.loadBalancer && { simple: p.loadBalancer as string as istio.DestinationRuleSpecTrafficPolicyPortLevelSettingsLoadBalancerSimple },
      connectionPool: renderConnectionPool(p.connectionPool) as istio.DestinationRuleSpecTrafficPolicyPortLevelSettingsConnectionPool | undefined,
      outlierDetection: renderOutlier(p.outlierDetection),
      tls: p.tls?._render() as istio.DestinationRuleSpecTrafficPolicyPortLevelSettingsTls | undefined,
    })),
    tls: policy.tls?._render() as istio.DestinationRuleSpecTrafficPolicyTls | undefined,
  };
}
