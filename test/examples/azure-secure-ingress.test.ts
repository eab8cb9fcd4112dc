import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdktf';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { exampleProfile } from '../../examples/profile';
import '../azure/support/cdktf-matchers';

// examples/azure/main.ts synthesizes its App when loaded; keep that from writing cdktf.out during the test.
process.env.CDKTF_OUTDIR = mkdtempSync(join(tmpdir(), 'aim-cdktf-'));
jest.spyOn(App.prototype, 'synth').mockImplementation(() => undefined);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MeshStack } = require('../../examples/azure/main') as typeof import('../../examples/azure/main');

describe('examples/azure with the secure ingress Key Vault', () => {
  test('writes the secrets provider add-on, the vault role assignment and the client ID output', () => {
    // GIVEN
    const stack = new MeshStack(Testing.app(), 'aks-istio-mesh');
    // WHEN
    const synthed = Testing.synth(stack, true);
    const json = JSON.parse(synthed) as { output: Record<string, { value: unknown }> };
    // THEN
    expect(synthed).toHaveResourceWithProperties(KubernetesCluster, { key_vault_secrets_provider: { secret_rotation_enabled: true } });
    expect(synthed).toHaveDataSourceWithProperties(DataAzurermKeyVault, { name: exampleProfile.keyVault!.name, resource_group_name: 'rg-aks-istio-mesh-vault' });
    expect(synthed).toHaveResourceWithProperties(RoleAssignment, { principal_type: 'ServicePrincipal' });
    expect(synthed).toContain('4633458b-17de-408a-b874-0445c86b69e6');
    expect(String(json.output.mesh_key_vault_secrets_provider_client_id.value)).toContain('key_vault_secrets_provider[0].secret_identity[0].client_id');
  });
});
