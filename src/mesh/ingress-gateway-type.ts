/**
 * The two managed ingress gateways the AKS add-on can run: at most one of each per cluster.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export enum IngressGatewayType {
  /** Public LoadBalancer Service `aks-istio-ingressgateway-external`. */
  EXTERNAL = 'external',
  /** Private LoadBalancer Service `aks-istio-ingressgateway-internal`. */
  INTERNAL = 'internal',
}
