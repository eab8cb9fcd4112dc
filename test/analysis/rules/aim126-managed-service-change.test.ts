import { ManagedServiceChange, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

const service = (name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) =>
  obj('v1', 'Service', 'aks-istio-ingress', name, spec, { metadata: { annotations } });

describe('ManagedServiceChange (AIM126)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN the kept fields only, and a Service AKS does not manage
    const objects = [
      service('aks-istio-ingressgateway-external', { externalTrafficPolicy: 'Local' }, {
        'service.beta.kubernetes.io/azure-pip-name': 'pip', 'service.beta.kubernetes.io/port_80_health-probe_request-path': '/healthz/ready',
      }),
      service('my-gateway', { type: 'LoadBalancer', ports: [{ port: 8080 }] }, { 'example.com/x': 'y' }),
    ];
    // WHEN
    const findings = check(ManagedServiceChange, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN ports, type and an annotation AKS reverts
    const objects = [service('aks-istio-ingressgateway-internal', { type: 'NodePort', ports: [{ port: 8080 }] }, {
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet',
      'service.beta.kubernetes.io/port_8080_health-probe_protocol': 'tcp',
    })];
    // WHEN
    const findings = check(ManagedServiceChange, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM126',
      severity: Severity.WARNING,
      message: 'Service aks-istio-ingress/aks-istio-ingressgateway-internal is the AKS managed ingress Service; AKS reverts annotation service.beta.kubernetes.io/port_8080_health-probe_protocol, spec.type, spec.ports',
    });
    expect(findings).toMatchSnapshot();
  });
});
