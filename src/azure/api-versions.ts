/**
 * The AKS REST API versions the azapi resources write with: the oldest GA version that carries each field.
 *
 * @see https://learn.microsoft.com/rest/api/aks/managed-clusters
 */
export const AksApiVersions = {
  /** `serviceMeshProfile.istio.components.egressGateways[]` went GA in this version. */
  SERVICE_MESH_PROFILE: '2025-10-01',
  /** `networkProfile.staticEgressGatewayProfile`, GA alongside the Istio egress gateways it serves. */
  STATIC_EGRESS_GATEWAY_PROFILE: '2025-10-01',
  /** Agent pool `mode: Gateway` with `gatewayProfile.publicIPPrefixSize`. */
  GATEWAY_AGENT_POOL: '2025-10-01',
  /** `ingressProfile.gatewayAPI.installation`. */
  GATEWAY_API: '2026-04-01',
} as const;

/** ARM type of an AKS cluster. */
export const MANAGED_CLUSTER_TYPE = 'Microsoft.ContainerService/managedClusters';
/** ARM type of an AKS node pool. */
export const AGENT_POOL_TYPE = 'Microsoft.ContainerService/managedClusters/agentPools';
