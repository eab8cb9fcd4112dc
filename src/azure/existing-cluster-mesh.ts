import { Construct } from 'constructs';
import { Annotations } from 'cdktf';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { MeshOptions } from './mesh-options';
import { addMeshParts, checkMeshOptions, MeshParts } from './private/mesh-parts';

/** Options for {@link ExistingClusterMesh}. */
export interface ExistingClusterMeshProps extends MeshOptions {
  /** Name of the existing AKS cluster. */
  readonly clusterName: string;
  /** Its resource group. */
  readonly resourceGroupName: string;
  /**
   * Subnet for the gateway node pools, in the cluster's virtual network.
   * @default - the cluster's default
   */
  readonly nodeSubnetId?: string;
  /**
   * Principal ID of the cluster's control plane identity, for the gateway role assignments.
   * @default - the principal of the cluster's system-assigned identity
   */
  readonly clusterPrincipalId?: string;
}

/**
 * The Istio add-on on a cluster this stack does not create (looked up by name and resource group).
 *
 * The whole `serviceMeshProfile` is written through azapi, since no azurerm cluster resource is in this
 * stack. If another Terraform configuration manages the cluster with azurerm, it must put
 * `service_mesh_profile` in `lifecycle.ignore_changes`, or its next apply wipes the egress gateways.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-addon
 */
export class ExistingClusterMesh extends Construct {
  /** The data source (escape hatch). */
  public readonly cluster: DataAzurermKubernetesCluster;
  /** The azapi and ingress pieces around the cluster. */
  public readonly parts: MeshParts;

  public constructor(scope: Construct, id: string, props: ExistingClusterMeshProps) {
    super(scope, id);
    checkMeshOptions(this, props);
    if (props.profile.pluginCa) {
      Annotations.of(this).addWarning(`a cluster already on the add-on's self-signed CA cannot switch to the plugin CA in `
        + `'${props.profile.pluginCa.keyVaultId}' in place: disable the mesh and enable it again with the CA`);
    }
    this.cluster = new DataAzurermKubernetesCluster(this, 'Cluster', {
      name: props.clusterName,
      resourceGroupName: props.resourceGroupName,
    });
    this.parts = addMeshParts(this, {
      id: this.cluster.id,
      name: this.cluster.name,
      resourceGroupName: props.resourceGroupName,
      location: this.cluster.location,
      principalId: props.clusterPrincipalId ?? this.cluster.identity.get(0).principalId,
      nodeResourceGroup: this.cluster.nodeResourceGroup,
    }, props, true, props.profile.pluginCa !== undefined || props.profile.keyVault !== undefined, props.nodeSubnetId);
  }
}
