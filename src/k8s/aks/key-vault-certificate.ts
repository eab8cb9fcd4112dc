import { Construct } from 'constructs';
import * as k8s from '../../../imports/k8s';
import { AksNames } from '../../mesh/aks-names';
import { KeyVaultOptions } from '../../mesh/mesh-profile-props';
import { MeshChart } from '../mesh-chart';
import { checkNamespaceName, checkObjectName, fail } from '../private/validation';
import { SecretProviderClass, SyncedSecretData, SyncedSecretOptions, SyncedSecretType } from '../secrets-store/secret-provider-class';
import { ITlsCredential } from '../tls-credential';

/** Key Vault object names: 1 to 127 letters, digits and hyphens. */
const OBJECT_NAME_PATTERN = /^[0-9A-Za-z-]{1,127}$/;

/** Names of the two Key Vault secrets of `KeyVaultTlsSource.keyAndCertificate`. */
export interface KeyAndCertificateObjects {
  /** Key Vault secret with the PEM private key (`tls.key`). */
  readonly keyObjectName: string;
  /** Key Vault secret with the PEM certificate or chain (`tls.crt`). */
  readonly certificateObjectName: string;
}

/**
 * Where the certificate and its private key are in Azure Key Vault.
 *
 * @example KeyVaultTlsSource.certificate('bookinfo-tls')
 * @see https://learn.microsoft.com/azure/aks/csi-secrets-store-configuration-options
 */
export abstract class KeyVaultTlsSource {
  /**
   * A Key Vault certificate object. It is read as `objectType: secret`, which returns the private key and
   * the certificate chain as PEM; the CSI driver splits them into `tls.key` and `tls.crt`.
   */
  public static certificate(objectName: string): KeyVaultTlsSource {
    return new SecretObjects([{ objectName, alias: objectName, keys: ['tls.key', 'tls.crt'] }]);
  }

  /** Two Key Vault secrets holding the PEM private key and the PEM certificate (chain), as in the AKS guide. */
  public static keyAndCertificate(options: KeyAndCertificateObjects): KeyVaultTlsSource {
    return new SecretObjects([
      { objectName: options.keyObjectName, alias: options.keyObjectName, keys: ['tls.key'] },
      { objectName: options.certificateObjectName, alias: options.certificateObjectName, keys: ['tls.crt'] },
    ]);
  }

  /** @internal */
  public abstract readonly _objects: readonly KeyVaultObjectUse[];
}

/** @internal */
export interface KeyVaultObjectUse {
  readonly objectName: string;
  readonly alias: string;
  readonly keys: readonly string[];
}

class SecretObjects extends KeyVaultTlsSource {
  public constructor(public readonly _objects: readonly KeyVaultObjectUse[]) {
    super();
  }
}

/** Props for `KeyVaultCertificate`. */
export interface KeyVaultCertificateProps {
  /** Name of the TLS Secret to create: the gateways' `credentialName` / `certificateRefs`. */
  readonly secretName: string;
  /** The certificate and key in the profile's Key Vault. */
  readonly source: KeyVaultTlsSource;
  /**
   * Key Vault secret holding the PEM CA certificate (or bundle) that client certificates are verified with, for
   * `ServerTls.mutual`. It is synced as key `ca.crt` of a second, Opaque Secret `<secretName>-cacert`, where Istio
   * looks for the CA of a credential: the CSI driver refuses keys other than `tls.crt` and `tls.key` in a
   * `kubernetes.io/tls` Secret.
   * @default - no CA: the credential works for SIMPLE only
   */
  readonly caCertificateObjectName?: string;
  /**
   * Namespace of the SecretProviderClass, the Secret and the sync Deployment. Istio reads a gateway's
   * credential from the gateway workload's namespace.
   * @default 'aks-istio-ingress'
   */
  readonly namespace?: string;
  /**
   * Name of the SecretProviderClass.
   * @default - `<secretName>-spc`
   */
  readonly secretProviderClassName?: string;
  /**
   * Name of the Deployment that mounts the CSI volume so the Secret is synced (and kept rotated).
   * @default - `<secretName>-sync`
   */
  readonly syncDeploymentName?: string;
  /**
   * Image of the sync pod (it only sleeps).
   * @default 'mcr.microsoft.com/oss/busybox/busybox:1.33.1'
   */
  readonly syncImage?: string;
}

/**
 * A TLS Secret for the AKS managed ingress gateways, synced from Azure Key Vault by the Key Vault secrets
 * provider add-on: a `SecretProviderClass` (provider `azure`, the add-on identity, vault and tenant from
 * the mesh profile) whose `secretObjects` create a `kubernetes.io/tls` Secret (plus `<secretName>-cacert` with
 * `ca.crt` for MUTUAL), and a small Deployment that
 * mounts the CSI volume, since the driver only syncs (and rotates) the Secret while a pod mounts it.
 *
 * Pass it to `ServerTls.simple/mutual`, `ListenerTls.terminate` or `IngressVia` so the Secret name is
 * never typed twice.
 *
 * @example
 * const cert = new KeyVaultCertificate(chart, 'cert', {
 *   secretName: 'productpage-credential',
 *   source: KeyVaultTlsSource.certificate('productpage-bookinfo'),
 * });
 * @see https://learn.microsoft.com/azure/aks/istio-secure-gateway
 */
export class KeyVaultCertificate extends Construct implements ITlsCredential {
  public readonly secretProviderClass: SecretProviderClass;
  /** The Deployment that mounts the CSI volume. */
  public readonly syncDeployment: k8s.KubeDeployment;
  public readonly credentialName: string;
  public readonly credentialNamespace: string;
  public readonly hasCaCertificate: boolean;
  /** The vault the objects are read from (from the profile). */
  public readonly keyVault: Required<KeyVaultOptions>;

  public constructor(scope: Construct, id: string, props: KeyVaultCertificateProps) {
    super(scope, id);
    const keyVault = MeshChart.of(this).profile.keyVault;
    if (!keyVault) {
      fail(this, "the mesh profile has no 'keyVault'; set keyVault: { name, tenantId, secretsProviderClientId } in the profile");
    }
    if (!keyVault.secretsProviderClientId) {
      fail(this, `the mesh profile's keyVault '${keyVault.name}' has no 'secretsProviderClientId'; after the cdktf apply, `
        + "copy the '<id>_key_vault_secrets_provider_client_id' output into the profile (or load the '<id>_profile_json' output with MeshProfile.fromJson)");
    }
    this.keyVault = { name: keyVault.name, tenantId: keyVault.tenantId, secretsProviderClientId: keyVault.secretsProviderClientId };
    if (typeof props.secretName !== 'string' || props.secretName === '') fail(this, "'secretName' is empty; name the TLS Secret the gateways read");
    checkObjectName(this, 'secretName', props.secretName);
    checkNamespaceName(this, 'namespace', props.namespace);
    checkObjectName(this, 'secretProviderClassName', props.secretProviderClassName);
    checkObjectName(this, 'syncDeploymentName', props.syncDeploymentName);
    if (!props.source) fail(this, "'source' is missing; use KeyVaultTlsSource.certificate(objectName) or .keyAndCertificate(...)");

    const objects: KeyVaultObjectUse[] = [...props.source._objects];
    objects.forEach(o => checkKeyVaultObjectName(this, 'source', o.objectName));
    const ca: KeyVaultObjectUse | undefined = props.caCertificateObjectName === undefined ? undefined
      : { objectName: props.caCertificateObjectName, alias: `${props.caCertificateObjectName}-ca`, keys: ['ca.crt'] };
    if (ca) checkKeyVaultObjectName(this, 'caCertificateObjectName', ca.objectName);

    const namespace = props.namespace ?? AksNames.INGRESS_NAMESPACE;
    this.credentialName = props.secretName;
    this.credentialNamespace = namespace;
    this.hasCaCertificate = props.caCertificateObjectName !== undefined;
    const spcName = props.secretProviderClassName ?? `${props.secretName}-spc`;
    const data: SyncedSecretData[] = objects.flatMap(o => o.keys.map(key => ({ objectName: o.alias, key })));
    const secretObjects: SyncedSecretOptions[] = [{ secretName: props.secretName, type: SyncedSecretType.TLS, data }];
    if (ca) {
      // Istio reads a credential's CA from `<credentialName>-cacert` when the credential itself has none.
      secretObjects.push({ secretName: `${props.secretName}-cacert`, type: SyncedSecretType.OPAQUE, data: [{ objectName: ca.alias, key: 'ca.crt' }] });
    }

    this.secretProviderClass = new SecretProviderClass(this, 'SecretProviderClass', {
      metadata: { name: spcName, namespace },
      provider: 'azure',
      parameters: {
        usePodIdentity: 'false',
        useVMManagedIdentity: 'true',
        userAssignedIdentityID: this.keyVault.secretsProviderClientId,
        keyvaultName: this.keyVault.name,
        tenantId: this.keyVault.tenantId,
        objects: renderObjects(ca ? [...objects, ca] : objects),
      },
      secretObjects,
    });

    // Label values stop at 63 characters; Secret names may be longer.
    const instance = props.secretName.slice(0, 63).replace(/[-.]+$/, '');
    const labels = { 'app.kubernetes.io/name': 'secrets-store-sync', 'app.kubernetes.io/instance': instance };
    this.syncDeployment = new k8s.KubeDeployment(this, 'SyncDeployment', {
      metadata: { name: props.syncDeploymentName ?? `${props.secretName}-sync`, namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          // No sidecar: the pod serves nothing, it only keeps the CSI volume (and so the synced Secret) alive.
          metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534 },
            containers: [{
              name: 'sync',
              image: props.syncImage ?? 'mcr.microsoft.com/oss/busybox/busybox:1.33.1',
              command: ['/bin/sh', '-c', 'trap "exit 0" TERM; while true; do sleep 3600 & wait; done'],
              resources: {
                requests: { cpu: k8s.Quantity.fromString('5m'), memory: k8s.Quantity.fromString('16Mi') },
                limits: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('32Mi') },
              },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              volumeMounts: [{ name: 'secrets-store', mountPath: '/mnt/secrets-store', readOnly: true }],
            }],
            volumes: [{
              name: 'secrets-store',
              csi: {
                driver: SecretProviderClass.CSI_DRIVER,
                readOnly: true,
                volumeAttributes: { secretProviderClass: spcName },
              },
            }],
          },
        },
      },
    });
  }
}

function checkKeyVaultObjectName(scope: Construct, field: string, name: string): void {
  if (typeof name !== 'string' || !OBJECT_NAME_PATTERN.test(name)) {
    fail(scope, `'${field}' Key Vault object name ${JSON.stringify(name)} is not valid: use 1 to 127 letters, digits and '-' `
      + "(the name shown by 'az keyvault certificate list' or 'az keyvault secret list')");
  }
}

/** The azure provider's `objects` parameter: a YAML document whose `array` items are YAML strings. */
function renderObjects(objects: readonly KeyVaultObjectUse[]): string {
  const seen = new Set<string>();
  const lines = ['array:'];
  for (const o of objects) {
    if (seen.has(o.alias)) continue;
    seen.add(o.alias);
    lines.push('  - |', `    objectName: ${o.objectName}`, '    objectType: secret', `    objectAlias: ${o.alias}`);
  }
  return `${lines.join('\n')}\n`;
}
