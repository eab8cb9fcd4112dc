import { MeshProfile } from '../src/mesh';

/**
 * The example mesh, shared by the cdk8s app (examples/main.ts) and the cdktf app: one revision,
 * both managed ingress gateways, the Gateway API, one egress gateway with its node pool, and the Key Vault
 * that secure ingress certificates come from.
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
  // Secure ingress certificates (examples/secure-ingress.ts). Use your own values: the vault's tenant
  // ('az keyvault show --name <vault> --query properties.tenantId') and the client ID the cdktf app outputs as
  // mesh_key_vault_secrets_provider_client_id after the first deploy (the deploy fails while they differ).
  keyVault: {
    name: 'kv-aks-istio-mesh',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    secretsProviderClientId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  },
});
