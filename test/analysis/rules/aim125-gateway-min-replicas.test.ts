import { GatewayMinReplicas, Severity } from '../../../src/analysis';
import { check, GWAPI, obj, profile } from '../helpers';

const hpa = (namespace: string, name: string, minReplicas: number) => obj('autoscaling/v2', 'HorizontalPodAutoscaler', namespace, name,
  { minReplicas, maxReplicas: 5, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name } });
const defaults = (minReplicas: number) => obj('v1', 'ConfigMap', 'aks-istio-system', 'istio-gateway-class-defaults', undefined,
  { data: { horizontalPodAutoscaler: `spec:\n  minReplicas: ${minReplicas}\n` } });

describe('GatewayMinReplicas (AIM125)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN managed autoscalers at 2 or more, and an app's own HPA at 1
    const objects = [
      hpa('aks-istio-ingress', 'aks-istio-ingressgateway-external-asm-1-30', 2),
      hpa('aks-istio-egress', 'egress-asm-1-30', 3),
      hpa('shop', 'web', 1),
      defaults(2),
    ];
    // WHEN
    const findings = check(GatewayMinReplicas, objects, profile);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      hpa('aks-istio-ingress', 'aks-istio-ingressgateway-internal-asm-1-30', 1),
      hpa('aks-istio-egress', 'egress-asm-1-30', 1),
      hpa('aks-istio-system', 'istiod-asm-1-30', 1),
      defaults(1),
      obj('v1', 'ConfigMap', 'web', 'gw-options', undefined, { data: { horizontalPodAutoscaler: 'spec:\n  minReplicas: 1\n' } }),
      obj(GWAPI, 'Gateway', 'web', 'gw', { gatewayClassName: 'istio', listeners: [], infrastructure: { parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-options' } } }),
    ];
    // WHEN
    const findings = check(GatewayMinReplicas, objects, profile);
    // THEN
    expect(findings.map(f => `${f.object.kind} ${f.object.name}`)).toEqual([
      'HorizontalPodAutoscaler aks-istio-ingressgateway-internal-asm-1-30',
      'HorizontalPodAutoscaler egress-asm-1-30',
      'HorizontalPodAutoscaler istiod-asm-1-30',
      'ConfigMap istio-gateway-class-defaults',
      'ConfigMap gw-options',
    ]);
    expect(findings[0]).toMatchObject({
      code: 'AIM125',
      severity: Severity.ERROR,
      message: 'HorizontalPodAutoscaler aks-istio-ingress/aks-istio-ingressgateway-internal-asm-1-30 scales an AKS managed deployment with minReplicas 1; AKS allows 2 or more',
    });
    expect(findings).toMatchSnapshot();
  });
});
