import { MeshCluster } from '../../src/azure';
import { MeshProfile } from '../../src/mesh';
import { deliverDistWithFlux } from '../../examples/azure/gitops';
import { onlyResource, testStack } from '../azure/support/cdktf-matchers';

describe('examples/azure/gitops', () => {
  test('Flux applies ./dist of the repository to the example cluster, after installing the extension', () => {
    // GIVEN
    const stack = testStack();
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: new Date('2026-09-01') });
    const mesh = new MeshCluster(stack, 'Mesh', { profile, name: 'aks-istio-mesh', resourceGroupName: 'rg', location: 'westeurope' });
    // WHEN
    deliverDistWithFlux(stack, mesh);
    // THEN
    const extension = onlyResource(stack, 'azurerm_kubernetes_cluster_extension');
    const config = onlyResource(stack, 'azurerm_kubernetes_flux_configuration');
    expect(extension.cluster_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.[A-Za-z0-9_]+\.id\}$/);
    expect(String(config.cluster_id)).toEqual(extension.cluster_id);
    expect(config.kustomizations).toEqual([expect.objectContaining({ path: './dist' })]);
    expect(config.git_repository).toMatchObject({ reference_type: 'branch', reference_value: 'main' });
  });
});
