/**
 * What AKS lets users change on the managed gateways, in one place for the constructs and the rules.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress#ingress-gateway-service-customizations
 * @see https://learn.microsoft.com/azure/aks/istio-scale#horizontal-pod-autoscaling-hpa-customization
 */

/** The annotations AKS keeps on the managed ingress gateway Services (any other is reverted). */
export const KEPT_SERVICE_ANNOTATIONS: readonly string[] = [
  'external-dns.alpha.kubernetes.io/hostname',
  'service.beta.kubernetes.io/azure-allowed-ip-ranges',
  'service.beta.kubernetes.io/azure-allowed-service-tags',
  'service.beta.kubernetes.io/azure-disable-load-balancer-floating-ip',
  'service.beta.kubernetes.io/azure-load-balancer-internal-subnet',
  'service.beta.kubernetes.io/azure-load-balancer-ipv4',
  'service.beta.kubernetes.io/azure-load-balancer-disable-tcp-reset',
  'service.beta.kubernetes.io/azure-load-balancer-resource-group',
  'service.beta.kubernetes.io/azure-load-balancer-tcp-idle-timeout',
  'service.beta.kubernetes.io/azure-pip-ip-tags',
  'service.beta.kubernetes.io/azure-pip-name',
  'service.beta.kubernetes.io/azure-shared-securityrule',
];

/** The per-port load balancer annotations AKS keeps, for ports 80 and 443 only. */
export const KEPT_PORT_ANNOTATION_SUFFIXES: readonly string[] = [
  'no_lb_rule', 'no_probe_rule', 'health-probe_protocol', 'health-probe_port', 'health-probe_interval',
  'health-probe_num-of-probe', 'health-probe_request-path',
];

const PORT_ANNOTATION = /^service\.beta\.kubernetes\.io\/port_(\d+)_(.+)$/;

/** The Service spec fields AKS keeps on the managed ingress gateways. */
export const KEPT_SERVICE_SPEC_FIELDS: readonly string[] = ['externalTrafficPolicy'];

/** AKS refuses gateway (and istiod) autoscalers below this many replicas, so a PodDisruptionBudget can be honoured. */
export const MIN_GATEWAY_REPLICAS = 2;

/** True when AKS keeps this annotation on a managed ingress gateway Service. */
export function isKeptServiceAnnotation(key: string): boolean {
  if (KEPT_SERVICE_ANNOTATIONS.includes(key)) return true;
  const port = PORT_ANNOTATION.exec(key);
  return port !== null && (port[1] === '80' || port[1] === '443') && KEPT_PORT_ANNOTATION_SUFFIXES.includes(port[2]);
}

/** The allowlist as one readable line, for error messages. */
export function describeKeptServiceFields(): string {
  return `annotations ${KEPT_SERVICE_ANNOTATIONS.join(', ')}, service.beta.kubernetes.io/port_{80,443}_{${KEPT_PORT_ANNOTATION_SUFFIXES.join(',')}}, `
    + `and spec.${KEPT_SERVICE_SPEC_FIELDS.join(', spec.')}`;
}
