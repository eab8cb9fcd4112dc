import { IConstruct } from 'constructs';
import { stringify } from 'yaml';
import { MIN_GATEWAY_REPLICAS } from '../../mesh/managed-gateway-fields';
import { ExternalTrafficPolicy, GatewayAutoscalingOptions, GatewayInfrastructureOptions } from '../aks/gateway-tuning-options';
import { fail } from './validation';

/** Checks autoscaling input: `minReplicas` of 2 or more, `maxReplicas` not below it, CPU 1 to 100. */
export function checkAutoscaling(scope: IConstruct, field: string, a: GatewayAutoscalingOptions): void {
  if (a.minReplicas !== undefined && (!Number.isInteger(a.minReplicas) || a.minReplicas < MIN_GATEWAY_REPLICAS)) {
    fail(scope, `'${field}.minReplicas' is ${JSON.stringify(a.minReplicas)}; AKS refuses fewer than ${MIN_GATEWAY_REPLICAS} replicas for a gateway `
      + `(it keeps a PodDisruptionBudget), use ${MIN_GATEWAY_REPLICAS} or more`);
  }
  const floor = a.minReplicas ?? MIN_GATEWAY_REPLICAS;
  if (!Number.isInteger(a.maxReplicas) || a.maxReplicas < floor) {
    fail(scope, `'${field}.maxReplicas' is ${JSON.stringify(a.maxReplicas)}; it must be a whole number of at least minReplicas (${floor})`);
  }
  if (a.cpuUtilization !== undefined && (!Number.isInteger(a.cpuUtilization) || a.cpuUtilization < 1 || a.cpuUtilization > 100)) {
    fail(scope, `'${field}.cpuUtilization' is ${JSON.stringify(a.cpuUtilization)}; use a whole percentage from 1 to 100 (AKS's default is 80)`);
  }
}

/** The HPA spec fields `a` sets (and only those). */
export function autoscalingSpec(a: GatewayAutoscalingOptions): Record<string, unknown> {
  return {
    ...(a.minReplicas !== undefined ? { minReplicas: a.minReplicas } : {}),
    maxReplicas: a.maxReplicas,
    ...(a.cpuUtilization !== undefined
      ? { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: a.cpuUtilization } } }] }
      : {}),
  };
}

// The add-on's health probe annotations for externalTrafficPolicy Cluster, which AKS says to unset with Local.
const CLUSTER_PROBE_ANNOTATIONS = [
  'service.beta.kubernetes.io/port_80_health-probe_port',
  'service.beta.kubernetes.io/port_80_health-probe_protocol',
  'service.beta.kubernetes.io/port_80_health-probe_request-path',
];

/**
 * The `data` of an `istio-gateway-class-defaults` or per-Gateway `parametersRef` ConfigMap: one YAML
 * document per resource kind, holding only the allowlisted fields the options set.
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api#configmap-customizations
 */
export function infrastructureData(scope: IConstruct, o: GatewayInfrastructureOptions): Record<string, string> {
  const data: Record<string, string> = {};
  const d = o.deployment;
  if (d) {
    if (d.terminationGracePeriodSeconds !== undefined && (!Number.isInteger(d.terminationGracePeriodSeconds) || d.terminationGracePeriodSeconds < 0)) {
      fail(scope, `'deployment.terminationGracePeriodSeconds' is ${JSON.stringify(d.terminationGracePeriodSeconds)}; use a whole number of seconds, 0 or more`);
    }
    const podMetadata = compact({ labels: d.podLabels, annotations: d.podAnnotations });
    const podSpec = compact({ nodeSelector: d.nodeSelector, terminationGracePeriodSeconds: d.terminationGracePeriodSeconds });
    const template = compact({ metadata: podMetadata, spec: podSpec });
    const doc = compact({ metadata: compact({ labels: d.labels, annotations: d.annotations }), spec: compact({ template }) });
    if (doc) data.deployment = yaml(doc);
  }
  const s = o.service;
  if (s) {
    const annotations: Record<string, string | null> = { ...s.annotations };
    if (s.externalTrafficPolicy === ExternalTrafficPolicy.LOCAL) {
      for (const key of CLUSTER_PROBE_ANNOTATIONS) {
        if (key in annotations) fail(scope, `'service.annotations' sets '${key}', which AKS requires to be unset with externalTrafficPolicy Local`);
        annotations[key] = null;
      }
    }
    const doc = compact({
      metadata: compact({ labels: s.labels, annotations: Object.keys(annotations).length > 0 ? annotations : undefined }),
      spec: compact({ type: s.type, externalTrafficPolicy: s.externalTrafficPolicy, loadBalancerSourceRanges: s.loadBalancerSourceRanges }),
    });
    if (doc) data.service = yaml(doc);
  }
  if (o.autoscaling) {
    checkAutoscaling(scope, 'autoscaling', o.autoscaling);
    data.horizontalPodAutoscaler = yaml({ spec: autoscalingSpec(o.autoscaling) });
  }
  const p = o.podDisruptionBudget;
  if (p) {
    const min = p.minAvailable;
    if (min !== undefined && !(typeof min === 'number' ? Number.isInteger(min) && min >= 0 : /^\d{1,3}%$/.test(min))) {
      fail(scope, `'podDisruptionBudget.minAvailable' is ${JSON.stringify(min)}; use a whole number or a percentage such as '50%'`);
    }
    const spec = compact({ minAvailable: min, unhealthyPodEvictionPolicy: p.unhealthyPodEvictionPolicy });
    if (spec) data.podDisruptionBudget = yaml({ spec });
  }
  return data;
}

function yaml(doc: Record<string, unknown>): string {
  return stringify(doc);
}

function compact(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(obj).filter(([, v]) => v !== undefined && !(isEmptyRecord(v)));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function isEmptyRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}
