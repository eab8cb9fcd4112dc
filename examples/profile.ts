import { MeshProfile } from '../src/mesh';

/**
 * The example mesh, shared by the cdk8s app (examples/main.ts) and the cdktf app: one revision,
 * both managed ingress gateways, the Gateway API, and one egress gateway with its node pool.
 */
export const exampleProfile = new MeshProfile({
  revisions: ['asm-1-30'],
  ingressGateways: { external: true, internal: true },
  gatewayApi: true,
  gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 31 }],
  egressGateways: [{
    name: 'asm-egress-test',
    namespace: 'aks-istio-egress',
    gatewayConfigurationName: 'asm-egress-test-sgc',
    gatewayNodePoolName: 'gwpool',
    // The value of the `istio` label on Deployment asm-egress-test-asm-1-30; check it with
    // kubectl get deployment asm-egress-test-asm-1-30 -n aks-istio-egress -o jsonpath={.metadata.labels.istio}
    selector: { istio: 'asm-egress-test' },
  }],
});
