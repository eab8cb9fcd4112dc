import { Duration, Testing } from 'cdk8s';
import { DestinationRule } from '../../../src/k8s/istio/destination-rule';
import { ClientTls, LoadBalancerAlgorithm } from '../../../src/k8s/istio/traffic-policy';
import { testChart } from '../../support/mesh-chart';

describe('DestinationRule', () => {
  test('renders subsets and port-level TLS', () => {
    // GIVEN
    const chart = testChart();
    // WHEN
    const dr = new DestinationRule(chart, 'dr', {
      metadata: { name: 'egressgateway-for-cnn' },
      host: 'asm-egress-test.aks-istio-egress.svc.cluster.local',
    });
    dr.addSubset({
      name: 'cnn',
      trafficPolicy: {
        loadBalancer: LoadBalancerAlgorithm.ROUND_ROBIN,
        portLevelSettings: [{ port: 80, tls: ClientTls.istioMutual({ sni: 'edition.cnn.com' }) }],
      },
    });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.spec).toEqual({
      host: 'asm-egress-test.aks-istio-egress.svc.cluster.local',
      subsets: [{
        name: 'cnn',
        trafficPolicy: {
          loadBalancer: { simple: 'ROUND_ROBIN' },
          portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'edition.cnn.com' } }],
        },
      }],
    });
    expect(dr.subsetNames).toEqual(['cnn']);
  });

  test('renders connection pools, outlier detection and origination TLS', () => {
    const chart = testChart();
    new DestinationRule(chart, 'dr', {
      host: 'edition.cnn.com',
      exportTo: ['.'],
      trafficPolicy: {
        tls: ClientTls.simple({ sni: 'edition.cnn.com', credentialName: 'ca-cert' }),
        connectionPool: { maxConnections: 100, connectTimeout: Duration.millis(250), http1MaxPendingRequests: 10 },
        outlierDetection: { consecutive5xxErrors: 3, interval: Duration.seconds(5), baseEjectionTime: Duration.minutes(1), maxEjectionPercent: 50 },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    expect(Testing.synth(chart)[0].spec).toEqual({
      host: 'edition.cnn.com',
      exportTo: ['.'],
      trafficPolicy: {
        tls: { mode: 'SIMPLE', sni: 'edition.cnn.com', credentialName: 'ca-cert' },
        connectionPool: { tcp: { maxConnections: 100, connectTimeout: '250ms' }, http: { http1MaxPendingRequests: 10 } },
        outlierDetection: { consecutive5xxErrors: 3, interval: '5s', baseEjectionTime: '60s', maxEjectionPercent: 50 },
      },
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
  });

  test('fails when the host is invalid', () => {
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'Bad Host' })).toThrow("[test/dr] 'host' \"Bad Host\" is not a valid host");
    expect(() => new DestinationRule(testChart(), 'dr', { host: '*' })).toThrow("'host' must name a service");
  });

  test('fails when a subset is invalid or repeated', () => {
    const dr = new DestinationRule(testChart(), 'dr', { host: 'a' });
    expect(() => dr.addSubset({ name: 'V1' })).toThrow("'subsets[0].name' \"V1\" is not a valid subset name");
    dr.addSubset({ name: 'v1' });
    expect(() => dr.addSubset({ name: 'v1' })).toThrow("'subsets[1].name' 'v1' is defined twice");
  });

  test('fails when port-level settings repeat a port or TLS is malformed', () => {
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { portLevelSettings: [{ port: 80 }, { port: 80 }] } }))
      .toThrow("'trafficPolicy.portLevelSettings' lists a port twice");
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { tls: ClientTls.simple({ sni: 'bad sni' }) } }))
      .toThrow("'trafficPolicy.tls.sni' \"bad sni\" is not a valid host name");
    expect(() => new DestinationRule(testChart(), 'dr', { host: 'a', trafficPolicy: { portLevelSettings: [{ port: 0 }] } }))
      .toThrow("'trafficPolicy.portLevelSettings[0].port' must be a port number");
  });
});
