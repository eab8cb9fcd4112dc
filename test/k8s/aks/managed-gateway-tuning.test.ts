import { Testing } from 'cdk8s';
import { ExternalTrafficPolicy, ManagedGatewayTuning, MeshNamespace, UnhealthyPodEvictionPolicy } from '../../../src/k8s';
import { findObject, Manifest, testChart, testProfile } from '../../support/mesh-chart';

function spec(m: Manifest): Record<string, unknown> {
  return m.spec as Record<string, unknown>;
}

describe('ManagedGatewayTuning', () => {
  test('renders partial HPAs per revision and gateway, and the allowlisted Service settings', () => {
    // GIVEN a canary profile (two revisions)
    const chart = testChart(testProfile({ revisions: ['asm-1-29', 'asm-1-30'] }));
    // WHEN
    new ManagedGatewayTuning(chart, 'tuning', {
      external: {
        autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 70 },
        service: { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, annotations: { 'service.beta.kubernetes.io/azure-pip-name': 'pip-gw' } },
      },
      internal: { service: { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet', 'service.beta.kubernetes.io/port_443_health-probe_request-path': '/healthz/ready' } } },
      egress: [{ name: 'asm-egress-test', autoscaling: { maxReplicas: 4 } }],
    });
    // THEN
    const objects = Testing.synth(chart);
    expect(objects.map(o => `${String(o.kind)} ${String((o.metadata as { name: string }).name)}`)).toEqual([
      'HorizontalPodAutoscaler aks-istio-ingressgateway-external-asm-1-29',
      'HorizontalPodAutoscaler aks-istio-ingressgateway-external-asm-1-30',
      'Service aks-istio-ingressgateway-external',
      'Service aks-istio-ingressgateway-internal',
      'HorizontalPodAutoscaler asm-egress-test-asm-1-29',
      'HorizontalPodAutoscaler asm-egress-test-asm-1-30',
    ]);
    const hpa = findObject(objects, 'HorizontalPodAutoscaler', 'aks-istio-ingressgateway-external-asm-1-30');
    expect(hpa).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'aks-istio-ingressgateway-external-asm-1-30', namespace: 'aks-istio-ingress' },
      spec: {
        minReplicas: 3,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'aks-istio-ingressgateway-external-asm-1-30' },
      },
    });
    // Only the fields set: no minReplicas or metrics when not given.
    expect(spec(findObject(objects, 'HorizontalPodAutoscaler', 'asm-egress-test-asm-1-29'))).toEqual({
      maxReplicas: 4, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'asm-egress-test-asm-1-29' },
    });
    expect(findObject(objects, 'Service', 'aks-istio-ingressgateway-external')).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'aks-istio-ingressgateway-external', namespace: 'aks-istio-ingress', annotations: { 'service.beta.kubernetes.io/azure-pip-name': 'pip-gw' } },
      spec: { externalTrafficPolicy: 'Local' },
    });
    expect(findObject(objects, 'Service', 'aks-istio-ingressgateway-internal').spec).toBeUndefined();
    expect(ManagedGatewayTuning.applyCommand('dist/tuning.k8s.yaml'))
      .toEqual('kubectl apply --server-side --field-manager=aks-istio-mesh --force-conflicts -f dist/tuning.k8s.yaml');
  });

  test('renders the Gateway API class defaults with the allowlisted fields only', () => {
    const chart = testChart();
    new ManagedGatewayTuning(chart, 'tuning', {
      gatewayClassDefaults: {
        autoscaling: { minReplicas: 3, maxReplicas: 10 },
        podDisruptionBudget: { minAvailable: 2, unhealthyPodEvictionPolicy: UnhealthyPodEvictionPolicy.ALWAYS_ALLOW },
        service: { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL },
        deployment: { podAnnotations: { 'example.com/team': 'platform' } },
      },
    });
    const [cm] = Testing.synth(chart);
    expect(cm.metadata).toEqual({ name: 'istio-gateway-class-defaults', namespace: 'aks-istio-system', labels: { 'gateway.istio.io/defaults-for-class': 'istio' } });
    expect(cm.data).toEqual({
      horizontalPodAutoscaler: 'spec:\n  minReplicas: 3\n  maxReplicas: 10\n',
      podDisruptionBudget: 'spec:\n  minAvailable: 2\n  unhealthyPodEvictionPolicy: AlwaysAllow\n',
      service: 'metadata:\n  annotations:\n    service.beta.kubernetes.io/port_80_health-probe_port: null\n'
        + '    service.beta.kubernetes.io/port_80_health-probe_protocol: null\n'
        + '    service.beta.kubernetes.io/port_80_health-probe_request-path: null\nspec:\n  externalTrafficPolicy: Local\n',
      deployment: 'spec:\n  template:\n    metadata:\n      annotations:\n        example.com/team: platform\n',
    });
  });

  test('fails when minReplicas is below 2 or maxReplicas below minReplicas', () => {
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { external: { autoscaling: { minReplicas: 1, maxReplicas: 5 } } }))
      .toThrow("[test/tuning] 'external.autoscaling.minReplicas' is 1; AKS refuses fewer than 2 replicas for a gateway (it keeps a PodDisruptionBudget), use 2 or more");
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { internal: { autoscaling: { minReplicas: 4, maxReplicas: 3 } } }))
      .toThrow("'internal.autoscaling.maxReplicas' is 3; it must be a whole number of at least minReplicas (4)");
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { gatewayClassDefaults: { autoscaling: { minReplicas: 1, maxReplicas: 3 } } }))
      .toThrow("'autoscaling.minReplicas' is 1");
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { external: { autoscaling: { maxReplicas: 5, cpuUtilization: 0 } } }))
      .toThrow("'external.autoscaling.cpuUtilization' is 0; use a whole percentage from 1 to 100");
  });

  test('fails on a Service annotation AKS reverts, listing what AKS keeps', () => {
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', {
      external: { service: { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/port_8080_health-probe_protocol': 'tcp' } } },
    })).toThrow(/'external.service.annotations' has 'service.beta.kubernetes.io\/azure-load-balancer-internal', 'service.beta.kubernetes.io\/port_8080_health-probe_protocol', which AKS reverts on the managed Service aks-istio-ingressgateway-external; AKS keeps only annotations external-dns.alpha.kubernetes.io\/hostname, .*service.beta.kubernetes.io\/azure-pip-name.*and spec.externalTrafficPolicy/);
  });

  test('fails when it sets nothing', () => {
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', {})).toThrow("[test/tuning] sets nothing: give at least one of 'external'");
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { external: { service: {} } })).toThrow("[test/tuning] 'external' sets nothing");
  });

  test('fails on a gateway the profile does not have', () => {
    expect(() => new ManagedGatewayTuning(testChart(testProfile({ ingressGateways: { external: true } })), 'tuning', { internal: { autoscaling: { maxReplicas: 5 } } }))
      .toThrow("[test/tuning] 'internal': The mesh profile does not enable the internal ingress gateway");
    expect(() => new ManagedGatewayTuning(testChart(), 'tuning', { egress: [{ name: 'other', autoscaling: { maxReplicas: 5 } }] }))
      .toThrow("[test/tuning] 'egress[0]': The mesh profile declares no egress gateway 'other'");
    expect(() => new ManagedGatewayTuning(testChart(testProfile({ gatewayApi: false })), 'tuning', { gatewayClassDefaults: { autoscaling: { maxReplicas: 5 } } }))
      .toThrow("'gatewayClassDefaults' needs the Gateway API");
  });

  test('fails when its chart holds other objects', () => {
    const chart = testChart();
    new ManagedGatewayTuning(chart, 'tuning', { external: { autoscaling: { maxReplicas: 5 } } });
    new MeshNamespace(chart, 'ns', { name: 'shop' });
    expect(() => Testing.synth(chart)).toThrow(/the chart holding ManagedGatewayTuning also holds Namespace shop; put the tuning in a chart of its own/);
  });
});
