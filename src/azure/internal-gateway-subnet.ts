import { Construct } from 'constructs';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { LoadBalancerAnnotations } from './load-balancer-annotations';
import { fail, show } from './private/validation';

/** A subnet, in the cluster's virtual network, for the internal ingress gateway's load balancer. */
export interface InternalGatewaySubnetOptions {
  /** Subnet name (the `azure-load-balancer-internal-subnet` annotation value). */
  readonly name: string;
  /** The cluster's virtual network. */
  readonly virtualNetworkName: string;
  /** Resource group of the virtual network. */
  readonly virtualNetworkResourceGroupName: string;
  /** Address range of the subnet, e.g. `10.224.8.0/24`. */
  readonly addressPrefix: string;
  /**
   * Whether to grant the cluster identity Network Contributor on the subnet, which AKS needs to place
   * a load balancer frontend in it.
   * @default true
   */
  readonly grantNetworkContributor?: boolean;
}

/** Options for {@link InternalGatewaySubnet}. */
export interface InternalGatewaySubnetProps extends InternalGatewaySubnetOptions {
  /** Principal ID of the cluster's control plane identity. */
  readonly clusterPrincipalId: string;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * A subnet for the managed internal ingress gateway, the role assignment AKS needs to use it, and the
 * Service annotation value that points the gateway at it.
 *
 * @see https://learn.microsoft.com/azure/aks/internal-lb
 */
export class InternalGatewaySubnet extends Construct {
  /** The subnet (escape hatch). */
  public readonly resource: Subnet;
  /** The role assignment, when granted. */
  public readonly roleAssignment?: RoleAssignment;
  /** Name of the subnet. */
  public readonly name: string;

  public constructor(scope: Construct, id: string, props: InternalGatewaySubnetProps) {
    super(scope, id);
    const cidr = CIDR_PATTERN.exec(props.addressPrefix);
    if (!cidr || cidr.slice(1, 5).some(o => Number(o) > 255) || Number(cidr[5]) > 29) {
      fail(this, `internal gateway subnet addressPrefix ${show(props.addressPrefix)} is not an IPv4 CIDR of /29 or larger `
        + '(for example 10.224.8.0/24)');
    }
    this.name = props.name;
    this.resource = new Subnet(this, 'Resource', {
      name: props.name,
      virtualNetworkName: props.virtualNetworkName,
      resourceGroupName: props.virtualNetworkResourceGroupName,
      addressPrefixes: [props.addressPrefix],
    });
    if (props.grantNetworkContributor ?? true) {
      this.roleAssignment = new RoleAssignment(this, 'NetworkContributor', {
        scope: this.resource.id,
        roleDefinitionName: 'Network Contributor',
        principalId: props.clusterPrincipalId,
      });
    }
  }

  /** The annotation for the `aks-istio-ingressgateway-internal` Service. */
  public get annotations(): Record<string, string> {
    return { [LoadBalancerAnnotations.INTERNAL_SUBNET]: this.name };
  }
}
