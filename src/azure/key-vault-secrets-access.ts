import { Construct } from 'constructs';
import { Fn, ITerraformDependable, Op } from 'cdktf';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { KeyVaultAccessPolicyA } from '@cdktf/provider-azurerm/lib/key-vault-access-policy';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { fail, show } from './private/validation';

/** How a Key Vault authorizes data-plane access. */
export enum KeyVaultPermissionModel {
  /** Azure RBAC (`enable_rbac_authorization`): a `Key Vault Secrets User` role assignment on the vault. */
  RBAC = 'rbac',
  /** Vault access policies: an access policy with the `Get` secret permission. */
  ACCESS_POLICY = 'accessPolicy',
}

/** Built-in role `Key Vault Secrets User`: read secret contents (certificates are read as secrets). */
export const KEY_VAULT_SECRETS_USER_ROLE_ID = '4633458b-17de-408a-b874-0445c86b69e6';

/** Props for {@link KeyVaultSecretsAccess}. */
export interface KeyVaultSecretsAccessProps {
  /** Name of the existing vault (the profile's `keyVault.name`). */
  readonly keyVaultName: string;
  /** Resource group of the vault. */
  readonly resourceGroupName: string;
  /** Tenant the profile expects the vault in (the profile's `keyVault.tenantId`); checked at plan time. */
  readonly tenantId: string;
  /** Object (principal) ID of the identity that reads the vault. */
  readonly principalId: string;
  /** @default KeyVaultPermissionModel.RBAC */
  readonly permissionModel?: KeyVaultPermissionModel;
  /**
   * Resources the grant waits for.
   * @default - none beyond the references in its attributes
   */
  readonly dependsOn?: ITerraformDependable[];
}

const GUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Lets an identity (the Key Vault secrets provider add-on's, or your own) read the secrets of an existing vault:
 * a `Key Vault Secrets User` role assignment on the vault for RBAC vaults, or an access policy with `Get` on
 * secrets for vaults that use access policies. A precondition fails the plan when the vault's tenant is not the
 * one the mesh profile (and so every SecretProviderClass) names.
 *
 * @see https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access
 * @see https://learn.microsoft.com/azure/aks/istio-secure-gateway
 */
export class KeyVaultSecretsAccess extends Construct {
  /** The vault, looked up by name and resource group. */
  public readonly keyVault: DataAzurermKeyVault;
  /** The role assignment (RBAC vaults). */
  public readonly roleAssignment?: RoleAssignment;
  /** The access policy (access-policy vaults). */
  public readonly accessPolicy?: KeyVaultAccessPolicyA;

  public constructor(scope: Construct, id: string, props: KeyVaultSecretsAccessProps) {
    super(scope, id);
    const model = props.permissionModel ?? KeyVaultPermissionModel.RBAC;
    if (!Object.values(KeyVaultPermissionModel).includes(model)) {
      fail(this, `permissionModel ${show(model)} is not one of ${Object.values(KeyVaultPermissionModel).join(', ')}`);
    }
    if (!props.resourceGroupName) fail(this, "keyVault.resourceGroupName is empty; name the resource group of the vault in the mesh profile");
    if (!GUID_PATTERN.test(props.tenantId)) fail(this, `tenantId ${show(props.tenantId)} is not a GUID`);
    this.keyVault = new DataAzurermKeyVault(this, 'KeyVault', { name: props.keyVaultName, resourceGroupName: props.resourceGroupName });
    const precondition = [{
      condition: Op.eq(this.keyVault.tenantId, props.tenantId),
      errorMessage: `Key Vault '${props.keyVaultName}' is not in tenant ${props.tenantId}, which the mesh profile's keyVault.tenantId names; fix the profile`,
    }];
    if (model === KeyVaultPermissionModel.RBAC) {
      // The vault ID starts /subscriptions/<id>/: the role definition is scoped to the vault's subscription.
      const subscription = Fn.element(Fn.split('/', this.keyVault.id), 2);
      this.roleAssignment = new RoleAssignment(this, 'SecretsUser', {
        scope: this.keyVault.id,
        roleDefinitionId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${KEY_VAULT_SECRETS_USER_ROLE_ID}`,
        principalId: props.principalId,
        principalType: 'ServicePrincipal',
        dependsOn: props.dependsOn,
        lifecycle: { precondition },
      });
    } else {
      this.accessPolicy = new KeyVaultAccessPolicyA(this, 'AccessPolicy', {
        keyVaultId: this.keyVault.id,
        tenantId: props.tenantId,
        objectId: props.principalId,
        secretPermissions: ['Get'],
        dependsOn: props.dependsOn,
        lifecycle: { precondition },
      });
    }
  }
}
