import { TerraformVariable, Testing } from 'cdktf';
import { KubernetesClusterExtension } from '@cdktf/provider-azurerm/lib/kubernetes-cluster-extension';
import { KubernetesFluxConfiguration } from '@cdktf/provider-azurerm/lib/kubernetes-flux-configuration';
import { FluxGitOps, FluxGitOpsProps, GitReference } from '../../src/azure';
import { onlyResource, synthJson, testStack } from './support/cdktf-matchers';

const CLUSTER_ID = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const base: FluxGitOpsProps = { clusterId: CLUSTER_ID, repositoryUrl: 'https://github.com/contoso/mesh' };

describe('FluxGitOps', () => {
  test('installs the Flux extension and a cluster-scoped configuration applying ./dist from main', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const gitOps = new FluxGitOps(stack, 'GitOps', base);
    // THEN
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(KubernetesClusterExtension, {
      name: 'flux', cluster_id: CLUSTER_ID, extension_type: 'microsoft.flux',
    });
    expect(synthesized).toHaveResourceWithProperties(KubernetesFluxConfiguration, {
      name: 'aks-istio-mesh', cluster_id: CLUSTER_ID, namespace: 'flux-system', scope: 'cluster',
    });
    const config = onlyResource(stack, 'azurerm_kubernetes_flux_configuration');
    expect(config.git_repository).toEqual({
      url: 'https://github.com/contoso/mesh', reference_type: 'branch', reference_value: 'main', sync_interval_in_seconds: 600,
    });
    expect(config.kustomizations).toEqual([{
      name: 'aks-istio-mesh', path: './dist', sync_interval_in_seconds: 600, garbage_collection_enabled: true,
    }]);
    expect(config.depends_on).toEqual([`azurerm_kubernetes_cluster_extension.${gitOps.extension!.friendlyUniqueId}`]);
    expect(gitOps.path).toEqual('./dist');
    expect(synthJson(stack).resource).toMatchSnapshot();
  });

  test('follows a tag, a nested path and a private repository; reuses an installed extension', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const gitOps = new FluxGitOps(stack, 'GitOps', {
      ...base, repositoryUrl: 'ssh://git@github.com/contoso/mesh', reference: GitReference.tag('v1.2.0'),
      path: './clusters/prod/dist/', name: 'mesh-prod', namespace: 'gitops', credentialsSecretName: 'repo-ssh',
      syncIntervalSeconds: 120, prune: false, installExtension: false,
    });
    // THEN
    expect(gitOps.extension).toBeUndefined();
    expect(synthJson(stack).resource.azurerm_kubernetes_cluster_extension).toBeUndefined();
    const config = onlyResource(stack, 'azurerm_kubernetes_flux_configuration');
    expect(config).toMatchObject({ name: 'mesh-prod', namespace: 'gitops' });
    expect(config.depends_on).toBeUndefined();
    expect(config.git_repository).toMatchObject({ reference_type: 'tag', reference_value: 'v1.2.0', local_auth_reference: 'repo-ssh', sync_interval_in_seconds: 120 });
    expect(config.kustomizations).toEqual([{ name: 'mesh-prod', path: './clusters/prod/dist', sync_interval_in_seconds: 120, garbage_collection_enabled: false }]);
  });

  test('semver and commit references', () => {
    expect([GitReference.semver('>=1.0.0 <2.0.0'), GitReference.commit('0123abc')].map(r => [r.type, r.value]))
      .toEqual([['semver', '>=1.0.0 <2.0.0'], ['commit', '0123abc']]);
  });

  test.each([
    [{ repositoryUrl: 'ftp://example.com/repo' }, /\[stack\/GitOps\] repositoryUrl "ftp:\/\/example.com\/repo" must start with https:\/\//],
    [{ path: '../outside' }, /\[stack\/GitOps\] path "..\/outside" must be a folder inside the repository/],
    [{ path: '/abs/dist' }, /path "\/abs\/dist" must be a folder inside the repository/],
    [{ path: './' }, /path ".\/" must be a folder inside the repository/],
    [{ name: 'Mesh_Prod' }, /name "Mesh_Prod" must be 1 to 30 lowercase letters/],
    [{ name: 'a'.repeat(31) }, /name "a{31}" must be 1 to 30/],
    [{ namespace: 'Flux' }, /namespace "Flux" must be a DNS label/],
    [{ reference: GitReference.branch(' ') }, /reference: the branch must not be empty/],
    [{ credentialsSecretName: 'Repo' }, /credentialsSecretName "Repo"/],
    [{ syncIntervalSeconds: 0 }, /syncIntervalSeconds 0 must be a whole number from 1 to 35791394/],
  ])('fails when %j', (override, message) => {
    expect(() => new FluxGitOps(testStack(), 'GitOps', { ...base, ...override })).toThrow(message);
  });
});

describe('FluxGitOps with Terraform values', () => {
  test('takes a repository URL and a branch from Terraform variables', () => {
    const stack = testStack();
    const url = new TerraformVariable(stack, 'repo', { type: 'string' });
    const branch = new TerraformVariable(stack, 'branch', { type: 'string' });
    new FluxGitOps(stack, 'GitOps', { ...base, repositoryUrl: url.stringValue, reference: GitReference.branch(branch.stringValue) });
    expect(onlyResource(stack, 'azurerm_kubernetes_flux_configuration').git_repository)
      .toMatchObject({ url: '${var.repo}', reference_value: '${var.branch}' });
  });
});
