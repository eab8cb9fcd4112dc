import { Testing } from 'cdktf';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { DataAzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity';
import { KeyVaultAccessPolicyA } from '@cdktf/provider-azurerm/lib/key-vault-access-policy';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ExistingClusterMesh, KeyVaultPermissionModel, MeshCluster } from '../../src/azure';
import { KeyVaultOptions, MeshProfile } from '../../src/mesh';
import { synthJson, testStack } from './support/cdktf-matchers';

const NOW = new Date('2026-09-01T00:00:00Z');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const OBJECT = '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';

function kvProfile(keyVault: Partial<KeyVaultOptions> = {}): MeshProfile {
  return new MeshProfile({
    revisions: ['asm-1-30'], ingressGateways: { external: true },
    keyVault: { name: 'kv-bookinfo-tls', tenantId: TENANT, ...keyVault },
  }, { now: NOW });
}
const base = { name: 'aks-mesh', resourceGroupName: 'rg-mesh', location: 'westeurope' };

describe('MeshCluster with a Key Vault', () => {
  test('enables the secrets provider with rotation, grants Key Vault Secrets User to its identity and outputs the client ID', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new MeshCluster(stack, 'Mesh', { ...base, profile: kvProfile(), keyVault: { resourceGroupName: 'rg-vault' } });
    // THEN
    const synthed = Testing.synth(stack, true);
    expect(synthed).toMatchSnapshot();
    expect(synthed).toHaveResourceWithProperties(KubernetesCluster, { key_vault_secrets_provider: { secret_rotation_enabled: true } });
    expect(synthed).toHaveDataSourceWithProperties(DataAzurermKeyVault, { name: 'kv-bookinfo-tls', resource_group_name: 'rg-vault' });
    const json = synthJson(stack);
    const role = Object.values(json.resource.azurerm_role_assignment)[0];
    expect(role.scope).toBe('${data.azurerm_key_vault.Mesh_KeyVaultAccess_KeyVault_6B07DDF0.id}');
    expect(role.role_definition_id).toBe('/subscriptions/${element(split("/", data.azurerm_key_vault.Mesh_KeyVaultAccess_KeyVault_6B07DDF0.id), 2)}'
      + '/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6');
    expect(role.principal_id).toBe('${azurerm_kubernetes_cluster.Mesh_73A573F6.key_vault_secrets_provider[0].secret_identity[0].object_id}');
    expect(JSON.stringify(role.lifecycle)).toContain(`data.azurerm_key_vault.Mesh_KeyVaultAccess_KeyVault_6B07DDF0.tenant_id == \\"${TENANT}\\"`);
    const outputs = json.output as Record<string, Record<string, unknown>>;
    expect(outputs.mesh_key_vault_secrets_provider_client_id.value)
      .toBe('${azurerm_kubernetes_cluster.Mesh_73A573F6.key_vault_secrets_provider[0].secret_identity[0].client_id}');
    // The profile output carries the client ID known only after apply.
    expect(outputs.mesh_profile_json.value).toContain('secretsProviderClientId');
    expect(outputs.mesh_profile_json.value).toContain('key_vault_secrets_provider[0].secret_identity[0].client_id');
  });

  test('an access-policy vault gets a Get secrets policy instead of a role', () => {
    const stack = testStack();
    new MeshCluster(stack, 'Mesh', {
      ...base, profile: kvProfile(), keyVault: { resourceGroupName: 'rg-vault', permissionModel: KeyVaultPermissionModel.ACCESS_POLICY },
    });
    const synthed = Testing.synth(stack, true);
    expect(synthed).toHaveResourceWithProperties(KeyVaultAccessPolicyA, { tenant_id: TENANT, secret_permissions: ['Get'] });
    expect(synthed).not.toHaveResource(RoleAssignment);
  });

  test('bring your own identity: the grant goes to it and the client ID comes from the profile', () => {
    const stack = testStack();
    new MeshCluster(stack, 'Mesh', {
      ...base, profile: kvProfile({ secretsProviderClientId: CLIENT }), keyVault: { resourceGroupName: 'rg-vault', identityObjectId: OBJECT },
    });
    const json = synthJson(stack);
    expect(Object.values(json.resource.azurerm_role_assignment)[0].principal_id).toBe(OBJECT);
    const outputs = json.output as Record<string, Record<string, unknown>>;
    expect(outputs.mesh_key_vault_secrets_provider_client_id.value).toBe(CLIENT);
    expect(JSON.parse(outputs.mesh_profile_json.value as string).keyVault.secretsProviderClientId).toBe(CLIENT);
  });

  test('a client ID in the profile is checked against the add-on identity at plan time', () => {
    const stack = testStack();
    new MeshCluster(stack, 'Mesh', { ...base, profile: kvProfile({ secretsProviderClientId: CLIENT }), keyVault: { resourceGroupName: 'rg-vault' } });
    const output = (synthJson(stack).output as Record<string, Record<string, unknown>>).mesh_key_vault_secrets_provider_client_id;
    expect(JSON.stringify(output.precondition)).toContain(CLIENT);
  });

  test('fails when keyVault access is asked for without a vault in the profile, or BYO without a client ID', () => {
    const noVault = new MeshProfile({ revisions: ['asm-1-30'] }, { now: NOW });
    expect(() => new MeshCluster(testStack(), 'Mesh', { ...base, profile: noVault, keyVault: { resourceGroupName: 'rg-vault' } }))
      .toThrow("'keyVault' ('rg-vault') is set, but the mesh profile has no keyVault");
    expect(() => new MeshCluster(testStack(), 'Mesh', { ...base, profile: kvProfile(), keyVault: { resourceGroupName: 'rg-vault', identityObjectId: OBJECT } }))
      .toThrow("'keyVault.identityObjectId' brings your own identity, but the profile's keyVault has no secretsProviderClientId");
  });
});

describe('ExistingClusterMesh with a Key Vault', () => {
  test('turns the add-on on through azapi and reads its identity from the node resource group', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new ExistingClusterMesh(stack, 'Mesh', { profile: kvProfile(), clusterName: 'aks-mesh', resourceGroupName: 'rg-mesh', keyVault: { resourceGroupName: 'rg-vault' } });
    // THEN
    const synthed = Testing.synth(stack, true);
    expect(synthed).toHaveDataSourceWithProperties(DataAzurermUserAssignedIdentity, {
      name: 'azurekeyvaultsecretsprovider-${lower(data.azurerm_kubernetes_cluster.Mesh_Cluster_6AC913E2.name)}',
    });
    const json = synthJson(stack);
    const updates = Object.values(json.resource.azapi_update_resource) as { body: { properties: Record<string, unknown> } }[];
    const update = updates.find(u => u.body.properties.serviceMeshProfile !== undefined)!;
    expect(update.body.properties.addonProfiles).toEqual({ azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'true' } } });
    const identity = Object.values(json.data.azurerm_user_assigned_identity)[0];
    expect(identity.depends_on).toEqual(expect.arrayContaining([expect.stringContaining('azapi_update_resource.')]));
    expect(Object.values(json.resource.azurerm_role_assignment)[0].principal_id).toContain('data.azurerm_user_assigned_identity.');
  });
});
