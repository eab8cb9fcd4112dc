import { MeshProfile } from '../../src/mesh';
import { GatewayNodePool } from '../../src/azure';
import { onlyResource, testStack } from './support/cdktf-matchers';

const profile = new MeshProfile({ revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 30 }] }, { now: new Date('2026-09-01') });

describe('GatewayNodePool', () => {
  test('an agent pool of mode Gateway with the profile\'s prefix size', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    new GatewayNodePool(stack, 'Pool', { clusterId: '/aks/id', profile, name: 'gwpool', nodeCount: 4, vmSize: 'Standard_D4ds_v5', subnetId: '/subnet' });
    // THEN
    const pool = onlyResource(stack, 'azapi_resource');
    expect(pool).toMatchSnapshot();
    expect(pool.type).toBe('Microsoft.ContainerService/managedClusters/agentPools@2025-10-01');
    expect(pool.parent_id).toBe('/aks/id');
    expect(pool.body).toEqual({ properties: {
      mode: 'Gateway', osType: 'Linux', count: 4, vmSize: 'Standard_D4ds_v5', gatewayProfile: { publicIPPrefixSize: 30 }, vnetSubnetID: '/subnet',
    } });
  });

  test('fails when the node count exceeds the prefix', () => {
    expect(() => new GatewayNodePool(testStack(), 'Pool', { clusterId: '/aks', profile, name: 'gwpool', nodeCount: 5 }))
      .toThrow(/\[stack\/Pool\] gateway node pool 'gwpool' has nodeCount 5, but its \/30 public IP prefix holds 4 address\(es\)/);
  });

  test('fails when the pool is not in the profile', () => {
    expect(() => new GatewayNodePool(testStack(), 'Pool', { clusterId: '/aks', profile, name: 'other' })).toThrow(/not declared .* \(declared: gwpool\)/);
  });

  test('fails when the VM size is empty', () => {
    expect(() => new GatewayNodePool(testStack(), 'Pool', { clusterId: '/aks', profile, name: 'gwpool', vmSize: ' ' })).toThrow(/empty vmSize/);
  });
});
