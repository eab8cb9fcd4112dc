import { Manifest } from '../analysis/finding';

/** kustomize's own files (`kustomization.yaml`: Kustomization, Component): build instructions, never applied to a cluster. */
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io/';

/** The documents a command read: how many are Kubernetes objects, and what it says about the others. */
export interface DocumentCounts {
  readonly objects: number;
  /**
   * `2 document(s) without apiVersion/kind and 1 kustomize file ignored`, or undefined when every document is an object.
   */
  readonly ignored?: string;
}

/**
 * Counts the Kubernetes objects among `manifests`. Folders hold other JSON and YAML too (cdk8s's
 * construct-metadata.json, the kustomization.yaml `cdk8s synth` writes to dist/): those are named as ignored
 * rather than counted, so `N objects` is what a `kubectl apply` of the same files would create.
 */
export function countDocuments(manifests: readonly Manifest[]): DocumentCounts {
  let objects = 0;
  let kustomize = 0;
  for (const { object } of manifests) {
    if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') continue;
    if (object.apiVersion.startsWith(KUSTOMIZE_GROUP)) kustomize++;
    else objects++;
  }
  const withoutKind = manifests.length - objects - kustomize;
  const parts = [
    ...(withoutKind > 0 ? [`${withoutKind} document(s) without apiVersion/kind`] : []),
    ...(kustomize > 0 ? [`${kustomize} kustomize file${kustomize === 1 ? '' : 's'}`] : []),
  ];
  return parts.length > 0 ? { objects, ignored: `${parts.join(' and ')} ignored` } : { objects };
}
