import { ApiObject } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { Construct } from 'constructs';
import { MeshChart } from '../mesh-chart';
import { infrastructureData } from '../private/gateway-tuning';
import { checkNamespaceName, checkObjectName, fail } from '../private/validation';
import { GatewayInfrastructureOptions } from './gateway-tuning-options';

/** Props for `GatewayInfrastructureConfig`. */
export interface GatewayInfrastructureConfigProps extends GatewayInfrastructureOptions {
  /** ConfigMap name. */
  readonly name: string;
  /**
   * Namespace: the Gateway's, since `parametersRef` points into the Gateway's own namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
}

/**
 * Per-Gateway customization of the Deployment, Service, HPA and PDB Istio generates for a Gateway API
 * gateway (automated deployment): a ConfigMap that a Gateway names in `spec.infrastructure.parametersRef`
 * (pass it as `GatewayApiGateway`'s `infrastructure`). Only the fields AKS allows can be expressed;
 * they take precedence over `istio-gateway-class-defaults`.
 *
 * @example
 * const options = new GatewayInfrastructureConfig(chart, 'gw-options', {
 *   name: 'gw-options', autoscaling: { minReplicas: 2, maxReplicas: 4 },
 * });
 * new GatewayApiGateway(chart, 'gw', { metadata: { name: 'httpbin-gateway' }, infrastructure: options, listeners: [...] });
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#configure-settings-for-a-specific-gateway
 */
export class GatewayInfrastructureConfig extends Construct {
  public readonly apiObject: ApiObject;
  /** The ConfigMap name. */
  public readonly name: string;
  /** The ConfigMap namespace, if set. */
  public readonly namespace?: string;

  public constructor(scope: Construct, id: string, props: GatewayInfrastructureConfigProps) {
    super(scope, id);
    if (!MeshChart.of(this).profile.gatewayApi) {
      fail(this, 'the mesh profile has gatewayApi off, so no Gateway API gateway can use this; set gatewayApi: true in the profile');
    }
    checkObjectName(this, 'name', props.name);
    checkNamespaceName(this, 'namespace', props.namespace);
    const data = infrastructureData(this, props);
    if (Object.keys(data).length === 0) {
      fail(this, 'sets nothing: give at least one of deployment, service, autoscaling, podDisruptionBudget');
    }
    this.apiObject = new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: props.name, ...(props.namespace !== undefined ? { namespace: props.namespace } : {}) },
      data,
    });
    this.name = props.name;
    this.namespace = this.apiObject.metadata.namespace;
  }
}
