/**
 * The names the AKS Istio add-on owns, in one place.
 *
 * Every construct that needs an AKS namespace, Service, selector label or ConfigMap name reads it
 * from here, so the Terraform side and the Kubernetes side can never spell it differently.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig
 */
export const AksNames = {
  /** Namespace of the managed control plane (one istiod per revision). */
  SYSTEM_NAMESPACE: 'aks-istio-system',
  /** Namespace of the managed ingress gateways. */
  INGRESS_NAMESPACE: 'aks-istio-ingress',
  /** Default namespace of managed egress gateways. */
  EGRESS_NAMESPACE: 'aks-istio-egress',
  /** Namespace label that selects the revision for sidecar injection. */
  REVISION_LABEL: 'istio.io/rev',
  /** The upstream injection label, which the add-on ignores. */
  IGNORED_INJECTION_LABEL: 'istio-injection',
  /** Label key that Istio Gateways select managed gateway pods by. */
  GATEWAY_SELECTOR_LABEL: 'istio',
  /** Key of the mesh configuration inside the shared MeshConfig ConfigMap. */
  MESH_CONFIG_KEY: 'mesh',
  /** Ports the managed ingress Services expose (besides the 15021 health port). */
  INGRESS_SERVICE_PORTS: [80, 443] as readonly number[],
  /** The GatewayClass the add-on's Gateway API implementation serves. */
  GATEWAY_CLASS_NAME: 'istio',
  /** The ConfigMap (in the system namespace) holding defaults for every Gateway API gateway of the class. */
  GATEWAY_CLASS_DEFAULTS_NAME: 'istio-gateway-class-defaults',
  /** Label that ties a defaults ConfigMap to its GatewayClass. */
  GATEWAY_DEFAULTS_FOR_CLASS_LABEL: 'gateway.istio.io/defaults-for-class',

  /** `istio-shared-configmap-asm-1-N`: the ConfigMap users own, merged into each revision's MeshConfig. */
  sharedMeshConfigName(revision: string): string {
    return `istio-shared-configmap-${revision}`;
  },
  /** `istio-asm-1-N`: the ConfigMap AKS reconciles; never edit it. */
  managedMeshConfigName(revision: string): string {
    return `istio-${revision}`;
  },
  /** `istiod-asm-1-N` */
  istiodName(revision: string): string {
    return `istiod-${revision}`;
  },
  /** `aks-istio-ingressgateway-external` or `-internal`: Service name and `istio` selector value. */
  ingressServiceName(type: 'external' | 'internal'): string {
    return `aks-istio-ingressgateway-${type}`;
  },
  /** Deployment and HPA name of a managed ingress gateway for one revision. */
  ingressDeploymentName(type: 'external' | 'internal', revision: string): string {
    return `aks-istio-ingressgateway-${type}-${revision}`;
  },
  /** Deployment name of a managed egress gateway for one revision. */
  egressDeploymentName(gatewayName: string, revision: string): string {
    return `${gatewayName}-${revision}`;
  },
  /** In-cluster FQDN of a Service. */
  serviceFqdn(name: string, namespace: string): string {
    return `${name}.${namespace}.svc.cluster.local`;
  },
} as const;
