/**
 * The Service annotations AKS keeps on the managed ingress gateways that point a gateway at Azure
 * resources created by this side. The cdk8s side sets them on `aks-istio-ingressgateway-*`.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export const LoadBalancerAnnotations = {
  /** Name of the static public IP of an external load balancer. */
  PIP_NAME: 'service.beta.kubernetes.io/azure-pip-name',
  /** Resource group of that public IP, when it is not the cluster's node resource group. */
  RESOURCE_GROUP: 'service.beta.kubernetes.io/azure-load-balancer-resource-group',
  /** Subnet an internal load balancer takes its frontend IP from. */
  INTERNAL_SUBNET: 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet',
} as const;
