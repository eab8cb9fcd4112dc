// Re-exports only. Deep-imported by `aks-istio-mesh/azure` users so the cdk8s half never loads.
// First: fails with the install command when the optional peers cdktf and @cdktf/provider-azurerm are missing.
import './private/peer-dependencies';
export * from './api-versions';
export * from './azapi/azapi-provider';
export * from './azapi/azapi-resource';
export * from './azapi/azapi-update-resource';
export * from './cluster-identity';
export * from './existing-cluster-mesh';
export * from './external-gateway-public-ip';
export * from './flux-git-ops';
export * from './gateway-api-installation';
export * from './gateway-node-pool';
export * from './git-reference';
export * from './internal-gateway-subnet';
export * from './key-vault-secrets-access';
export * from './load-balancer-annotations';
export * from './mesh-cluster';
export * from './mesh-options';
export * from './mesh-profile-file';
export * from './network-plugin';
export * from './service-mesh-profile-update';
export * from './static-egress-gateway-profile';
