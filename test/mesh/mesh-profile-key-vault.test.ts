import { MeshProfile } from '../../src/mesh/mesh-profile';
import { KeyVaultOptions } from '../../src/mesh/mesh-profile-props';
import { TEST_NOW } from '../support/mesh-chart';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const CLIENT = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const build = (keyVault: unknown) => () => new MeshProfile({ revisions: ['asm-1-30'], keyVault: keyVault as KeyVaultOptions }, { now: TEST_NOW });

describe('MeshProfile keyVault', () => {
  test('carries the vault, tenant and client ID through toJson and fromJson', () => {
    // GIVEN
    const profile = build({ name: 'kv-bookinfo-tls', tenantId: TENANT, secretsProviderClientId: CLIENT })();
    // WHEN
    const again = MeshProfile.fromJson(JSON.parse(JSON.stringify(profile.toJson())), { now: TEST_NOW });
    // THEN
    expect(profile.toJson().keyVault).toEqual({ name: 'kv-bookinfo-tls', tenantId: TENANT, secretsProviderClientId: CLIENT });
    expect(again.keyVault).toEqual({ name: 'kv-bookinfo-tls', tenantId: TENANT, secretsProviderClientId: CLIENT });
  });

  test('accepts a vault without a client ID yet (known after the first apply)', () => {
    expect(build({ name: 'abc', tenantId: TENANT })().keyVault?.secretsProviderClientId).toBeUndefined();
  });

  test.each([
    ['ab', 'too short'],
    ['a'.repeat(25), 'too long'],
    ['1vault', 'starts with a digit'],
    ['vault-', 'ends with a hyphen'],
    ['my--vault', 'consecutive hyphens'],
    ['my_vault', 'underscore'],
  ])('fails when the vault name is %j (%s)', name => {
    expect(build({ name, tenantId: TENANT })).toThrow(/\$\.keyVault\.name: .*a Key Vault name Azure accepts: 3 to 24 letters, digits and '-', starting with a letter/);
  });

  test('accepts the longest and shortest valid names', () => {
    expect(build({ name: `a${'b-'.repeat(11)}c`, tenantId: TENANT })().keyVault?.name).toHaveLength(24);
    expect(build({ name: 'kv1', tenantId: TENANT })().keyVault?.name).toBe('kv1');
  });

  test('fails when the tenant or client ID is not a GUID', () => {
    expect(build({ name: 'kv1', tenantId: 'contoso.onmicrosoft.com' })).toThrow(/\$\.keyVault\.tenantId: .*the vault's tenant ID .*a GUID/);
    expect(build({ name: 'kv1', tenantId: TENANT, secretsProviderClientId: 'abc' }))
      .toThrow(/\$\.keyVault\.secretsProviderClientId: .*the client ID of the Key Vault secrets provider identity/);
  });

  test('fromJson fails on unknown or malformed keyVault fields', () => {
    expect(() => MeshProfile.fromJson({ revisions: ['asm-1-30'], keyVault: { name: 'kv1', tenantId: TENANT, clientId: CLIENT } }))
      .toThrow('$.keyVault.clientId: unknown field "clientId"');
    expect(() => MeshProfile.fromJson({ revisions: ['asm-1-30'], keyVault: 'kv1' })).toThrow('$.keyVault: must be an object with the fields name, tenantId, secretsProviderClientId');
    expect(() => MeshProfile.fromJson({ revisions: ['asm-1-30'], keyVault: { name: 'kv1' } })).toThrow('$.keyVault.tenantId: is required');
  });
});
