import { Testing } from 'cdk8s';
import { StaticGatewayConfiguration, StaticGatewayDefaultRoute } from '../../../src/k8s/aks/static-gateway-configuration';
import { testChart, testProfile } from '../../support/mesh-chart';

describe('StaticGatewayConfiguration', () => {
  test('is generated from the profile egress gateway', () => {
    // GIVEN
    const chart = testChart(undefined, 'somewhere-else');
    // WHEN
    const sgc = new StaticGatewayConfiguration(chart, 'sgc', { egressGateway: 'asm-egress-test' });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj).toEqual({
      apiVersion: 'egressgateway.kubernetes.azure.com/v1alpha1',
      kind: 'StaticGatewayConfiguration',
      metadata: { name: 'asm-egress-test-sgc', namespace: 'aks-istio-egress' },
      spec: { gatewayNodepoolName: 'gwpool', provisionPublicIps: true },
    });
    expect(sgc.egressGateway.fqdn).toBe('asm-egress-test.aks-istio-egress.svc.cluster.local');
  });

  test('follows a gateway in another namespace, with exclusions and a BYO prefix', () => {
    // GIVEN
    const profile = testProfile({
      egressGateways: [{ name: 'egw', namespace: 'team-a', gatewayConfigurationName: 'team-a-sgc', gatewayNodePoolName: 'gwpool', selector: { istio: 'egw' } }],
    });
    const chart = testChart(profile);
    const prefix = '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Network/publicIPPrefixes/egress';
    // WHEN
    new StaticGatewayConfiguration(chart, 'sgc', {
      egressGateway: 'egw',
      egressGatewayNamespace: 'team-a',
      excludeCidrs: ['10.0.0.0/8', '169.254.169.254/32'],
      publicIpPrefixId: prefix,
      defaultRoute: StaticGatewayDefaultRoute.AZURE_NETWORKING,
    });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj.metadata).toEqual({ name: 'team-a-sgc', namespace: 'team-a' });
    expect(obj.spec).toEqual({
      gatewayNodepoolName: 'gwpool',
      provisionPublicIps: true,
      publicIpPrefixId: prefix,
      excludeCidrs: ['10.0.0.0/8', '169.254.169.254/32'],
      defaultRoute: 'azureNetworking',
    });
  });

  test('fails when the profile does not declare the egress gateway', () => {
    expect(() => new StaticGatewayConfiguration(testChart(), 'sgc', { egressGateway: 'nope' }))
      .toThrow(/\[test\/sgc\] The mesh profile declares no egress gateway 'nope' \(declared: aks-istio-egress\/asm-egress-test\)/);
  });

  test('fails when an excluded CIDR is malformed', () => {
    expect(() => new StaticGatewayConfiguration(testChart(), 'sgc', { egressGateway: 'asm-egress-test', excludeCidrs: ['10.0.0.0/33'] }))
      .toThrow(/'excludeCidrs\[0\]' "10.0.0.0\/33" is not an IPv4 CIDR/);
  });

  test('fails when a BYO prefix is given without provisioning public IPs', () => {
    expect(() => new StaticGatewayConfiguration(testChart(), 'sgc', {
      egressGateway: 'asm-egress-test',
      provisionPublicIps: false,
      publicIpPrefixId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/publicIPPrefixes/p',
    })).toThrow(/'publicIpPrefixId' needs 'provisionPublicIps: true'/);
  });

  test('fails when the BYO prefix is not a resource ID', () => {
    expect(() => new StaticGatewayConfiguration(testChart(), 'sgc', { egressGateway: 'asm-egress-test', publicIpPrefixId: 'my-prefix' }))
      .toThrow(/'publicIpPrefixId' "my-prefix" is not a public IP prefix resource ID/);
  });

  test('fails when the default route is unknown', () => {
    const defaultRoute = 'vpn' as unknown as StaticGatewayDefaultRoute;
    expect(() => new StaticGatewayConfiguration(testChart(), 'sgc', { egressGateway: 'asm-egress-test', defaultRoute }))
      .toThrow(/'defaultRoute' "vpn" is not one of staticEgressGateway, azureNetworking/);
  });
});
