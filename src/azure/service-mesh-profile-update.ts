import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MeshProfile } from '../mesh';
import { AksApiVersions, MANAGED_CLUSTER_TYPE } from './api-versions';
import { AzapiUpdateResource } from './azapi/azapi-update-resource';
import { armServiceMeshProfile } from './private/service-mesh-body';

/** Options for {@link ServiceMeshProfileUpdate}. */
export interface ServiceMeshProfileUpdateProps {
  /** ARM ID of the AKS cluster. */
  readonly clusterId: string;
  /** The mesh to write. */
  readonly profile: MeshProfile;
  /**
   * Whether the profile's egress gateways are switched on. Set it to false for a first apply, apply the
   * StaticGatewayConfigurations from the cdk8s side, wait for their `egressIpPrefix`, then set it to true.
   * @default true
   */
  readonly egressGatewaysEnabled?: boolean;
  /**
   * Whether to switch on the Key Vault secrets provider add-on, which a plugin CA needs. Leave it off
   * when azurerm's `key_vault_secrets_provider` block already does it.
   * @default false
   */
  readonly enableKeyVaultSecretsProvider?: boolean;
  /**
   * Resources the update waits for (the cluster, the gateway node pools).
   * @default - none beyond the cluster ID reference
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The cluster's whole `serviceMeshProfile`, written through azapi: revisions, both ingress gateways,
 * the egress gateways and the plugin CA.
 *
 * This is what owns the mesh profile whenever egress gateways are configured. azurerm 4.55 has no
 * egress gateways and rewrites the whole profile on any change to its block, so it would wipe them;
 * {@link MeshCluster} therefore puts `service_mesh_profile` in azurerm's `lifecycle.ignore_changes`
 * when it adds this resource, and every later mesh change (a canary revision, a gateway) goes here.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-egress
 */
export class ServiceMeshProfileUpdate extends Construct {
  /** The azapi resource (escape hatch). */
  public readonly resource: AzapiUpdateResource;

  public constructor(scope: Construct, id: string, props: ServiceMeshProfileUpdateProps) {
    super(scope, id);
    const properties: Record<string, unknown> = {
      serviceMeshProfile: armServiceMeshProfile(props.profile, props.egressGatewaysEnabled ?? true),
    };
    if (props.enableKeyVaultSecretsProvider) {
      properties.addonProfiles = {
        azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'true' } },
      };
    }
    this.resource = new AzapiUpdateResource(this, 'Resource', {
      resourceType: MANAGED_CLUSTER_TYPE,
      apiVersion: AksApiVersions.SERVICE_MESH_PROFILE,
      resourceId: props.clusterId,
      body: { properties },
      dependsOn: props.dependsOn,
    });
  }
}
