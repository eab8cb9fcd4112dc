import { Testing } from 'cdk8s';
import { OutboundTrafficPolicyMode } from '../../../src/k8s/aks/shared-mesh-config';
import { Sidecar } from '../../../src/k8s/istio/sidecar';
import { testChart } from '../../support/mesh-chart';

describe('Sidecar', () => {
  test('registryOnly restricts one namespace in one call', () => {
    // GIVEN
    const chart = testChart();
    // WHEN
    const sidecar = Sidecar.registryOnly(chart, 'registry-only', { namespace: 'egress-http' });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: { name: 'default', namespace: 'egress-http' },
      spec: { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } },
    });
    expect(sidecar.outboundTrafficPolicy).toBe(OutboundTrafficPolicyMode.REGISTRY_ONLY);
    expect(sidecar.isNamespaceDefault).toBe(true);
  });

  test('registryOnly takes the chart namespace', () => {
    const chart = testChart(undefined, 'pets');
    Sidecar.registryOnly(chart, 'registry-only');
    expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'default', namespace: 'pets' });
  });

  test('renders workload selector and egress hosts with a port', () => {
    // GIVEN
    const chart = testChart(undefined, 'pets');
    // WHEN
    new Sidecar(chart, 'sc', {
      metadata: { name: 'curl' },
      workloadSelector: { app: 'curl' },
      egress: [{ hosts: ['./edition.cnn.com', 'aks-istio-egress/*'], port: 80, portProtocol: 'HTTP', portName: 'http' }],
      outboundTrafficPolicy: OutboundTrafficPolicyMode.ALLOW_ANY,
    });
    // THEN
    expect(Testing.synth(chart)[0].spec).toEqual({
      workloadSelector: { labels: { app: 'curl' } },
      egress: [{ hosts: ['./edition.cnn.com', 'aks-istio-egress/*'], port: { number: 80, protocol: 'HTTP', name: 'http' } }],
      outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    });
  });

  test('fails when registryOnly has no namespace', () => {
    expect(() => Sidecar.registryOnly(testChart(), 'ro')).toThrow(/\[test\/ro\] has no namespace: a per-namespace REGISTRY_ONLY policy/);
  });

  test('fails when registryOnly gets an invalid namespace', () => {
    expect(() => Sidecar.registryOnly(testChart(), 'ro', { namespace: 'Bad_NS' })).toThrow(/\[test\/ro\] 'metadata.namespace' "Bad_NS" is not a valid namespace name/);
  });

  test('fails when two namespace-wide Sidecars configure one namespace', () => {
    const chart = testChart(undefined, 'pets');
    Sidecar.registryOnly(chart, 'a');
    new Sidecar(chart, 'b', { metadata: { name: 'other' } });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\] another Sidecar without workloadSelector configures namespace 'pets' \(test\/b\)/);
  });

  test('fails when the workload selector is empty', () => {
    expect(() => new Sidecar(testChart(), 'sc', { workloadSelector: {} })).toThrow(/'workloadSelector' has no labels/);
  });

  test('fails when the workload selector has a wildcard', () => {
    expect(() => new Sidecar(testChart(), 'sc', { workloadSelector: { app: 'cu*' } })).toThrow(/'workloadSelector.app' "cu\*": Istio selectors do not support wildcards/);
  });

  test('fails when an egress host lacks the namespace part', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: ['edition.cnn.com'] }] }))
      .toThrow(/'egress\[0\].hosts\[0\]' "edition.cnn.com" is not of the form 'namespace\/host'/);
  });

  test('fails when egress hosts are empty', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: [] }] })).toThrow(/'egress\[0\].hosts' is empty/);
  });

  test('fails when an egress host is listed twice', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: ['*/*', '*/*'] }] })).toThrow(/lists "\*\/\*" twice/);
  });

  test('fails when the egress port is out of range', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: ['*/*'], port: 0 }] })).toThrow(/'egress\[0\].port'/);
  });

  test('fails when a port name is set without a port', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: ['*/*'], portName: 'http' }] })).toThrow(/sets a port name or protocol without 'port'/);
  });

  test('fails when the port name is invalid', () => {
    expect(() => new Sidecar(testChart(), 'sc', { egress: [{ hosts: ['*/*'], port: 80, portName: 'HTTP' }] })).toThrow(/'egress\[0\].portName' "HTTP"/);
  });

  test('fails when the outbound policy is unknown', () => {
    const mode = 'BLOCK' as unknown as OutboundTrafficPolicyMode;
    expect(() => new Sidecar(testChart(), 'sc', { outboundTrafficPolicy: mode })).toThrow(/'outboundTrafficPolicy' "BLOCK" is not one of ALLOW_ANY, REGISTRY_ONLY/);
  });
});
