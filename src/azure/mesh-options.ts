import { MeshProfile } from '../mesh';
import { ExternalGatewayPublicIpOptions } from './external-gateway-public-ip';
import { GatewayNodePoolSizing } from './gateway-node-pool';
import { InternalGatewaySubnetOptions } from './internal-gateway-subnet';
import { KeyVaultPermissionModel } from './key-vault-secrets-access';

/**
 * Read access to the profile's Key Vault (`keyVault.name`) for secure ingress certificates.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-secure-gateway
 */
export interface KeyVaultAccessOptions {
  /** Resource group of the existing vault. */
  readonly resourceGroupName: string;
  /** @default KeyVaultPermissionModel.RBAC */
  readonly permissionModel?: KeyVaultPermissionModel;
  /**
   * Bring your own identity: the object (principal) ID of a user-assigned identity on the node pools whose client ID
   * is the profile's `keyVault.secretsProviderClientId`. It gets the vault access instead of the add-on's identity.
   * @default - the identity the Key Vault secrets provider add-on creates (`azurekeyvaultsecretsprovider-<cluster>`)
   */
  readonly identityObjectId?: string;
}

/**
 * What both {@link MeshCluster} and {@link ExistingClusterMesh} take: the profile and the Azure pieces around it.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-about
 */
export interface MeshOptions {
  /** The mesh, shared with the cdk8s side. */
  readonly profile: MeshProfile;
  /**
   * Whether the profile's egress gateways are switched on. AKS wants each gateway's
   * StaticGatewayConfiguration to have an `egressIpPrefix` first: apply once with false, apply the
   * cdk8s side, then apply again with true.
   * @default true
   */
  readonly egressGatewaysEnabled?: boolean;
  /**
   * Node count, VM size and subnet per gateway node pool of the profile, by pool name.
   * @default - 2 nodes of Standard_D2ds_v5 per pool
   */
  readonly gatewayNodePools?: Record<string, GatewayNodePoolSizing>;
  /**
   * A static public IP for the external ingress gateway (the profile must enable it).
   * @default - AKS picks a public IP in the node resource group
   */
  readonly externalGatewayIp?: ExternalGatewayPublicIpOptions;
  /**
   * A subnet for the internal ingress gateway (the profile must enable it).
   * @default - the internal load balancer takes an address from the node subnet
   */
  readonly internalGatewaySubnet?: InternalGatewaySubnetOptions;
  /**
   * Grants the secrets provider identity read access to the profile's Key Vault. The add-on itself (with
   * secret rotation) is switched on whenever the profile has a `keyVault`.
   * @default - no grant (a warning says so when the profile has a `keyVault`)
   */
  readonly keyVault?: KeyVaultAccessOptions;
  /**
   * File name of the profile JSON written next to the stack's `cdk.tf.json`.
   * @default 'mesh-profile.json'
   */
  readonly profileFileName?: string;
}
