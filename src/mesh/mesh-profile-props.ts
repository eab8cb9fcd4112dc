/**
 * A managed egress gateway of the add-on.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-egress
 */
export interface EgressGatewayOptions {
  /**
   * Gateway name: 1 to 53 characters, lowercase DNS subdomain. It is also the ClusterIP Service name.
   */
  readonly name: string;
  /**
   * Namespace of the gateway; it must also hold the StaticGatewayConfiguration.
   * @default 'aks-istio-egress'
   */
  readonly namespace?: string;
  /** Name of the StaticGatewayConfiguration the gateway's pods use. */
  readonly gatewayConfigurationName: string;
  /** Name of the node pool (mode `Gateway`) that carries the static egress IPs; one of `gatewayNodePools`. */
  readonly gatewayNodePoolName: string;
  /**
   * Labels of the gateway pods that Istio `Gateway`s select. AKS does not document the value:
   * read it with `kubectl get deployment <name>-<revision> -n <namespace> -o jsonpath={.metadata.labels.istio}`.
   * @default - `{ istio: <name> }`, reported as a profile warning until you set it explicitly
   */
  readonly selector?: Record<string, string>;
}

/** A node pool of mode `Gateway` for the Static Egress Gateway feature. */
export interface GatewayNodePoolOptions {
  /** Node pool name: 1 to 12 lowercase letters and digits, starting with a letter. */
  readonly name: string;
  /**
   * Size of the public IP prefix the pool's nodes egress from, /28 to /31.
   * @default 31
   */
  readonly publicIpPrefixSize?: number;
}

/**
 * A plugin CA for the mesh, read from Azure Key Vault.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-plugin-ca
 */
export interface PluginCaOptions {
  /** Resource ID of the Key Vault holding the objects. */
  readonly keyVaultId: string;
  /** Key Vault object name of the root certificate. */
  readonly rootCertObjectName: string;
  /** Key Vault object name of the certificate chain. */
  readonly certChainObjectName: string;
  /** Key Vault object name of the intermediate certificate. */
  readonly certObjectName: string;
  /** Key Vault object name of the intermediate certificate's key. */
  readonly keyObjectName: string;
}

/** The managed ingress gateways to enable. */
export interface IngressGatewaysOptions {
  /** @default false */
  readonly external?: boolean;
  /** @default false */
  readonly internal?: boolean;
}

/** A typed description of one AKS Istio mesh. */
export interface MeshProfileProps {
  /**
   * The control plane revisions: one, or two during a canary upgrade (one or two minors apart: AKS upgrades to n+1 or n+2).
   * @example ['asm-1-30']
   */
  readonly revisions: string[];
  /**
   * The revision new namespaces are labelled with (`istio.io/rev`). During a canary upgrade,
   * set it to the new revision when you move workloads over.
   * @default - the lowest revision in `revisions` (the stable one)
   */
  readonly injectionRevision?: string;
  /** @default - no managed ingress gateway */
  readonly ingressGateways?: IngressGatewaysOptions;
  /** @default - no egress gateway */
  readonly egressGateways?: EgressGatewayOptions[];
  /** @default - none */
  readonly gatewayNodePools?: GatewayNodePoolOptions[];
  /**
   * Whether the managed Gateway API CRDs are installed (needs asm-1-26 or later).
   * @default false
   */
  readonly gatewayApi?: boolean;
  /** @default - the add-on's self-signed CA */
  readonly pluginCa?: PluginCaOptions;
  /** @default - no Key Vault for secure ingress certificates */
  readonly keyVault?: KeyVaultOptions;
}

/**
 * The Azure Key Vault that secure ingress certificates come from, and the identity the Key Vault secrets
 * provider add-on reads it with. Both halves read it: the cdktf side grants that identity access to the
 * vault, the cdk8s side writes it into every `SecretProviderClass`.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-secure-gateway
 * @see https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access
 */
export interface KeyVaultOptions {
  /** Vault name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no `--`. */
  readonly name: string;
  /** Microsoft Entra tenant ID (GUID) of the vault. */
  readonly tenantId: string;
  /**
   * Client ID (GUID) of the identity the secrets provider uses: the add-on's own identity
   * (`key_vault_secrets_provider[0].secret_identity[0].client_id`, known after the first apply; the cdktf
   * side prints it as an output and in the `profile_json` output), or your own user-assigned identity on the node pools.
   * @default - unknown: the cdktf side still works; a `KeyVaultCertificate` on the cdk8s side fails until it is set
   */
  readonly secretsProviderClientId?: string;
}
