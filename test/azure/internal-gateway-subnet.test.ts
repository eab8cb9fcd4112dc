import { InternalGatewaySubnet } from '../../src/azure';
import { onlyResource, testStack } from './support/cdktf-matchers';

describe('InternalGatewaySubnet', () => {
  test('a subnet, Network Contributor for the cluster identity, and the annotation', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const subnet = new InternalGatewaySubnet(stack, 'Subnet', {
      name: 'snet-ilb', virtualNetworkName: 'vnet', virtualNetworkResourceGroupName: 'rg', addressPrefix: '10.1.2.0/28', clusterPrincipalId: 'p-1',
    });
    // THEN
    expect(onlyResource(stack, 'azurerm_subnet')).toMatchSnapshot();
    expect(onlyResource(stack, 'azurerm_role_assignment')).toMatchObject({ role_definition_name: 'Network Contributor', principal_id: 'p-1' });
    expect(subnet.annotations).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-ilb' });
  });

  test('fails when the address prefix is not an IPv4 CIDR of /29 or larger', () => {
    for (const addressPrefix of ['10.1.2.0/30', '10.1.2.0', '300.1.2.0/24']) {
      expect(() => new InternalGatewaySubnet(testStack(), 'Subnet', {
        name: 's', virtualNetworkName: 'v', virtualNetworkResourceGroupName: 'rg', addressPrefix, clusterPrincipalId: 'p',
      })).toThrow(/\[stack\/Subnet\] internal gateway subnet addressPrefix/);
    }
  });
});
