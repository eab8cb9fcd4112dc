import { KNOWN_REVISIONS, isRevisionName } from '../revision';
import { ObjectSpec, StringSpec } from './field-check';

/**
 * The mesh profile's fields, one entry each: the single place that says what `MeshProfileProps`
 * (and the JSON `toJson` writes) may hold. Adding a profile field means adding it to
 * `MeshProfileProps` and one entry here; rules across fields stay in `mesh-profile.ts`.
 */

const EGRESS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const KEY_VAULT_OBJECT_NAME = /^[0-9A-Za-z-]+$/;
/** Azure's rule for vault names (VaultNameNotValid, and azurerm's check): no '--' either. */
const KEY_VAULT_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** AKS's limit on egress gateways per cluster. */
export const MAX_EGRESS_GATEWAYS = 500;

/** A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (name.length > 63 || !LABEL_NAME.test(name)) return false;
  if (slash < 0) return true;
  const prefix = key.slice(0, slash);
  return prefix.length <= 253 && EGRESS_NAME.test(prefix);
}

const dnsLabel = (what: string): StringSpec => ({
  type: 'string', minLength: 1, maxLength: 63, test: s => DNS_LABEL.test(s),
  expect: `${what}: a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)`,
});

const keyVaultObjectName = (what: string): StringSpec => ({
  type: 'string', minLength: 1, maxLength: 127, test: s => KEY_VAULT_OBJECT_NAME.test(s),
  expect: `the Key Vault object name of ${what} (1 to 127 letters, digits and '-')`,
});

const guid = (what: string): StringSpec => ({
  type: 'string', minLength: 36, maxLength: 36, test: s => GUID.test(s),
  expect: `${what} (a GUID such as 00000000-0000-0000-0000-000000000000)`,
});

const revision: StringSpec = {
  type: 'string', minLength: 1, maxLength: 16, test: isRevisionName,
  expect: `a revision name of the form asm-1-N (known: ${KNOWN_REVISIONS.map(r => r.revision).join(', ')})`,
};

/** Every field of `MeshProfileProps`. */
export const PROFILE_FIELDS: ObjectSpec = {
  type: 'object',
  fields: {
    revisions: {
      required: true,
      spec: { type: 'array', items: revision, minItems: 1, maxItems: 2, expect: 'at most 2 revisions: one, or two (stable + canary, one or two minors apart) during a canary upgrade' },
    },
    injectionRevision: { spec: revision },
    ingressGateways: {
      spec: { type: 'object', fields: { external: { spec: { type: 'boolean' } }, internal: { spec: { type: 'boolean' } } } },
    },
    egressGateways: {
      spec: {
        type: 'array',
        maxItems: MAX_EGRESS_GATEWAYS,
        expect: `at most ${MAX_EGRESS_GATEWAYS} egress gateways per cluster`,
        items: {
          type: 'object',
          fields: {
            name: {
              required: true,
              spec: {
                type: 'string', minLength: 1, maxLength: 53, test: s => EGRESS_NAME.test(s),
                expect: "an egress gateway name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, for example asm-egress-test)",
              },
            },
            namespace: { spec: dnsLabel('a namespace name') },
            gatewayConfigurationName: { required: true, spec: dnsLabel('the StaticGatewayConfiguration the gateway egresses through') },
            gatewayNodePoolName: {
              required: true,
              spec: {
                type: 'string', minLength: 1, maxLength: 12, test: s => NODE_POOL_NAME.test(s),
                expect: "a node pool of mode Gateway declared in 'gatewayNodePools'",
              },
            },
            selector: {
              spec: {
                type: 'map', minEntries: 1, maxEntries: 64,
                keys: {
                  type: 'string', minLength: 1, maxLength: 317, test: isLabelKey,
                  expect: 'a Kubernetes label key ([prefix/]name, the name at most 63 letters, digits, \'-\', \'_\' and \'.\')',
                },
                values: {
                  type: 'string', maxLength: 63, test: s => LABEL_VALUE.test(s),
                  expect: "a Kubernetes label value (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)",
                },
                expect: 'the labels of the gateway pods; an empty selector would match every gateway pod in the mesh',
              },
            },
          },
        },
      },
    },
    gatewayNodePools: {
      spec: {
        type: 'array',
        maxItems: 100,
        expect: 'at most 100 node pools, the AKS limit per cluster',
        items: {
          type: 'object',
          fields: {
            name: {
              required: true,
              spec: {
                type: 'string', minLength: 1, maxLength: 12, test: s => NODE_POOL_NAME.test(s),
                expect: 'an AKS node pool name (1 to 12 lowercase letters and digits, starting with a letter)',
              },
            },
            publicIpPrefixSize: { spec: { type: 'integer', min: 28, max: 31, expect: 'the public IP prefix length; AKS accepts /28 to /31' } },
          },
        },
      },
    },
    gatewayApi: { spec: { type: 'boolean' } },
    pluginCa: {
      spec: {
        type: 'object',
        fields: {
          keyVaultId: {
            required: true,
            spec: {
              type: 'string', minLength: 1, maxLength: 1024, test: s => s.trim() === s && !/\s/.test(s),
              expect: 'the resource ID of the Key Vault holding the CA objects (/subscriptions/.../vaults/NAME)',
            },
          },
          rootCertObjectName: { required: true, spec: keyVaultObjectName('the root certificate') },
          certChainObjectName: { required: true, spec: keyVaultObjectName('the certificate chain') },
          certObjectName: { required: true, spec: keyVaultObjectName('the intermediate certificate') },
          keyObjectName: { required: true, spec: keyVaultObjectName("the intermediate certificate's key") },
        },
      },
    },
    keyVault: {
      spec: {
        type: 'object',
        fields: {
          name: {
            required: true,
            spec: {
              type: 'string', minLength: 3, maxLength: 24, test: s => KEY_VAULT_NAME.test(s),
              expect: "a Key Vault name Azure accepts: 3 to 24 letters, digits and '-', starting with a letter, ending with a letter "
                + "or digit, without '--' (for example kv-bookinfo-tls)",
            },
          },
          tenantId: { required: true, spec: guid("the vault's tenant ID ('az keyvault show --name <vault> --query properties.tenantId')") },
          secretsProviderClientId: {
            spec: guid('the client ID of the Key Vault secrets provider identity (the cdktf output '
              + "'<id>_key_vault_secrets_provider_client_id', or 'az aks show --query addonProfiles.azureKeyvaultSecretsProvider.identity.clientId')"),
          },
        },
      },
    },
  },
};
