import { Construct } from 'constructs';
import { Token } from 'cdktf';
import { KubernetesClusterExtension } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-extension';
import { KubernetesFluxConfiguration } from '@cdktf/provider-azurerm/lib/kubernetes-flux-configuration';
import { GitReference } from './git-reference';
import { fail, isIntegerIn, show } from './private/validation';

/** Options for {@link FluxGitOps}. */
export interface FluxGitOpsProps {
  /** ARM ID of the AKS cluster (`MeshCluster.cluster.id`). */
  readonly clusterId: string;
  /** URL of the Git repository that holds the synthesized folder: `https://`, `http://`, `ssh://` or `git@`. */
  readonly repositoryUrl: string;
  /**
   * What Flux follows in the repository.
   * @default GitReference.branch('main')
   */
  readonly reference?: GitReference;
  /**
   * Folder in the repository that holds the cdk8s output with its `kustomization.yaml` (as `MeshApp` writes it).
   * @default 'dist'
   */
  readonly path?: string;
  /**
   * Name of the Flux configuration and of its one kustomization (1 to 30 lowercase letters, digits and `-`).
   * @default 'aks-istio-mesh'
   */
  readonly name?: string;
  /**
   * Namespace of the Flux configuration's GitRepository and Kustomization objects.
   * @default 'flux-system'
   */
  readonly namespace?: string;
  /**
   * Kubernetes Secret in `namespace` with the repository credentials (Flux `local_auth_reference`).
   * @default - none: a public repository
   */
  readonly credentialsSecretName?: string;
  /**
   * Seconds between checks of the repository and re-applies of the folder.
   * @default 600
   */
  readonly syncIntervalSeconds?: number;
  /**
   * Delete objects from the cluster when they disappear from the folder (Flux prune).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Install the `microsoft.flux` cluster extension. Set to false when the cluster already has it (one per cluster).
   * @default true
   */
  readonly installExtension?: boolean;
}

const NAME = /^[a-z\d]([-a-z\d]{0,28}[a-z\d])?$/;
const NAMESPACE = /^[a-z\d]([-a-z\d]{0,61}[a-z\d])?$/;
const URL_PREFIXES = ['https://', 'http://', 'ssh://', 'git@'];
const MAX_INTERVAL_SECONDS = 35791394;

/**
 * Delivers the cdk8s output through the AKS GitOps extension: Flux watches the repository path holding `dist/`
 * and applies its `kustomization.yaml`, so the profile that built the cluster also drives what runs on it.
 *
 * Creates the `microsoft.flux` cluster extension (`azurerm_kubernetes_cluster_extension`) and a cluster-scoped
 * `azurerm_kubernetes_flux_configuration` with one kustomization for the folder. Cluster scope because the
 * folder holds Namespaces and other cluster-scoped objects.
 *
 * @see https://learn.microsoft.com/azure/azure-arc/kubernetes/tutorial-use-gitops-flux2
 */
export class FluxGitOps extends Construct {
  /** The Flux extension, when this construct installs it. */
  public readonly extension?: KubernetesClusterExtension;
  /** The Flux configuration (escape hatch). */
  public readonly configuration: KubernetesFluxConfiguration;
  /** The repository path Flux applies, as Flux reads it (`./dist`). */
  public readonly path: string;

  public constructor(scope: Construct, id: string, props: FluxGitOpsProps) {
    super(scope, id);
    const name = props.name ?? 'aks-istio-mesh';
    const namespace = props.namespace ?? 'flux-system';
    const reference = props.reference ?? GitReference.branch('main');
    const interval = props.syncIntervalSeconds ?? 600;
    if (!NAME.test(name)) {
      fail(this, `name ${show(name)} must be 1 to 30 lowercase letters, digits and '-', starting and ending with a letter or digit (for example 'aks-istio-mesh')`);
    }
    if (!NAMESPACE.test(namespace)) {
      fail(this, `namespace ${show(namespace)} must be a DNS label of at most 63 characters (for example 'flux-system')`);
    }
    if (!Token.isUnresolved(props.repositoryUrl) && !URL_PREFIXES.some(p => props.repositoryUrl.startsWith(p))) {
      fail(this, `repositoryUrl ${show(props.repositoryUrl)} must start with ${URL_PREFIXES.join(', ')} (for example 'https://github.com/contoso/mesh')`);
    }
    if (!Token.isUnresolved(reference.value) && reference.value.trim() === '') {
      fail(this, `reference: the ${reference.type} must not be empty (for example GitReference.branch('main'))`);
    }
    if (props.credentialsSecretName !== undefined && !NAMESPACE.test(props.credentialsSecretName)) {
      fail(this, `credentialsSecretName ${show(props.credentialsSecretName)} must be 1 to 63 lowercase letters, digits and '-'`);
    }
    if (!isIntegerIn(interval, 1, MAX_INTERVAL_SECONDS)) {
      fail(this, `syncIntervalSeconds ${show(interval)} must be a whole number from 1 to ${MAX_INTERVAL_SECONDS}`);
    }
    this.path = fluxPath(this, props.path ?? 'dist');

    if (props.installExtension ?? true) {
      this.extension = new KubernetesClusterExtension(this, 'Extension', {
        name: 'flux',
        clusterId: props.clusterId,
        extensionType: 'microsoft.flux',
      });
    }
    this.configuration = new KubernetesFluxConfiguration(this, 'Configuration', {
      name,
      clusterId: props.clusterId,
      namespace,
      scope: 'cluster',
      gitRepository: {
        url: props.repositoryUrl,
        referenceType: reference.type,
        referenceValue: reference.value,
        localAuthReference: props.credentialsSecretName,
        syncIntervalInSeconds: interval,
      },
      kustomizations: [{
        name,
        path: this.path,
        syncIntervalInSeconds: interval,
        garbageCollectionEnabled: props.prune ?? true,
      }],
      dependsOn: this.extension ? [this.extension] : undefined,
    });
  }
}

/** `dist`, `./dist/` or `clusters/prod/dist` as Flux wants it (`./dist`); absolute paths and `..` fail. */
function fluxPath(scope: Construct, raw: string): string {
  const parts = raw.split('/').filter(p => p !== '' && p !== '.');
  if (raw.startsWith('/') || raw.includes('\\') || parts.includes('..') || parts.length === 0) {
    fail(scope, `path ${show(raw)} must be a folder inside the repository, relative to its root (for example 'dist' or 'clusters/prod/dist')`);
  }
  return `./${parts.join('/')}`;
}
