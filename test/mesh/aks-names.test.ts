import { AksNames } from '../../src/mesh/aks-names';

describe('AksNames', () => {
  test('spells every AKS-owned name', () => {
    expect(AksNames.sharedMeshConfigName('asm-1-30')).toBe('istio-shared-configmap-asm-1-30');
    expect(AksNames.managedMeshConfigName('asm-1-30')).toBe('istio-asm-1-30');
    expect(AksNames.istiodName('asm-1-30')).toBe('istiod-asm-1-30');
    expect(AksNames.ingressServiceName('internal')).toBe('aks-istio-ingressgateway-internal');
    expect(AksNames.ingressDeploymentName('external', 'asm-1-30')).toBe('aks-istio-ingressgateway-external-asm-1-30');
    expect(AksNames.egressDeploymentName('asm-egress-test', 'asm-1-30')).toBe('asm-egress-test-asm-1-30');
    expect(AksNames.serviceFqdn('a', 'b')).toBe('a.b.svc.cluster.local');
    expect([AksNames.SYSTEM_NAMESPACE, AksNames.INGRESS_NAMESPACE, AksNames.EGRESS_NAMESPACE])
      .toEqual(['aks-istio-system', 'aks-istio-ingress', 'aks-istio-egress']);
  });
});
