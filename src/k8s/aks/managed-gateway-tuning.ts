import { ApiObject, Chart } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { Construct } from 'constructs';
import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { describeKeptServiceFields, isKeptServiceAnnotation } from '../../mesh/managed-gateway-fields';
import { MeshChart } from '../mesh-chart';
import { autoscalingSpec, checkAutoscaling, infrastructureData } from '../private/gateway-tuning';
import { fail } from '../private/validation';
import { GatewayAutoscalingOptions, GatewayInfrastructureOptions, ManagedIngressTuningOptions } from './gateway-tuning-options';

/**
 * Autoscaling of one managed egress gateway. Its HPA is named after its Deployment (`<name>-asm-1-N`),
 * as AKS names the ingress gateways' HPAs; check with `kubectl get hpa -n <namespace>`.
 */
export interface EgressGatewayTuningOptions {
  /** The egress gateway's name, as declared in the profile. */
  readonly name: string;
  /**
   * Its namespace, when several declared egress gateways share the name.
   * @default - the one declared gateway of that name
   */
  readonly namespace?: string;
  readonly autoscaling: GatewayAutoscalingOptions;
}

/** Props for `ManagedGatewayTuning`. */
export interface ManagedGatewayTuningProps {
  /** @default - the external ingress gateway is left as AKS made it */
  readonly external?: ManagedIngressTuningOptions;
  /** @default - the internal ingress gateway is left as AKS made it */
  readonly internal?: ManagedIngressTuningOptions;
  /** @default - egress gateways are left as AKS made them */
  readonly egress?: EgressGatewayTuningOptions[];
  /**
   * Defaults for every Gateway API gateway Istio deploys (`istio-gateway-class-defaults`); needs
   * `gatewayApi` in the profile.
   * @default - AKS's defaults (HPA min 2 max 5, PDB minAvailable 1)
   */
  readonly gatewayClassDefaults?: GatewayInfrastructureOptions;
}

/**
 * Tuning of the gateways AKS owns: the managed ingress and egress gateways' autoscalers (one per
 * revision, so a canary revision gets the same settings), the allowlisted Service settings of the
 * managed ingress Services, and the `istio-gateway-class-defaults` ConfigMap of Gateway API gateways.
 *
 * AKS creates and reconciles these objects, so each is rendered as a partial object holding only
 * the fields you set, to be applied with server-side apply under the field manager
 * `ManagedGatewayTuning.FIELD_MANAGER`: the fields you did not set stay AKS's. Put this construct in
 * a chart of its own (one file in dist/) and apply that file with `ManagedGatewayTuning.applyCommand(file)`;
 * a chart that also holds other objects is refused. AKS keeps no PodDisruptionBudget change on the
 * managed gateways, so a disruption budget is offered for Gateway API gateways only.
 *
 * @example
 * new ManagedGatewayTuning(chart, 'tuning', {
 *   external: { autoscaling: { minReplicas: 3, maxReplicas: 10 }, service: { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL } },
 * });
 * @see https://learn.microsoft.com/azure/aks/istio-scale#horizontal-pod-autoscaling-hpa-customization
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress#ingress-gateway-service-customizations
 * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
 */
export class ManagedGatewayTuning extends Construct {
  /** The server-side apply field manager the tuning objects are applied with. */
  public static readonly FIELD_MANAGER = 'aks-istio-mesh';

  /**
   * The command that applies a tuning file: server-side apply changes only the fields in the file, and
   * takes them over from AKS's manager (`--force-conflicts`), which owns every field of these objects.
   */
  public static applyCommand(file: string): string {
    return `kubectl apply --server-side --field-manager=${ManagedGatewayTuning.FIELD_MANAGER} --force-conflicts -f ${file}`;
  }

  /** The rendered partial objects, in order. */
  public readonly apiObjects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: ManagedGatewayTuningProps) {
    super(scope, id);
    const profile = MeshChart.of(this).profile;
    const objects: ApiObject[] = [];
    for (const type of [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL]) {
      const options = type === IngressGatewayType.EXTERNAL ? props.external : props.internal;
      if (options === undefined) continue;
      const service = options.service;
      const setsService = service !== undefined && (Object.keys(service.annotations ?? {}).length > 0 || service.externalTrafficPolicy !== undefined);
      if (options.autoscaling === undefined && !setsService) {
        fail(this, `'${type}' sets nothing: give 'autoscaling', or 'service' with annotations or externalTrafficPolicy`);
      }
      let serviceName: string;
      try {
        serviceName = profile.ingressGateway(type).serviceName;
      } catch (e) {
        fail(this, `'${type}': ${(e as Error).message}`);
      }
      if (options.autoscaling) {
        checkAutoscaling(this, `${type}.autoscaling`, options.autoscaling);
        for (const revision of profile.revisions) {
          objects.push(this.autoscaler(`${type}-${revision}`, AksNames.ingressDeploymentName(type, revision), AksNames.INGRESS_NAMESPACE, options.autoscaling));
        }
      }
      if (service && setsService) {
        const reverted = Object.keys(service.annotations ?? {}).filter(k => !isKeptServiceAnnotation(k));
        if (reverted.length > 0) {
          fail(this, `'${type}.service.annotations' has ${reverted.map(k => `'${k}'`).join(', ')}, which AKS reverts on the managed Service ${serviceName}; `
            + `AKS keeps only ${describeKeptServiceFields()}`);
        }
        objects.push(new k8s.KubeService(this, `${type}-service`, {
          metadata: {
            name: serviceName,
            namespace: AksNames.INGRESS_NAMESPACE,
            ...(service.annotations && Object.keys(service.annotations).length > 0 ? { annotations: { ...service.annotations } } : {}),
          },
          ...(service.externalTrafficPolicy !== undefined ? { spec: { externalTrafficPolicy: service.externalTrafficPolicy } } : {}),
        }));
      }
    }
    for (const [i, e] of (props.egress ?? []).entries()) {
      let gateway;
      try {
        gateway = profile.egressGateway(e.name, e.namespace);
      } catch (err) {
        fail(this, `'egress[${i}]': ${(err as Error).message}`);
      }
      checkAutoscaling(this, `egress[${i}].autoscaling`, e.autoscaling);
      for (const revision of profile.revisions) {
        objects.push(this.autoscaler(`egress-${gateway.namespace}-${gateway.name}-${revision}`,
          AksNames.egressDeploymentName(gateway.name, revision), gateway.namespace, e.autoscaling));
      }
    }
    if (props.gatewayClassDefaults) {
      if (!profile.gatewayApi) {
        fail(this, "'gatewayClassDefaults' needs the Gateway API: set gatewayApi: true in the profile");
      }
      objects.push(new k8s.KubeConfigMap(this, 'gateway-class-defaults', {
        metadata: {
          name: AksNames.GATEWAY_CLASS_DEFAULTS_NAME,
          namespace: AksNames.SYSTEM_NAMESPACE,
          labels: { [AksNames.GATEWAY_DEFAULTS_FOR_CLASS_LABEL]: AksNames.GATEWAY_CLASS_NAME },
        },
        data: infrastructureData(this, props.gatewayClassDefaults),
      }));
    }
    if (objects.length === 0) {
      fail(this, "sets nothing: give at least one of 'external', 'internal', 'egress', 'gatewayClassDefaults'");
    }
    this.apiObjects = objects;
    this.node.addValidation({ validate: () => this.checkOwnChart() });
  }

  private autoscaler(id: string, deployment: string, namespace: string, a: GatewayAutoscalingOptions): ApiObject {
    // scaleTargetRef and maxReplicas are required by the schema; scaleTargetRef repeats AKS's own value.
    const spec = autoscalingSpec(a) as unknown as k8s.HorizontalPodAutoscalerSpecV2;
    return new k8s.KubeHorizontalPodAutoscalerV2(this, id, {
      metadata: { name: deployment, namespace },
      spec: { ...spec, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment } },
    });
  }

  private checkOwnChart(): string[] {
    const others = Chart.of(this).node.findAll().filter((c): c is ApiObject => c instanceof ApiObject
      && !c.node.scopes.some(s => s instanceof ManagedGatewayTuning));
    if (others.length === 0) return [];
    return [`the chart holding ManagedGatewayTuning also holds ${others.map(o => `${o.kind} ${o.name}`).slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''}; `
      + `put the tuning in a chart of its own, so its file can be applied with '${ManagedGatewayTuning.applyCommand('<file>')}' without forcing other objects`];
  }
}
