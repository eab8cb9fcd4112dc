import { Testing } from 'cdktf';
import { MeshProfile, RevisionUpgrade } from '../../src/mesh';
import { KubernetesCluster } from '@cdktf/provider-azurerm/lib/kubernetes-cluster';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet';
import { AzapiResource, ClusterIdentity, MeshCluster, MeshClusterProps, NetworkPlugin } from '../../src/azure';
import { onlyResource, synthJson, testStack } from './support/cdktf-matchers';

const NOW = new Date('2026-09-01T00:00:00Z');

function egressProfile(): MeshProfile {
  return new MeshProfile({
    revisions: ['asm-1-30'],
    ingressGateways: { external: true, internal: true },
    gatewayApi: true,
    gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 30 }],
    egressGateways: [{
      name: 'asm-egress-test', namespace: 'aks-istio-egress', gatewayConfigurationName: 'asm-egress-test-sgc',
      gatewayNodePoolName: 'gwpool', selector: { istio: 'asm-egress-test' },
    }],
  }, { now: NOW });
}

function ingressOnlyProfile(): MeshProfile {
  return new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'], ingressGateways: { external: true } }, { now: NOW });
}

function props(profile: MeshProfile, extra: Partial<MeshClusterProps> = {}): MeshClusterProps {
  return { profile, name: 'aks-mesh', resourceGroupName: 'rg-mesh', location: 'westeurope', ...extra };
}

describe('MeshCluster', () => {
  test('follows the profile through a canary upgrade: revisions [old], [old, new], then [new]', () => {
    // GIVEN
    const stable = new MeshProfile({ revisions: ['asm-1-29'], ingressGateways: { external: true } }, { now: NOW });
    const canary = RevisionUpgrade.of(stable).start('asm-1-30');
    // WHEN
    const revisionsOf = (profile: MeshProfile) => {
      const stack = testStack();
      new MeshCluster(stack, 'Mesh', props(profile));
      return (onlyResource(stack, 'azurerm_kubernetes_cluster').service_mesh_profile as { revisions: string[] }).revisions;
    };
    // THEN
    expect(revisionsOf(stable)).toEqual(['asm-1-29']);
    expect(revisionsOf(canary.applyTo(stable, { now: NOW }))).toEqual(['asm-1-29', 'asm-1-30']);
    expect(revisionsOf(canary.complete().applyTo(stable, { now: NOW }))).toEqual(['asm-1-30']);
  });

  test('with egress gateways, azapi owns the mesh profile and azurerm ignores it after creation', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new MeshCluster(stack, 'Mesh', props(egressProfile()));
    // THEN
    const synthed = Testing.synth(stack, true);
    expect(synthed).toMatchSnapshot();
    expect(synthed).toHaveResourceWithProperties(KubernetesCluster, {
      name: 'aks-mesh',
      service_mesh_profile: {
        mode: 'Istio', revisions: ['asm-1-30'], external_ingress_gateway_enabled: true, internal_ingress_gateway_enabled: true,
      },
      lifecycle: { ignore_changes: ['service_mesh_profile'] },
    });
    expect(synthed).toHaveResourceWithProperties(AzapiResource, {
      name: 'gwpool',
      type: 'Microsoft.ContainerService/managedClusters/agentPools@2025-10-01',
      body: { properties: { mode: 'Gateway', osType: 'Linux', count: 2, vmSize: 'Standard_D2ds_v5', gatewayProfile: { publicIPPrefixSize: 30 } } },
    });
    const updates = Object.values(synthJson(stack).resource.azapi_update_resource);
    const meshUpdate = updates.find(u => JSON.stringify(u.body).includes('serviceMeshProfile'));
    expect(meshUpdate?.type).toBe('Microsoft.ContainerService/managedClusters@2025-10-01');
    expect(meshUpdate?.body).toEqual({
      properties: {
        serviceMeshProfile: {
          mode: 'Istio',
          istio: {
            revisions: ['asm-1-30'],
            components: {
              ingressGateways: [{ mode: 'External', enabled: true }, { mode: 'Internal', enabled: true }],
              egressGateways: [{ name: 'asm-egress-test', namespace: 'aks-istio-egress', gatewayConfigurationName: 'asm-egress-test-sgc', enabled: true }],
            },
          },
        },
      },
    });
    expect(updates.map(u => u.type)).toEqual(expect.arrayContaining(['Microsoft.ContainerService/managedClusters@2026-04-01']));
    expect(synthJson(stack).terraform.required_providers.azapi).toEqual({ source: 'azure/azapi', version: '2.5.0' });
  });

  test('chains the azapi writes: static egress, node pool, mesh profile, Gateway API', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const mesh = new MeshCluster(stack, 'Mesh', props(egressProfile()));
    // THEN
    const res = synthJson(stack).resource;
    const pool = Object.values(res.azapi_resource)[0];
    const byBody = (key: string): Record<string, unknown> =>
      Object.values(res.azapi_update_resource).find(u => JSON.stringify(u.body).includes(key))!;
    expect(byBody('staticEgressGatewayProfile').depends_on).toEqual([`azurerm_kubernetes_cluster.${mesh.cluster.friendlyUniqueId}`]);
    expect(String(pool.depends_on)).toContain('StaticEgressGatewayProfile');
    expect(String(byBody('serviceMeshProfile').depends_on)).toContain('GatewayNodePool-gwpool');
    expect(String(byBody('gatewayAPI').depends_on)).toContain('ServiceMeshProfile');
    expect(mesh.azapiOwnsMeshProfile).toBe(true);
  });

  test('without egress gateways, azurerm owns the mesh profile and no azapi write touches it', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const mesh = new MeshCluster(stack, 'Mesh', props(ingressOnlyProfile()));
    // THEN
    const cluster = onlyResource(stack, 'azurerm_kubernetes_cluster');
    expect(cluster.lifecycle).toBeUndefined();
    expect(cluster.service_mesh_profile).toEqual({
      mode: 'Istio', revisions: ['asm-1-29', 'asm-1-30'], external_ingress_gateway_enabled: true, internal_ingress_gateway_enabled: false,
    });
    expect(JSON.stringify(synthJson(stack).resource.azapi_update_resource)).not.toContain('serviceMeshProfile');
    expect(synthJson(stack).resource.azapi_resource).toBeUndefined();
    expect(onlyResource(stack, 'azapi_update_resource').body).toEqual({ properties: { ingressProfile: { gatewayAPI: { installation: 'Disabled' } } } });
    expect(mesh.azapiOwnsMeshProfile).toBe(false);
  });

  test('a plugin CA sets certificate_authority and switches on the Key Vault secrets provider', () => {
    // GIVEN
    const stack = testStack();
    const profile = new MeshProfile({
      revisions: ['asm-1-30'],
      pluginCa: { keyVaultId: '/kv/id', rootCertObjectName: 'root', certChainObjectName: 'chain', certObjectName: 'cert', keyObjectName: 'key' },
    }, { now: NOW });
    // WHEN
    new MeshCluster(stack, 'Mesh', props(profile));
    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(KubernetesCluster, {
      key_vault_secrets_provider: { secret_rotation_enabled: true },
      service_mesh_profile: {
        mode: 'Istio', revisions: ['asm-1-30'], external_ingress_gateway_enabled: false, internal_ingress_gateway_enabled: false,
        certificate_authority: { key_vault_id: '/kv/id', root_cert_object_name: 'root', cert_chain_object_name: 'chain', cert_object_name: 'cert', key_object_name: 'key' },
      },
    });
  });

  test('overridable defaults: system pool, identity, network plugin, version', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new MeshCluster(stack, 'Mesh', props(ingressOnlyProfile(), {
      kubernetesVersion: '1.34',
      systemNodePool: { name: 'sys', vmSize: 'Standard_D8ds_v5', nodeCount: 5, zones: ['1', '2', '3'] },
      identity: ClusterIdentity.userAssigned('/uami/id', '0000-principal'),
      networkPlugin: NetworkPlugin.azureCniPoweredByCilium(),
    }));
    // THEN
    const cluster = onlyResource(stack, 'azurerm_kubernetes_cluster');
    expect(cluster.kubernetes_version).toBe('1.34');
    expect(cluster.default_node_pool).toEqual({
      name: 'sys', vm_size: 'Standard_D8ds_v5', node_count: 5, zones: ['1', '2', '3'], temporary_name_for_rotation: 'systmp',
    });
    expect(cluster.identity).toEqual({ type: 'UserAssigned', identity_ids: ['/uami/id'] });
    expect(cluster.network_profile).toEqual({
      network_plugin: 'azure', network_plugin_mode: 'overlay', network_data_plane: 'cilium', network_policy: 'cilium', load_balancer_sku: 'standard',
    });
  });

  test('static IP for the external gateway: role assignment, annotations and outputs', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const mesh = new MeshCluster(stack, 'Mesh', props(ingressOnlyProfile(), { externalGatewayIp: { name: 'pip-ingress', resourceGroupName: 'rg-net' } }));
    // THEN
    const synthed = Testing.synth(stack);
    expect(synthed).toHaveResourceWithProperties(PublicIp, { name: 'pip-ingress', resource_group_name: 'rg-net', allocation_method: 'Static', sku: 'Standard' });
    expect(synthed).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Network Contributor' });
    expect(mesh.parts.externalGatewayIp?.annotations).toEqual({
      'service.beta.kubernetes.io/azure-pip-name': 'pip-ingress',
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'rg-net',
    });
    const outputs = synthJson(stack).output;
    expect(outputs.mesh_external_gateway_annotations.value).toEqual(mesh.parts.externalGatewayIp?.annotations);
    expect(outputs.mesh_revisions.value).toEqual(['asm-1-29', 'asm-1-30']);
    expect(outputs.mesh_ingress_gateway_services.value).toEqual({ external: 'aks-istio-ingressgateway-external' });
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['mesh_cluster_name', 'mesh_cluster_id', 'mesh_resource_group_name', 'mesh_external_gateway_ip', 'mesh_profile_json']));
  });

  test('internal gateway subnet in the cluster virtual network', () => {
    // GIVEN
    const stack = testStack();
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { internal: true } }, { now: NOW });
    // WHEN
    const mesh = new MeshCluster(stack, 'Mesh', props(profile, {
      systemNodePool: { subnetId: '/vnet/subnets/nodes' },
      internalGatewaySubnet: { name: 'snet-ilb', virtualNetworkName: 'vnet', virtualNetworkResourceGroupName: 'rg-net', addressPrefix: '10.224.8.0/24' },
    }));
    // THEN
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Subnet, { name: 'snet-ilb', address_prefixes: ['10.224.8.0/24'] });
    expect(mesh.parts.internalGatewaySubnet?.annotations).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-ilb' });
  });

  test('profile warnings become cdktf warning annotations', () => {
    // GIVEN
    const stack = testStack();
    const profile = new MeshProfile({
      revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool' }],
      egressGateways: [{ name: 'egress', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' }],
    }, { now: NOW });
    // WHEN
    const mesh = new MeshCluster(stack, 'Mesh', props(profile));
    // THEN
    expect(mesh.node.metadata.map(m => String(m.data))).toEqual(expect.arrayContaining([expect.stringContaining('selector defaulted')]));
  });

  test('fails when the profile has more than two revisions', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({ revisions: ['asm-1-28', 'asm-1-29', 'asm-1-30'] }, { now: NOW }))))
      .toThrow(/at most 2 revisions/);
  });

  test('fails when the revisions are more than two minors apart', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({ revisions: ['asm-1-27', 'asm-1-30'] }, { now: NOW }))))
      .toThrow(/one or two minors apart/);
  });

  test('fails when an egress gateway names no gateway node pool', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({
      revisions: ['asm-1-30'],
      egressGateways: [{ name: 'egress', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' }],
    }, { now: NOW })))).toThrow(/\$\.egressGateways\[0\]\.gatewayNodePoolName: 'gwpool' is not declared/);
  });

  test('fails when an egress gateway has no StaticGatewayConfiguration name', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({
      revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool' }],
      egressGateways: [{ name: 'egress', gatewayConfigurationName: '', gatewayNodePoolName: 'gwpool' }],
    }, { now: NOW })))).toThrow(/\$\.egressGateways\[0\]\.gatewayConfigurationName: must be 1 to 63 characters long/);
  });

  test('fails when the public IP prefix size is outside 28 to 31', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({
      revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 27 }],
    }, { now: NOW })))).toThrow(/\$\.gatewayNodePools\[0\]\.publicIpPrefixSize: must be an integer from 28 to 31 .*got 27/);
  });

  test('fails when the plugin CA misses object names', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(new MeshProfile({
      revisions: ['asm-1-30'],
      pluginCa: { keyVaultId: '/kv', rootCertObjectName: 'root', certChainObjectName: '', certObjectName: 'cert', keyObjectName: '' },
    }, { now: NOW })))).toThrow(/\$\.pluginCa\.certChainObjectName: must be 1 to 127 characters long[\s\S]*\$\.pluginCa\.keyObjectName/);
  });

  test('fails when a static IP is asked for but the external gateway is off', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { internal: true } }, { now: NOW });
    expect(() => new MeshCluster(testStack(), 'Mesh', props(profile, { externalGatewayIp: { name: 'pip' } })))
      .toThrow(/\[stack\/Mesh\] 'externalGatewayIp' \('pip'\) is set, but the mesh profile does not enable the external/);
  });

  test('fails when an internal subnet is asked for but the internal gateway is off', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(ingressOnlyProfile(), {
      systemNodePool: { subnetId: '/s' },
      internalGatewaySubnet: { name: 'snet', virtualNetworkName: 'vnet', virtualNetworkResourceGroupName: 'rg', addressPrefix: '10.0.0.0/24' },
    }))).toThrow(/does not enable the internal/);
  });

  test('fails when an internal subnet is asked for on the AKS-managed network', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { internal: true } }, { now: NOW });
    expect(() => new MeshCluster(testStack(), 'Mesh', props(profile, {
      internalGatewaySubnet: { name: 'snet', virtualNetworkName: 'vnet', virtualNetworkResourceGroupName: 'rg', addressPrefix: '10.0.0.0/24' },
    }))).toThrow(/set systemNodePool.subnetId to a subnet of 'vnet'/);
  });

  test('fails when sizing names a pool the profile lacks', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(egressProfile(), { gatewayNodePools: { other: { nodeCount: 2 } } })))
      .toThrow(/sizes pool 'other', which the mesh profile does not declare \(declared: gwpool\)/);
  });

  test('fails when the cluster name is invalid', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(ingressOnlyProfile(), { name: '-bad' }))).toThrow(/cluster name "-bad"/);
  });

  test('fails when the Kubernetes version is malformed', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(ingressOnlyProfile(), { kubernetesVersion: 'latest' }))).toThrow(/kubernetesVersion "latest"/);
  });

  test('fails when the system pool name is invalid or taken by a gateway pool', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(ingressOnlyProfile(), { systemNodePool: { name: 'System' } }))).toThrow(/systemNodePool.name "System"/);
    expect(() => new MeshCluster(testStack(), 'Mesh', props(egressProfile(), { systemNodePool: { name: 'gwpool' } }))).toThrow(/node pool names must be unique/);
  });

  test('fails when the system pool node count is not a positive whole number', () => {
    expect(() => new MeshCluster(testStack(), 'Mesh', props(ingressOnlyProfile(), { systemNodePool: { nodeCount: 0 } }))).toThrow(/systemNodePool.nodeCount 0/);
  });
});
