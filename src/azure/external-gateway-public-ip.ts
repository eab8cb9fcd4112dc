import { Construct } from 'constructs';
import { DataAzurermResourceGroup } from '@cdktf/provider-azurerm/lib/data-azurerm-resource-group';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { LoadBalancerAnnotations } from './load-balancer-annotations';
import { fail, show } from './private/validation';

/** Where the external ingress gateway's static public IP lives. */
export interface ExternalGatewayPublicIpOptions {
  /** Name of the public IP resource (the `azure-pip-name` annotation value). */
  readonly name: string;
  /**
   * Resource group of the public IP (the `azure-load-balancer-resource-group` annotation value).
   * @default - the cluster's resource group
   */
  readonly resourceGroupName?: string;
  /**
   * Availability zones of the IP.
   * @default - Azure's default for the region
   */
  readonly zones?: string[];
  /**
   * Whether to grant the cluster identity Network Contributor on the IP's resource group, which AKS
   * needs to attach an IP outside its node resource group.
   * @default true
   */
  readonly grantNetworkContributor?: boolean;
}

/** Options for {@link ExternalGatewayPublicIp}. */
export interface ExternalGatewayPublicIpProps extends ExternalGatewayPublicIpOptions {
  /** Resource group of the IP (required here; the cluster constructs default it). */
  readonly resourceGroupName: string;
  /** Azure region of the IP, the cluster's region. */
  readonly location: string;
  /** Principal ID of the cluster's control plane identity. */
  readonly clusterPrincipalId: string;
}

const PIP_NAME_PATTERN = /^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,78}[a-zA-Z0-9_])?$/;

/**
 * A static Standard public IP for the managed external ingress gateway, the role assignment AKS needs
 * to use it, and the Service annotation values that point the gateway at it.
 *
 * @see https://learn.microsoft.com/azure/aks/static-ip
 */
export class ExternalGatewayPublicIp extends Construct {
  /** The public IP (escape hatch). */
  public readonly resource: PublicIp;
  /** The role assignment, when granted. */
  public readonly roleAssignment?: RoleAssignment;
  /** The IP address, known after apply. */
  public readonly ipAddress: string;
  /** Name of the IP. */
  public readonly name: string;
  /** Resource group of the IP. */
  public readonly resourceGroupName: string;

  public constructor(scope: Construct, id: string, props: ExternalGatewayPublicIpProps) {
    super(scope, id);
    if (!PIP_NAME_PATTERN.test(props.name)) {
      fail(this, `public IP name ${show(props.name)} is not a valid Azure public IP name `
        + '(1 to 80 letters, digits, ".", "-" and "_", starting with a letter or digit, ending with a letter, digit or "_")');
    }
    this.name = props.name;
    this.resourceGroupName = props.resourceGroupName;
    this.resource = new PublicIp(this, 'Resource', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      allocationMethod: 'Static',
      sku: 'Standard',
      zones: props.zones,
    });
    this.ipAddress = this.resource.ipAddress;
    if (props.grantNetworkContributor ?? true) {
      const group = new DataAzurermResourceGroup(this, 'ResourceGroup', { name: props.resourceGroupName });
      this.roleAssignment = new RoleAssignment(this, 'NetworkContributor', {
        scope: group.id,
        roleDefinitionName: 'Network Contributor',
        principalId: props.clusterPrincipalId,
      });
    }
  }

  /** The annotations for the `aks-istio-ingressgateway-external` Service. */
  public get annotations(): Record<string, string> {
    return {
      [LoadBalancerAnnotations.PIP_NAME]: this.name,
      [LoadBalancerAnnotations.RESOURCE_GROUP]: this.resourceGroupName,
    };
  }
}
