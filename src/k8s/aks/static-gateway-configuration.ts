import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as egw from '../../../imports/kube-egress-gateway-egressgateway.kubernetes.azure.com';
import { EgressGatewayRef } from '../../mesh/mesh-profile';
import { MeshChart } from '../mesh-chart';
import { fail } from '../private/validation';

/** Where pods using the configuration send traffic that is not excluded. */
export enum StaticGatewayDefaultRoute {
  /** Through the gateway node pool's static egress IPs (the default). */
  STATIC_EGRESS_GATEWAY = 'staticEgressGateway',
  /** Through the pod's own network interface; only explicitly routed traffic uses the gateway. */
  AZURE_NETWORKING = 'azureNetworking',
}

/** Props for `StaticGatewayConfiguration`. */
export interface StaticGatewayConfigurationProps {
  /** Name of an egress gateway declared in the chart's mesh profile. */
  readonly egressGateway: string;
  /**
   * Namespace of the egress gateway, when the profile declares the name in several namespaces.
   * @default - the only gateway with that name
   */
  readonly egressGatewayNamespace?: string;
  /**
   * Destination CIDRs that bypass the static egress gateway (for example cluster and VNet ranges).
   * @default - none
   */
  readonly excludeCidrs?: string[];
  /**
   * Whether AKS provisions the public IP prefix for the gateway node pool.
   * @default true
   */
  readonly provisionPublicIps?: boolean;
  /**
   * Resource ID of your own public IP prefix (needs `provisionPublicIps: true`).
   * @default - an AKS-provisioned prefix
   */
  readonly publicIpPrefixId?: string;
  /** @default StaticGatewayDefaultRoute.STATIC_EGRESS_GATEWAY */
  readonly defaultRoute?: StaticGatewayDefaultRoute;
}

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const PREFIX_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/publicIPPrefixes\/[^/]+$/i;

/**
 * The `egressgateway.kubernetes.azure.com/v1alpha1` StaticGatewayConfiguration an AKS Istio egress
 * gateway egresses through: named after the profile's `gatewayConfigurationName`, in the egress
 * gateway's namespace, pointing at its gateway node pool. Apply it, and wait for its
 * `status.egressIpPrefix`, before enabling the egress gateway.
 *
 * @example new StaticGatewayConfiguration(chart, 'sgc', { egressGateway: 'asm-egress-test' });
 * @see https://learn.microsoft.com/azure/aks/configure-static-egress-gateway
 */
export class StaticGatewayConfiguration extends Construct {
  public readonly apiObject: ApiObject;
  /** The egress gateway this configuration serves, as declared in the profile. */
  public readonly egressGateway: EgressGatewayRef;

  public constructor(scope: Construct, id: string, props: StaticGatewayConfigurationProps) {
    super(scope, id);
    const profile = MeshChart.of(this).profile;
    try {
      this.egressGateway = profile.egressGateway(props.egressGateway, props.egressGatewayNamespace);
    } catch (e) {
      fail(this, (e as Error).message);
    }
    const provision = props.provisionPublicIps ?? true;
    props.excludeCidrs?.forEach((c, i) => {
      if (!isIpv4Cidr(c)) fail(this, `'excludeCidrs[${i}]' ${JSON.stringify(c)} is not an IPv4 CIDR such as 10.0.0.0/8`);
    });
    if (props.publicIpPrefixId !== undefined) {
      if (!provision) {
        fail(this, "'publicIpPrefixId' needs 'provisionPublicIps: true' (the CRD only uses a BYO prefix when it provisions public IPs)");
      }
      if (!PREFIX_ID.test(props.publicIpPrefixId)) {
        fail(this, `'publicIpPrefixId' ${JSON.stringify(props.publicIpPrefixId)} is not a public IP prefix resource ID `
          + '(/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/publicIPPrefixes/<name>)');
      }
    }
    if (props.defaultRoute !== undefined && !Object.values(StaticGatewayDefaultRoute).includes(props.defaultRoute)) {
      fail(this, `'defaultRoute' ${JSON.stringify(props.defaultRoute)} is not one of ${Object.values(StaticGatewayDefaultRoute).join(', ')}`);
    }
    const gw = this.egressGateway;
    this.apiObject = new egw.StaticGatewayConfiguration(this, 'Resource', {
      // The gateway's namespace is fixed by AKS, whatever the chart's namespace.
      metadata: { name: gw.gatewayConfigurationName, namespace: gw.namespace },
      spec: {
        gatewayNodepoolName: gw.gatewayNodePoolName,
        provisionPublicIps: provision,
        publicIpPrefixId: props.publicIpPrefixId,
        excludeCidrs: props.excludeCidrs && [...props.excludeCidrs],
        defaultRoute: props.defaultRoute as string as egw.StaticGatewayConfigurationSpecDefaultRoute | undefined,
      },
    });
  }
}

function isIpv4Cidr(value: string): boolean {
  const m = CIDR.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  return octets.every(o => o <= 255) && Number(m[5]) <= 32;
}
