import { Testing } from 'cdk8s';
import { EgressRoute, EgressRouteOptions } from '../../../src/k8s/aks/egress-route';
import { EgressRouteMode } from '../../../src/k8s/aks/egress-route-mode';
import { ServiceEntry, ServiceEntryProtocol, ServiceEntryResolution } from '../../../src/k8s/istio/service-entry';
import { findObject, Manifest, testChart } from '../../support/mesh-chart';

const FQDN = 'asm-egress-test.aks-istio-egress.svc.cluster.local';
const seed: EgressRouteOptions = {
  host: 'edition.cnn.com',
  egressGateway: 'asm-egress-test',
  name: 'cnn',
  names: { gateway: 'istio-egressgateway' },
};

function synthRoute(build: (chart: ReturnType<typeof testChart>) => void): Manifest[] {
  const chart = testChart(undefined, 'egress');
  build(chart);
  return Testing.synth(chart);
}

describe('EgressRoute', () => {
  test('http emits the seed HTTP objects', () => {
    // GIVEN / WHEN
    const objs = synthRoute(chart => EgressRoute.http(chart, 'cnn', {
      ...seed,
      portName: 'http-port',
      additionalServicePorts: [{ number: 443, name: 'https', protocol: ServiceEntryProtocol.HTTPS }],
    }));
    // THEN
    expect(objs).toMatchSnapshot();
    expect(objs.map(o => o.kind)).toEqual(['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService']);
    expect(findObject(objs, 'ServiceEntry', 'cnn').spec).toEqual({
      hosts: ['edition.cnn.com'],
      ports: [{ number: 80, name: 'http-port', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
    });
    expect(findObject(objs, 'Gateway', 'istio-egressgateway').spec).toEqual({
      selector: { istio: 'asm-egress-test' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['edition.cnn.com'] }],
    });
    expect(findObject(objs, 'DestinationRule', 'egressgateway-for-cnn').spec).toEqual({ host: FQDN, subsets: [{ name: 'cnn' }] });
    expect(findObject(objs, 'VirtualService', 'direct-cnn-through-egress-gateway').spec).toEqual({
      hosts: ['edition.cnn.com'],
      gateways: ['istio-egressgateway', 'mesh'],
      http: [
        {
          match: [{ gateways: ['mesh'], port: 80 }],
          route: [{ destination: { host: FQDN, subset: 'cnn', port: { number: 80 } }, weight: 100 }],
        },
        {
          match: [{ gateways: ['istio-egressgateway'], port: 80 }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 80 } }, weight: 100 }],
        },
      ],
    });
    expect(objs.every(o => (o.metadata as { namespace?: string }).namespace === 'egress')).toBe(true);
  });

  test('httpsPassthrough emits the seed HTTPS objects with SNI routes', () => {
    const objs = synthRoute(chart => EgressRoute.httpsPassthrough(chart, 'cnn', seed));
    expect(objs).toMatchSnapshot();
    expect(findObject(objs, 'ServiceEntry', 'cnn').spec).toEqual({
      hosts: ['edition.cnn.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS',
    });
    expect(findObject(objs, 'Gateway', 'istio-egressgateway').spec).toEqual({
      selector: { istio: 'asm-egress-test' },
      servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['edition.cnn.com'], tls: { mode: 'PASSTHROUGH' } }],
    });
    expect(findObject(objs, 'DestinationRule', 'egressgateway-for-cnn').spec).toEqual({ host: FQDN, subsets: [{ name: 'cnn' }] });
    expect(findObject(objs, 'VirtualService', 'direct-cnn-through-egress-gateway').spec).toEqual({
      hosts: ['edition.cnn.com'],
      gateways: ['mesh', 'istio-egressgateway'],
      tls: [
        {
          match: [{ gateways: ['mesh'], port: 443, sniHosts: ['edition.cnn.com'] }],
          route: [{ destination: { host: FQDN, subset: 'cnn', port: { number: 443 } } }],
        },
        {
          match: [{ gateways: ['istio-egressgateway'], port: 443, sniHosts: ['edition.cnn.com'] }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }],
        },
      ],
    });
  });

  test('tlsOrigination emits the seed TLS origination objects', () => {
    let route: EgressRoute | undefined;
    const objs = synthRoute(chart => { route = EgressRoute.tlsOrigination(chart, 'cnn', seed); });
    expect(objs).toMatchSnapshot();
    expect(objs.map(o => o.kind)).toEqual(['ServiceEntry', 'Gateway', 'DestinationRule', 'VirtualService', 'DestinationRule']);
    expect(findObject(objs, 'ServiceEntry', 'cnn').spec).toEqual({
      hosts: ['edition.cnn.com'],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
    });
    expect(findObject(objs, 'Gateway', 'istio-egressgateway').spec).toEqual({
      selector: { istio: 'asm-egress-test' },
      servers: [{
        port: { number: 80, name: 'https-port-for-tls-origination', protocol: 'HTTPS' },
        hosts: ['edition.cnn.com'],
        tls: { mode: 'ISTIO_MUTUAL' },
      }],
    });
    expect(findObject(objs, 'DestinationRule', 'egressgateway-for-cnn').spec).toEqual({
      host: FQDN,
      subsets: [{
        name: 'cnn',
        trafficPolicy: {
          loadBalancer: { simple: 'ROUND_ROBIN' },
          portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'ISTIO_MUTUAL', sni: 'edition.cnn.com' } }],
        },
      }],
    });
    expect(findObject(objs, 'VirtualService', 'direct-cnn-through-egress-gateway').spec).toEqual({
      hosts: ['edition.cnn.com'],
      gateways: ['istio-egressgateway', 'mesh'],
      http: [
        {
          match: [{ gateways: ['mesh'], port: 80 }],
          route: [{ destination: { host: FQDN, subset: 'cnn', port: { number: 80 } }, weight: 100 }],
        },
        {
          match: [{ gateways: ['istio-egressgateway'], port: 80 }],
          route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }],
        },
      ],
    });
    expect(findObject(objs, 'DestinationRule', 'originate-tls-for-edition-cnn-com').spec).toEqual({
      host: 'edition.cnn.com',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
    });
    expect(route?.egressGateway.fqdn).toBe(FQDN);
    expect(route?.originateTlsDestinationRule?.host).toBe('edition.cnn.com');
    expect(route?.apiObjects).toHaveLength(5);
  });

  test('derives every name from the host by default', () => {
    const objs = synthRoute(chart => new EgressRoute(chart, 'r', {
      host: 'api.example.com', egressGateway: 'asm-egress-test', mode: EgressRouteMode.tlsOrigination(),
    }));
    expect(objs.map(o => `${o.kind}/${(o.metadata as { name: string }).name}`)).toEqual([
      'ServiceEntry/api-example-com',
      'Gateway/api-example-com-egressgateway',
      'DestinationRule/egressgateway-for-api-example-com',
      'VirtualService/direct-api-example-com-through-egress-gateway',
      'DestinationRule/originate-tls-for-api-example-com',
    ]);
    expect(findObject(objs, 'DestinationRule', 'egressgateway-for-api-example-com').spec)
      .toMatchObject({ subsets: [{ name: 'api-example-com' }] });
  });

  test('honours an explicit namespace, subset and object names', () => {
    const objs = synthRoute(chart => EgressRoute.http(chart, 'r', {
      ...seed,
      namespace: 'team-a',
      subsetName: 'edition',
      names: { serviceEntry: 'se', gateway: 'gw', gatewayDestinationRule: 'dr', virtualService: 'vs' },
    }));
    expect(objs.map(o => o.metadata)).toEqual(['se', 'gw', 'dr', 'vs'].map(name => ({ name, namespace: 'team-a' })));
    expect(findObject(objs, 'VirtualService', 'vs').spec).toMatchObject({ gateways: ['gw', 'mesh'] });
    expect(findObject(objs, 'DestinationRule', 'dr').spec).toEqual({ host: FQDN, subsets: [{ name: 'edition' }] });
  });

  test('fails when the profile does not declare the egress gateway', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, egressGateway: 'other-egress' }))
      .toThrow(/\[test\/cnn\] The mesh profile declares no egress gateway 'other-egress'/);
  });

  test('fails when the egress gateway name is one AKS refuses', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, egressGateway: 'Egress_GW' }))
      .toThrow(/\[test\/cnn\] 'egressGateway' "Egress_GW" is not a name AKS accepts/);
  });

  test('fails when the egress gateway name is longer than 53 characters', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, egressGateway: 'a'.repeat(54) })).toThrow(/is not a name AKS accepts/);
  });

  test('fails when the host is not a valid DNS name', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, host: 'edition cnn com' }))
      .toThrow(/\[test\/cnn\] 'host' "edition cnn com" is not a valid DNS name/);
  });

  test('fails when the host is a wildcard', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, host: '*.cnn.com' })).toThrow(/'host' "\*.cnn.com" is not a valid DNS name/);
  });

  test('fails when another ServiceEntry for the host does not resolve by DNS', () => {
    const chart = testChart(undefined, 'egress');
    EgressRoute.http(chart, 'cnn', seed);
    new ServiceEntry(chart, 'static', { hosts: ['edition.cnn.com'], resolution: ServiceEntryResolution.STATIC, endpoints: [{ address: '1.2.3.4' }] });
    expect(() => Testing.synth(chart))
      .toThrow(/\[test\/cnn\] ServiceEntry test\/static also declares 'edition.cnn.com' with resolution STATIC; hosts behind an AKS egress gateway must use DNS/);
  });

  test('fails when an additional port clashes with the mode\'s port', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, additionalServicePorts: [{ number: 80, name: 'web', protocol: ServiceEntryProtocol.HTTP }] }))
      .toThrow(/'additionalServicePorts\[0\]' \(80 'web'\) clashes with port 80 'http' that the HTTP route already declares/);
  });

  test('fails when the TLS origination ports clash', () => {
    expect(() => EgressRoute.tlsOrigination(testChart(), 'cnn', { ...seed, port: 443, tlsPort: 443 }))
      .toThrow(/uses port 443 both for plain HTTP \('port'\) and for TLS to the host \('tlsPort'\)/);
  });

  test('fails when the gateway port is not exposed by the egress gateway Service', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, gatewayPort: 8080 }))
      .toThrow(/'gatewayPort' 8080 is not a port of the egress gateway Service, which exposes only 80 and 443/);
  });

  test('fails when two routes in one namespace use the same object names', () => {
    const chart = testChart(undefined, 'egress');
    EgressRoute.http(chart, 'a', seed);
    EgressRoute.httpsPassthrough(chart, 'b', seed);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\] ServiceEntry 'cnn' is also defined at test\/b\/ServiceEntry\/Resource/);
  });

  test('fails when the name base is invalid', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, name: 'CNN' })).toThrow(/'name' "CNN" is not a valid name base/);
  });

  test('fails when the subset name is invalid', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, subsetName: 'a.b' })).toThrow(/'subsetName' "a.b" is not a valid subset name/);
  });

  test('fails when an object name override is invalid', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, names: { virtualService: 'Direct CNN' } }))
      .toThrow(/'names.virtualService' "Direct CNN" is not a valid Kubernetes name/);
  });

  test('fails when the namespace is invalid', () => {
    expect(() => EgressRoute.http(testChart(), 'cnn', { ...seed, namespace: 'Egress' })).toThrow(/'namespace' "Egress" is not a valid namespace name/);
  });
});
