import { Construct } from 'constructs';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { ClusterIdentity } from './cluster-identity';
import { MeshOptions } from './mesh-options';
import { NetworkPlugin } from './network-plugin';
import { addMeshParts, checkMeshOptions, MeshParts } from './private/mesh-parts';
import { azurermServiceMeshProfile } from './private/service-mesh-body';
import { fail, isIntegerIn, show } from './private/validation';

/** The cluster's system node pool. */
export interface SystemNodePoolOptions {
  /**
   * Pool name: 1 to 12 lowercase letters and digits, starting with a letter.
   * @default 'system'
   */
  readonly name?: string;
  /**
   * VM size of the nodes. Istiod and the ingress gateways prefer system nodes, so size it for them.
   * @default 'Standard_D4ds_v5'
   */
  readonly vmSize?: string;
  /**
   * Number of nodes (istiod and each gateway run at least 2 replicas).
   * @default 3
   */
  readonly nodeCount?: number;
  /**
   * Availability zones of the nodes.
   * @default - no zone pinning
   */
  readonly zones?: string[];
  /**
   * Subnet of the nodes, in your own virtual network. Needed for `internalGatewaySubnet`, which
   * must be in the same virtual network.
   * @default - AKS creates a managed virtual network
   */
  readonly subnetId?: string;
}

/** Options for {@link MeshCluster}. */
export interface MeshClusterProps extends MeshOptions {
  /** Cluster name: 1 to 63 letters, digits, '-' and '_', starting and ending with a letter or digit. */
  readonly name: string;
  /** Resource group of the cluster (it must exist). */
  readonly resourceGroupName: string;
  /** Azure region. */
  readonly location: string;
  /**
   * Kubernetes version (`1.33` or `1.33.2`). The Gateway API CRD bundle AKS installs follows it.
   * @default - the region's default version
   */
  readonly kubernetesVersion?: string;
  /**
   * DNS prefix of the API server.
   * @default - the cluster name
   */
  readonly dnsPrefix?: string;
  /** @default - 3 nodes of Standard_D4ds_v5 named `system` */
  readonly systemNodePool?: SystemNodePoolOptions;
  /** @default ClusterIdentity.systemAssigned() */
  readonly identity?: ClusterIdentity;
  /** @default NetworkPlugin.azureCniOverlay() */
  readonly networkPlugin?: NetworkPlugin;
  /** @default - no tags */
  readonly tags?: Record<string, string>;
}

const CLUSTER_NAME_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
const NODE_POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;
const KUBERNETES_VERSION_PATTERN = /^1\.\d+(\.\d+)?$/;

/**
 * An AKS cluster with the Istio add-on, built from a mesh profile: azurerm's `service_mesh_profile`
 * (revisions, ingress gateways, plugin CA with the Key Vault secrets provider; the secrets provider with rotation and
 * read access to the profile's Key Vault for secure ingress), plus through azapi what
 * azurerm lacks (static egress gateway, gateway node pools, egress gateways, Gateway API CRDs).
 *
 * Who writes the mesh profile: azurerm sends the whole `serviceMeshProfile` on any change to its block,
 * without egress gateways, so it would wipe those written by azapi. When the profile has egress
 * gateways, azapi ({@link ServiceMeshProfileUpdate}) owns the whole mesh profile and azurerm's block
 * is in `lifecycle.ignore_changes`: azurerm sets it once at creation and never again. Without egress
 * gateways, azurerm owns it and no azapi resource touches it. Either way one writer per field.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-addon
 */
export class MeshCluster extends Construct {
  /** The azurerm cluster (escape hatch). */
  public readonly cluster: KubernetesCluster;
  /** True when azapi, not azurerm, writes the service mesh profile after creation. */
  public readonly azapiOwnsMeshProfile: boolean;
  /** The azapi and ingress pieces around the cluster. */
  public readonly parts: MeshParts;

  public constructor(scope: Construct, id: string, props: MeshClusterProps) {
    super(scope, id);
    checkMeshOptions(this, props);
    if (!CLUSTER_NAME_PATTERN.test(props.name)) {
      fail(this, `cluster name ${show(props.name)} must be 1 to 63 letters, digits, '-' and '_', starting and ending with a letter or digit`);
    }
    if (props.kubernetesVersion !== undefined && !KUBERNETES_VERSION_PATTERN.test(props.kubernetesVersion)) {
      fail(this, `kubernetesVersion ${show(props.kubernetesVersion)} is not a Kubernetes version such as '1.33' or '1.33.2'`);
    }
    const pool = props.systemNodePool ?? {};
    const poolName = pool.name ?? 'system';
    if (!NODE_POOL_NAME_PATTERN.test(poolName)) {
      fail(this, `systemNodePool.name ${show(poolName)} is not a valid AKS node pool name (1 to 12 lowercase letters and digits, starting with a letter)`);
    }
    if (props.profile.gatewayNodePools.some(p => p.name === poolName)) {
      fail(this, `systemNodePool.name '${poolName}' is also a gateway node pool in the mesh profile; node pool names must be unique`);
    }
    const nodeCount = pool.nodeCount ?? 3;
    if (!isIntegerIn(nodeCount, 1, 1000)) {
      fail(this, `systemNodePool.nodeCount ${show(nodeCount)} must be a whole number from 1 to 1000 (3 recommended: istiod and gateways run 2 replicas each)`);
    }
    if (props.internalGatewaySubnet && pool.subnetId === undefined) {
      fail(this, `'internalGatewaySubnet' ('${props.internalGatewaySubnet.name}') needs the cluster in your own virtual network: `
        + `set systemNodePool.subnetId to a subnet of '${props.internalGatewaySubnet.virtualNetworkName}'`);
    }

    const identity = (props.identity ?? ClusterIdentity.systemAssigned())._bind();
    this.azapiOwnsMeshProfile = props.profile.egressGateways.length > 0;
    this.cluster = new KubernetesCluster(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      dnsPrefix: props.dnsPrefix ?? props.name,
      kubernetesVersion: props.kubernetesVersion,
      defaultNodePool: {
        name: poolName,
        vmSize: pool.vmSize ?? 'Standard_D4ds_v5',
        nodeCount,
        zones: pool.zones,
        vnetSubnetId: pool.subnetId,
        // Changing the VM size rotates the pool through this temporary one instead of replacing the cluster.
        temporaryNameForRotation: `${poolName.slice(0, 8)}tmp`,
      },
      identity: { type: identity.type, identityIds: identity.identityIds },
      networkProfile: { ...(props.networkPlugin ?? NetworkPlugin.azureCniOverlay())._bind(), loadBalancerSku: 'standard' },
      serviceMeshProfile: azurermServiceMeshProfile(props.profile),
      // The plugin CA and secure ingress certificates both come through the Key Vault secrets provider add-on.
      keyVaultSecretsProvider: props.profile.pluginCa || props.profile.keyVault ? { secretRotationEnabled: true } : undefined,
      tags: props.tags,
      // azapi owns the mesh profile when egress gateways exist; azurerm would wipe them on its next write.
      lifecycle: this.azapiOwnsMeshProfile ? { ignoreChanges: ['service_mesh_profile'] } : undefined,
    });

    this.parts = addMeshParts(this, {
      id: this.cluster.id,
      name: this.cluster.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      principalId: identity.principalId ?? this.cluster.identity.principalId,
      dependable: this.cluster,
      secretsProviderIdentity: props.profile.keyVault && {
        clientId: this.cluster.keyVaultSecretsProvider.secretIdentity.get(0).clientId,
        objectId: this.cluster.keyVaultSecretsProvider.secretIdentity.get(0).objectId,
      },
    }, props, this.azapiOwnsMeshProfile, false, pool.subnetId);
  }
}
