import { Testing } from 'cdk8s';
import { GatewayApiGateway, GatewayInfrastructureConfig, GatewayServiceType, ListenerProtocol } from '../../../src/k8s';
import { findObject, testChart, testProfile } from '../../support/mesh-chart';

describe('GatewayInfrastructureConfig', () => {
  test('renders a parametersRef ConfigMap that a Gateway names', () => {
    // GIVEN
    const chart = testChart(undefined, 'web');
    // WHEN
    const options = new GatewayInfrastructureConfig(chart, 'options', {
      name: 'gw-options',
      autoscaling: { minReplicas: 2, maxReplicas: 4 },
      service: { type: GatewayServiceType.CLUSTER_IP },
    });
    new GatewayApiGateway(chart, 'gw', {
      metadata: { name: 'web-gateway' },
      infrastructure: options,
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
    });
    // THEN
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'ConfigMap', 'gw-options')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'gw-options', namespace: 'web' },
      data: { horizontalPodAutoscaler: 'spec:\n  minReplicas: 2\n  maxReplicas: 4\n', service: 'spec:\n  type: ClusterIP\n' },
    });
    expect((findObject(objects, 'Gateway', 'web-gateway').spec as Record<string, unknown>).infrastructure)
      .toEqual({ parametersRef: { group: '', kind: 'ConfigMap', name: 'gw-options' } });
  });

  test('fails when it sets nothing, the profile has no Gateway API, or the Gateway is elsewhere', () => {
    expect(() => new GatewayInfrastructureConfig(testChart(), 'o', { name: 'o' })).toThrow('[test/o] sets nothing');
    expect(() => new GatewayInfrastructureConfig(testChart(testProfile({ gatewayApi: false })), 'o', { name: 'o', autoscaling: { maxReplicas: 3 } }))
      .toThrow('gatewayApi off');
    expect(() => new GatewayInfrastructureConfig(testChart(), 'o', { name: 'o', podDisruptionBudget: { minAvailable: 'half' } }))
      .toThrow("'podDisruptionBudget.minAvailable' is \"half\"; use a whole number or a percentage such as '50%'");
    const chart = testChart(undefined, 'web');
    const options = new GatewayInfrastructureConfig(chart, 'o', { name: 'o', namespace: 'other', autoscaling: { maxReplicas: 3 } });
    expect(() => new GatewayApiGateway(chart, 'gw', { infrastructure: options }))
      .toThrow("'infrastructure' ConfigMap o is in namespace 'other', but the Gateway is in 'web'");
  });
});
