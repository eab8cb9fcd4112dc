import { ExternalGatewayPublicIp } from '../../src/azure';
import { onlyResource, testStack } from './support/cdktf-matchers';

describe('ExternalGatewayPublicIp', () => {
  test('a static Standard IP, Network Contributor on its resource group, and the annotations', () => {
    // GIVEN
    const stack = testStack();
    // WHEN
    const ip = new ExternalGatewayPublicIp(stack, 'Ip', { name: 'pip-gw', resourceGroupName: 'rg-net', location: 'westeurope', clusterPrincipalId: 'p-1' });
    // THEN
    expect(onlyResource(stack, 'azurerm_public_ip')).toMatchSnapshot();
    expect(onlyResource(stack, 'azurerm_role_assignment')).toMatchObject({ role_definition_name: 'Network Contributor', principal_id: 'p-1' });
    expect(ip.annotations).toEqual({
      'service.beta.kubernetes.io/azure-pip-name': 'pip-gw',
      'service.beta.kubernetes.io/azure-load-balancer-resource-group': 'rg-net',
    });
  });

  test('fails when the IP name is invalid', () => {
    expect(() => new ExternalGatewayPublicIp(testStack(), 'Ip', { name: 'bad name', resourceGroupName: 'rg', location: 'x', clusterPrincipalId: 'p' }))
      .toThrow(/\[stack\/Ip\] public IP name "bad name"/);
  });
});
