import { Duration, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { AccessLogEncoding, OutboundTrafficPolicyMode, SharedMeshConfig } from '../../../src/k8s/aks/shared-mesh-config';
import { collectWarnings } from '../../../src/k8s/private/warnings';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { Manifest, TEST_NOW, testChart } from '../../support/mesh-chart';

const mesh = (cm: Manifest) => parse((cm.data as { mesh: string }).mesh);

describe('SharedMeshConfig', () => {
  test('writes istio-shared-configmap-<revision> in aks-istio-system for every revision', () => {
    // GIVEN a canary profile
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'] }, { now: TEST_NOW }));
    // WHEN
    new SharedMeshConfig(chart, 'mesh', { outboundTrafficPolicy: OutboundTrafficPolicyMode.REGISTRY_ONLY });
    // THEN
    const objs = Testing.synth(chart);
    expect(objs).toMatchSnapshot();
    expect(objs.map(o => o.metadata)).toEqual([
      { name: 'istio-shared-configmap-asm-1-29', namespace: 'aks-istio-system' },
      { name: 'istio-shared-configmap-asm-1-30', namespace: 'aks-istio-system' },
    ]);
    expect(objs[0].data).toEqual({ mesh: 'outboundTrafficPolicy:\n  mode: REGISTRY_ONLY' });
  });

  test('renders access logging, discovery selectors and proxy defaults', () => {
    const chart = testChart();
    const config = new SharedMeshConfig(chart, 'mesh', {
      accessLogFile: '/dev/stdout',
      accessLogEncoding: AccessLogEncoding.JSON,
      discoverySelectors: [{ 'istio-discovery': 'enabled' }],
      proxyDefaults: { holdApplicationUntilProxyStarts: true, terminationDrainDuration: Duration.seconds(30) },
    });
    expect(mesh(Testing.synth(chart)[0])).toEqual({
      accessLogFile: '/dev/stdout',
      accessLogEncoding: 'JSON',
      discoverySelectors: [{ matchLabels: { 'istio-discovery': 'enabled' } }],
      defaultConfig: { holdApplicationUntilProxyStarts: true, terminationDrainDuration: '30s' },
    });
    expect(config.meshConfig.accessLogFile).toBe('/dev/stdout');
  });

  test('writes an empty document when nothing is set', () => {
    const chart = testChart();
    new SharedMeshConfig(chart, 'mesh');
    expect(Testing.synth(chart)[0].data).toEqual({ mesh: '{}' });
  });

  test('warns on allowed-but-unsupported fields and concurrency 0', () => {
    const chart = testChart();
    new SharedMeshConfig(chart, 'mesh', { additionalFields: { trustDomain: 'corp.example' }, proxyDefaults: { concurrency: 0 } });
    expect(collectWarnings(chart)).toEqual([
      expect.stringContaining("'defaultConfig.concurrency: 0' makes Envoy use every CPU core"),
      expect.stringContaining("'trustDomain' is allowed by AKS but outside its support scope"),
    ]);
  });

  test('points the Kubernetes Ingress controller at a managed gateway, with the istio IngressClass', () => {
    const chart = testChart();
    const config = new SharedMeshConfig(chart, 'mesh');
    config.useForKubernetesIngress(IngressGatewayType.INTERNAL);
    config.useForKubernetesIngress(IngressGatewayType.INTERNAL);
    const objs = Testing.synth(chart);
    expect(mesh(objs[0])).toEqual({ ingressService: 'aks-istio-ingressgateway-internal', ingressSelector: 'aks-istio-ingressgateway-internal' });
    expect(objs[1]).toEqual({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'istio' }, spec: { controller: 'istio.io/ingress-controller' } });
    expect(config.kubernetesIngressGateway).toBe(IngressGatewayType.INTERNAL);
  });

  test('fails when Kubernetes Ingress is asked of two gateways', () => {
    const config = new SharedMeshConfig(testChart(), 'mesh');
    config.useForKubernetesIngress(IngressGatewayType.EXTERNAL);
    expect(() => config.useForKubernetesIngress(IngressGatewayType.INTERNAL)).toThrow('Kubernetes Ingress is already served by the external ingress gateway');
  });

  test('fails when a field AKS blocks is set', () => {
    expect(() => new SharedMeshConfig(testChart(), 'mesh', { additionalFields: { configSources: [] } }))
      .toThrow("[test/mesh] MeshConfig field 'configSources' is blocked by the AKS add-on");
  });

  test('fails when a typed field is repeated in additionalFields or concurrency is negative', () => {
    expect(() => new SharedMeshConfig(testChart(), 'mesh', { accessLogFile: '/dev/stdout', additionalFields: { accessLogFile: '/tmp/x' } }))
      .toThrow("'additionalFields' repeats 'accessLogFile'");
    expect(() => new SharedMeshConfig(testChart(), 'mesh', { proxyDefaults: { concurrency: -1 } })).toThrow("'proxyDefaults.concurrency' must be a whole number");
  });
});
