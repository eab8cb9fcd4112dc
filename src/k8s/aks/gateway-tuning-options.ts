/**
 * Autoscaling of a gateway: the fields AKS lets users set on a gateway's HorizontalPodAutoscaler.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-scale#horizontal-pod-autoscaling-hpa-customization
 */
export interface GatewayAutoscalingOptions {
  /**
   * Fewest replicas; AKS refuses fewer than 2 (its PodDisruptionBudget needs them).
   * @default - unchanged (AKS's default is 2)
   */
  readonly minReplicas?: number;
  /** Most replicas (AKS's default is 5). */
  readonly maxReplicas: number;
  /**
   * Average CPU utilization, in percent of the requests, the autoscaler aims for.
   * @default - unchanged (AKS's default is 80)
   */
  readonly cpuUtilization?: number;
}

/**
 * How a load balancer Service routes external traffic to nodes.
 * @see https://kubernetes.io/docs/reference/networking/virtual-ips/#external-traffic-policy
 */
export enum ExternalTrafficPolicy {
  /** Any node forwards to any gateway pod (Kubernetes' default; the client IP is lost). */
  CLUSTER = 'Cluster',
  /** Only nodes with a gateway pod receive traffic; keeps the client source IP and avoids a second hop. */
  LOCAL = 'Local',
}

/**
 * The Service settings AKS keeps on a managed ingress gateway: the allowlisted annotations and
 * `externalTrafficPolicy`. Anything else would be silently reverted, so it cannot be expressed here.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress#ingress-gateway-service-customizations
 */
export interface ManagedServiceOptions {
  /**
   * Load balancer annotations; only the ones AKS keeps are accepted (see `KEPT_SERVICE_ANNOTATIONS`).
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /** @default - unchanged (Cluster) */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
}

/**
 * Tuning of one managed ingress gateway (external or internal).
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export interface ManagedIngressTuningOptions {
  /** @default - unchanged (AKS: min 2, max 5, CPU 80%) */
  readonly autoscaling?: GatewayAutoscalingOptions;
  /** @default - unchanged */
  readonly service?: ManagedServiceOptions;
}

/**
 * When a PodDisruptionBudget lets an unhealthy pod be evicted.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy
 */
export enum UnhealthyPodEvictionPolicy {
  /** Only while the budget still holds. */
  IF_HEALTHY_BUDGET = 'IfHealthyBudget',
  /** Always (lets node drains finish when pods are stuck unhealthy). */
  ALWAYS_ALLOW = 'AlwaysAllow',
}

/**
 * The PodDisruptionBudget fields AKS allows for Gateway API gateways.
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#poddisruptionbudget-pdb-customization-allow-list-fields
 */
export interface GatewayDisruptionBudgetOptions {
  /**
   * Pods that must stay available during voluntary disruptions: a count or a percentage such as `'50%'`.
   * @default - unchanged (AKS: 1)
   */
  readonly minAvailable?: number | string;
  /** @default - unchanged (Kubernetes: IfHealthyBudget) */
  readonly unhealthyPodEvictionPolicy?: UnhealthyPodEvictionPolicy;
}

/**
 * Service types for a Gateway API gateway's generated Service.
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#service-customization-allow-list-fields
 */
export enum GatewayServiceType {
  LOAD_BALANCER = 'LoadBalancer',
  CLUSTER_IP = 'ClusterIP',
  NODE_PORT = 'NodePort',
}

/**
 * The Service fields AKS allows for Gateway API gateways.
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#service-customization-allow-list-fields
 */
export interface GatewayServiceOptions {
  /** @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
  /** @default - unchanged (LoadBalancer) */
  readonly type?: GatewayServiceType;
  /**
   * With `LOCAL`, the port-80 health probe annotations the add-on sets for `Cluster` are removed too,
   * as the AKS docs require.
   * @default - unchanged (Cluster)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /** @default - any source */
  readonly loadBalancerSourceRanges?: string[];
}

/**
 * The Deployment fields AKS allows for Gateway API gateways (a subset of its allowlist).
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#deployment-customization-allow-list-fields
 */
export interface GatewayDeploymentOptions {
  /** Deployment labels. @default - none */
  readonly labels?: Record<string, string>;
  /** Deployment annotations. @default - none */
  readonly annotations?: Record<string, string>;
  /** Pod labels. @default - none */
  readonly podLabels?: Record<string, string>;
  /** Pod annotations. @default - none */
  readonly podAnnotations?: Record<string, string>;
  /** @default - none */
  readonly nodeSelector?: Record<string, string>;
  /** @default - unchanged (Kubernetes: 30) */
  readonly terminationGracePeriodSeconds?: number;
}

/**
 * Customizations of the Deployment, Service, HPA and PDB Istio generates for Gateway API gateways,
 * limited to the fields AKS allows (other fields are blocked by the add-on's webhook).
 *
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#configmap-customizations
 */
export interface GatewayInfrastructureOptions {
  /** @default - unchanged */
  readonly deployment?: GatewayDeploymentOptions;
  /** @default - unchanged */
  readonly service?: GatewayServiceOptions;
  /** @default - unchanged (AKS: min 2, max 5) */
  readonly autoscaling?: GatewayAutoscalingOptions;
  /** @default - unchanged (AKS: minAvailable 1) */
  readonly podDisruptionBudget?: GatewayDisruptionBudgetOptions;
}
