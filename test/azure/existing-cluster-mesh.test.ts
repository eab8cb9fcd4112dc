import { Testing } from 'cdktf';
import { DataAzurermKubernetesCluster } from '@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster';
import { MeshProfile } from '../../src/mesh';
import { ExistingClusterMesh } from '../../src/azure';
import { synthJson, testStack } from './support/cdktf-matchers';

const NOW = new Date('2026-09-01T00:00:00Z');

describe('ExistingClusterMesh', () => {
  test('looks the cluster up and writes the whole mesh profile through azapi', () => {
    // GIVEN
    const stack = testStack();
    const profile = new MeshProfile({
      revisions: ['asm-1-30'], ingressGateways: { internal: true },
      pluginCa: { keyVaultId: '/kv', rootCertObjectName: 'root', certChainObjectName: 'chain', certObjectName: 'cert', keyObjectName: 'key' },
    }, { now: NOW });
    // WHEN
    const mesh = new ExistingClusterMesh(stack, 'Mesh', { profile, clusterName: 'aks-prod', resourceGroupName: 'rg-prod' });
    // THEN
    const synthed = Testing.synth(stack, true);
    expect(synthed).toMatchSnapshot();
    expect(synthed).toHaveDataSourceWithProperties(DataAzurermKubernetesCluster, { name: 'aks-prod', resource_group_name: 'rg-prod' });
    expect(synthJson(stack).resource.azurerm_kubernetes_cluster).toBeUndefined();
    const body = JSON.stringify(mesh.parts.serviceMeshProfile?.resource.body);
    expect(body).toContain('"revisions":["asm-1-30"]');
    expect(body).toContain('"certificateAuthority":{"plugin"');
    expect(body).toContain('"azureKeyvaultSecretsProvider":{"enabled":true');
    expect(synthJson(stack).output.mesh_resource_group_name.value).toBe('rg-prod');
    expect(mesh.node.metadata.map(m => String(m.data))).toEqual(expect.arrayContaining([expect.stringContaining('cannot switch to the plugin CA')]));
  });

  test('fails when a static IP is asked for but the external gateway is off', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30'] }, { now: NOW });
    expect(() => new ExistingClusterMesh(testStack(), 'Mesh', {
      profile, clusterName: 'aks', resourceGroupName: 'rg', externalGatewayIp: { name: 'pip' },
    })).toThrow(/\[stack\/Mesh\] 'externalGatewayIp'/);
  });
});
