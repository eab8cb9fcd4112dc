import { Construct } from 'constructs';
import { FluxGitOps, GitReference, MeshCluster } from '../../src/azure';

/**
 * GitOps delivery of the cdk8s side: the AKS Flux extension applies `dist/` (with the `kustomization.yaml`
 * MeshApp writes) from this repository's main branch, so one profile builds the cluster and what runs on it.
 */
export function deliverDistWithFlux(scope: Construct, mesh: MeshCluster): FluxGitOps {
  return new FluxGitOps(scope, 'GitOps', {
    clusterId: mesh.cluster.id,
    repositoryUrl: 'https://github.com/contoso/aks-istio-mesh-platform',
    reference: GitReference.branch('main'),
    path: 'dist',
  });
}
