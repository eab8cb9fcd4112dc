import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AksApiVersions, MANAGED_CLUSTER_TYPE } from './api-versions';
import { AzapiUpdateResource } from './azapi/azapi-update-resource';

/** Options for {@link StaticEgressGatewayProfile}. */
export interface StaticEgressGatewayProfileProps {
  /** ARM ID of the AKS cluster. */
  readonly clusterId: string;
  /**
   * Resources the update waits for.
   * @default - none beyond the cluster ID reference
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Switches on the Static Egress Gateway feature (`networkProfile.staticEgressGatewayProfile.enabled`),
 * which gateway node pools and Istio egress gateways need. azurerm 4.55 has no field for it.
 *
 * @see https://learn.microsoft.com/azure/aks/configure-static-egress-gateway
 */
export class StaticEgressGatewayProfile extends Construct {
  /** The azapi resource (escape hatch). */
  public readonly resource: AzapiUpdateResource;

  public constructor(scope: Construct, id: string, props: StaticEgressGatewayProfileProps) {
    super(scope, id);
    this.resource = new AzapiUpdateResource(this, 'Resource', {
      resourceType: MANAGED_CLUSTER_TYPE,
      apiVersion: AksApiVersions.STATIC_EGRESS_GATEWAY_PROFILE,
      resourceId: props.clusterId,
      body: { properties: { networkProfile: { staticEgressGatewayProfile: { enabled: true } } } },
      dependsOn: props.dependsOn,
    });
  }
}
