import { Testing } from 'cdk8s';
import { GrantFrom, GrantTo, ReferenceGrant } from '../../../src/k8s/gateway-api/reference-grant';
import { testChart } from '../../support/mesh-chart';

describe('ReferenceGrant', () => {
  test('lets routes from another namespace reach Services', () => {
    const chart = testChart();
    new ReferenceGrant(chart, 'grant', {
      metadata: { name: 'allow-web', namespace: 'backend' },
      from: [GrantFrom.httpRoutes('web'), GrantFrom.gateways('aks-istio-ingress')],
      to: [GrantTo.services('api'), GrantTo.secrets()],
    });
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.apiVersion).toBe('gateway.networking.k8s.io/v1beta1');
    expect(obj.spec).toEqual({
      from: [
        { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web' },
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'aks-istio-ingress' },
      ],
      to: [{ group: '', kind: 'Service', name: 'api' }, { group: '', kind: 'Secret' }],
    });
  });

  test('fails when from or to is empty or malformed', () => {
    expect(() => new ReferenceGrant(testChart(), 'g', { from: [], to: [GrantTo.services()] })).toThrow("[test/g] 'from' needs 1 to 16 entries, got 0");
    expect(() => new ReferenceGrant(testChart(), 'g', { from: [GrantFrom.grpcRoutes('a')], to: [] })).toThrow("'to' needs 1 to 16 entries");
    expect(() => new ReferenceGrant(testChart(), 'g', { from: [GrantFrom.httpRoutes('Bad_NS')], to: [GrantTo.services()] })).toThrow("'from[0].namespace' \"Bad_NS\"");
  });
});
