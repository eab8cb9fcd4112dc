import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { AksApiVersions, MANAGED_CLUSTER_TYPE } from './api-versions';
import { AzapiUpdateResource } from './azapi/azapi-update-resource';

/** Options for {@link GatewayApiInstallation}. */
export interface GatewayApiInstallationProps {
  /** ARM ID of the AKS cluster. */
  readonly clusterId: string;
  /**
   * Whether AKS installs the managed Gateway API CRDs (standard channel) or removes them.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Resources the update waits for.
   * @default - none beyond the cluster ID reference
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The managed Gateway API CRDs (`ingressProfile.gatewayAPI.installation`: `Standard` or `Disabled`).
 * azurerm 4.55 has no field for it.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
 */
export class GatewayApiInstallation extends Construct {
  /** The azapi resource (escape hatch). */
  public readonly resource: AzapiUpdateResource;

  public constructor(scope: Construct, id: string, props: GatewayApiInstallationProps) {
    super(scope, id);
    const installation = (props.enabled ?? true) ? 'Standard' : 'Disabled';
    this.resource = new AzapiUpdateResource(this, 'Resource', {
      resourceType: MANAGED_CLUSTER_TYPE,
      apiVersion: AksApiVersions.GATEWAY_API,
      resourceId: props.clusterId,
      body: { properties: { ingressProfile: { gatewayAPI: { installation } } } },
      dependsOn: props.dependsOn,
    });
  }
}
