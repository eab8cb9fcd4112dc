/**
 * How the AKS add-on treats each MeshConfig field: supported, allowed (accepted, outside support),
 * or blocked (rejected by its admission webhook). Fields not listed are blocked.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig#allowed-supported-and-blocked-meshconfig-values
 */
export enum MeshConfigFieldSupport {
  SUPPORTED = 'supported',
  ALLOWED = 'allowed',
  BLOCKED = 'blocked',
}

const MESH_SUPPORTED = [
  'defaultConfig', 'outboundTrafficPolicy', 'accessLogFile', 'accessLogFormat', 'accessLogEncoding',
  'enableEnvoyAccessLogService', 'disableEnvoyListenerLog', 'discoverySelectors',
];
const MESH_ALLOWED = [
  'proxyListenPort', 'proxyInboundListenPort', 'proxyHttpPort', 'connectTimeout', 'tcpKeepAlive', 'extensionProviders',
  'defaultProviders', 'enableTracing', 'trustDomain', 'trustDomainAliases', 'caCertificates', 'defaultServiceExportTo',
  'defaultVirtualServiceExportTo', 'defaultDestinationRuleExportTo', 'localityLbSetting', 'dnsRefreshRate',
  'h2UpgradePolicy', 'enablePrometheusMerge', 'pathNormalization', 'defaultHttpRetryPolicy', 'serviceSettings',
  'meshMTLS', 'tlsDefaults', 'ingressService', 'ingressSelector',
];
const PROXY_SUPPORTED = ['drainDuration', 'concurrency', 'terminationDrainDuration', 'holdApplicationUntilProxyStarts'];
const PROXY_ALLOWED = [
  'tracingServiceName', 'statsUdpAddress', 'proxyAdminPort', 'tracing', 'envoyAccessLogService', 'envoyMetricsService',
  'proxyMetadata', 'statusPort', 'extraStatTags', 'proxyStatsMatcher', 'meshId', 'caCertificatesPem', 'privateKeyProvider',
];

/** AKS's classification of a top-level MeshConfig field. */
export function meshConfigFieldSupport(field: string): MeshConfigFieldSupport {
  if (MESH_SUPPORTED.includes(field)) return MeshConfigFieldSupport.SUPPORTED;
  if (MESH_ALLOWED.includes(field)) return MeshConfigFieldSupport.ALLOWED;
  return MeshConfigFieldSupport.BLOCKED;
}

/** AKS's classification of a `defaultConfig` (ProxyConfig) field. */
export function proxyConfigFieldSupport(field: string): MeshConfigFieldSupport {
  if (PROXY_SUPPORTED.includes(field)) return MeshConfigFieldSupport.SUPPORTED;
  if (PROXY_ALLOWED.includes(field)) return MeshConfigFieldSupport.ALLOWED;
  return MeshConfigFieldSupport.BLOCKED;
}

/** One finding of `checkMeshConfig`. */
export interface MeshConfigProblem {
  readonly severity: 'error' | 'warning';
  /** Dotted path of the field, for example `defaultConfig.concurrency`. */
  readonly field: string;
  readonly message: string;
}

/**
 * Checks a MeshConfig document against the AKS allowlist: blocked fields are errors, allowed but
 * unsupported ones warnings, and `defaultConfig.concurrency: 0` (Envoy on every core) a warning.
 */
export function checkMeshConfig(mesh: Record<string, unknown>): MeshConfigProblem[] {
  const problems: MeshConfigProblem[] = [];
  for (const [field, value] of Object.entries(mesh)) {
    const support = meshConfigFieldSupport(field);
    if (support === MeshConfigFieldSupport.BLOCKED) {
      problems.push({ severity: 'error', field, message: `MeshConfig field '${field}' is blocked by the AKS add-on and will be rejected; remove it` });
    } else if (support === MeshConfigFieldSupport.ALLOWED) {
      problems.push({ severity: 'warning', field, message: `MeshConfig field '${field}' is allowed by AKS but outside its support scope` });
    }
    if (field === 'defaultConfig' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [proxyField, proxyValue] of Object.entries(value)) {
        const path = `defaultConfig.${proxyField}`;
        const proxySupport = proxyConfigFieldSupport(proxyField);
        if (proxySupport === MeshConfigFieldSupport.BLOCKED) {
          problems.push({ severity: 'error', field: path, message: `ProxyConfig field '${path}' is blocked by the AKS add-on and will be rejected; remove it` });
        } else if (proxySupport === MeshConfigFieldSupport.ALLOWED) {
          problems.push({ severity: 'warning', field: path, message: `ProxyConfig field '${path}' is allowed by AKS but outside its support scope` });
        }
        if (proxyField === 'concurrency' && proxyValue === 0) {
          problems.push({ severity: 'warning', field: path, message: "'defaultConfig.concurrency: 0' makes Envoy use every CPU core; leave it unset to size workers from CPU requests" });
        }
      }
    }
  }
  return problems;
}
