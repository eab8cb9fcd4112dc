import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import { MeshProfile } from '../mesh';
import { AGENT_POOL_TYPE, AksApiVersions } from './api-versions';
import { AzapiResource } from './azapi/azapi-resource';
import { fail, isIntegerIn, show } from './private/validation';

/** Sizing of one gateway node pool, in addition to what the mesh profile says about it. */
export interface GatewayNodePoolSizing {
  /**
   * Number of nodes. The pool does not autoscale, and each node takes one address of the public IP
   * prefix, so the count can be at most 2^(32 - publicIpPrefixSize).
   * @default 2
   */
  readonly nodeCount?: number;
  /**
   * VM size of the nodes.
   * @default 'Standard_D2ds_v5'
   */
  readonly vmSize?: string;
  /**
   * Subnet of the nodes; node pools of one cluster share its virtual network.
   * @default - the cluster's default (the AKS-managed virtual network)
   */
  readonly subnetId?: string;
}

/** Options for {@link GatewayNodePool}. */
export interface GatewayNodePoolProps extends GatewayNodePoolSizing {
  /** ARM ID of the AKS cluster. */
  readonly clusterId: string;
  /** The mesh profile that declares the pool (its name and public IP prefix size). */
  readonly profile: MeshProfile;
  /** Name of the pool, one of the profile's `gatewayNodePools`. */
  readonly name: string;
  /**
   * Resources the pool waits for (the static egress gateway profile).
   * @default - none beyond the cluster ID reference
   */
  readonly dependsOn?: ITerraformDependable[];
}

const DEFAULT_NODE_COUNT = 2;
const DEFAULT_VM_SIZE = 'Standard_D2ds_v5';

/**
 * A node pool of mode `Gateway` with its public IP prefix, for the Static Egress Gateway feature.
 * azurerm 4.55 has no `Gateway` mode, so the pool is an azapi resource.
 *
 * @see https://learn.microsoft.com/azure/aks/configure-static-egress-gateway
 */
export class GatewayNodePool extends Construct {
  /** The azapi resource (escape hatch). */
  public readonly resource: AzapiResource;
  /** The pool's name. */
  public readonly name: string;
  /** Size of the pool's public IP prefix. */
  public readonly publicIpPrefixSize: number;
  public readonly nodeCount: number;

  public constructor(scope: Construct, id: string, props: GatewayNodePoolProps) {
    super(scope, id);
    const declared = props.profile.gatewayNodePools;
    const pool = declared.find(p => p.name === props.name);
    if (!pool) {
      fail(this, `gateway node pool ${show(props.name)} is not declared in the mesh profile's 'gatewayNodePools' `
        + `(declared: ${declared.length ? declared.map(p => p.name).join(', ') : 'none'})`);
    }
    const nodeCount = props.nodeCount ?? DEFAULT_NODE_COUNT;
    const capacity = 2 ** (32 - pool.publicIpPrefixSize);
    if (!isIntegerIn(nodeCount, 1, capacity)) {
      fail(this, `gateway node pool '${pool.name}' has nodeCount ${show(nodeCount)}, but its /${pool.publicIpPrefixSize} `
        + `public IP prefix holds ${capacity} address(es): use 1 to ${capacity} nodes, or a larger prefix (smaller publicIpPrefixSize)`);
    }
    const vmSize = props.vmSize ?? DEFAULT_VM_SIZE;
    if (vmSize.trim() === '') {
      fail(this, `gateway node pool '${pool.name}' has an empty vmSize; give a VM size such as '${DEFAULT_VM_SIZE}'`);
    }
    this.name = pool.name;
    this.publicIpPrefixSize = pool.publicIpPrefixSize;
    this.nodeCount = nodeCount;

    const properties: Record<string, unknown> = {
      mode: 'Gateway',
      osType: 'Linux',
      count: nodeCount,
      vmSize,
      gatewayProfile: { publicIPPrefixSize: pool.publicIpPrefixSize },
    };
    if (props.subnetId !== undefined) properties.vnetSubnetID = props.subnetId;
    this.resource = new AzapiResource(this, 'Resource', {
      resourceType: AGENT_POOL_TYPE,
      apiVersion: AksApiVersions.GATEWAY_AGENT_POOL,
      name: pool.name,
      parentId: props.clusterId,
      body: { properties },
      locks: [props.clusterId],
      dependsOn: props.dependsOn,
    });
  }
}
