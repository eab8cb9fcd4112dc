import { Testing } from 'cdk8s';
import {
  EgressGatewayChart, EgressHttpChart, EgressHttpsChart, EgressTlsOriginationChart,
} from '../../examples/aks-istio-egress-gateways';
import { buildExampleApp } from '../../examples/app';
import { analyze, ConflictingGateways, ConflictingMeshHosts } from '../../src/analysis';
import { exampleProfile } from '../../examples/profile';
import { findObject, Manifest, nameOf, namespaceOf } from '../support/mesh-chart';

const FQDN = 'asm-egress-test.aks-istio-egress.svc.cluster.local';

function scenario(Chart: typeof EgressHttpChart | typeof EgressHttpsChart | typeof EgressTlsOriginationChart): Manifest[] {
  return Testing.synth(new Chart(Testing.app(), 'test', exampleProfile));
}

describe('aks-istio-egress-gateways example', () => {
  test.each([
    ['egress-http', EgressHttpChart],
    ['egress-https', EgressHttpsChart],
    ['egress-tls-origination', EgressTlsOriginationChart],
  ] as const)('%s: namespace first, labelled for injection, with the curl client', (namespace, Chart) => {
    const objs = scenario(Chart);
    expect(objs).toMatchSnapshot();
    expect(objs[0]).toEqual({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { 'istio.io/rev': 'asm-1-30' } },
    });
    expect(objs.slice(1).every(o => namespaceOf(o) === namespace)).toBe(true);
    const curl = findObject(objs, 'Deployment', 'curl');
    expect(curl.spec).toMatchObject({
      template: { spec: { serviceAccountName: 'curl', containers: [{ name: 'curl', image: 'curlimages/curl', command: ['/bin/sleep', 'infinity'] }] } },
    });
    findObject(objs, 'ServiceAccount', 'curl');
    expect(findObject(objs, 'Service', 'curl').spec).toEqual({ ports: [{ port: 80, name: 'http' }], selector: { app: 'curl' } });
  });

  test('HTTP scenario has the seed specs', () => {
    const objs = scenario(EgressHttpChart);
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
        { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: FQDN, subset: 'cnn', port: { number: 80 } }, weight: 100 }] },
        { match: [{ gateways: ['istio-egressgateway'], port: 80 }], route: [{ destination: { host: 'edition.cnn.com', port: { number: 80 } }, weight: 100 }] },
      ],
    });
  });

  test('HTTPS scenario has the seed specs', () => {
    const objs = scenario(EgressHttpsChart);
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

  test('TLS origination scenario has the seed specs', () => {
    const objs = scenario(EgressTlsOriginationChart);
    expect(findObject(objs, 'ServiceEntry', 'cnn').spec).toEqual({
      hosts: ['edition.cnn.com'],
      ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
    });
    expect(findObject(objs, 'Gateway', 'istio-egressgateway').spec).toEqual({
      selector: { istio: 'asm-egress-test' },
      servers: [{ port: { number: 80, name: 'https-port-for-tls-origination', protocol: 'HTTPS' }, hosts: ['edition.cnn.com'], tls: { mode: 'ISTIO_MUTUAL' } }],
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
        { match: [{ gateways: ['mesh'], port: 80 }], route: [{ destination: { host: FQDN, subset: 'cnn', port: { number: 80 } }, weight: 100 }] },
        { match: [{ gateways: ['istio-egressgateway'], port: 80 }], route: [{ destination: { host: 'edition.cnn.com', port: { number: 443 } }, weight: 100 }] },
      ],
    });
    expect(findObject(objs, 'DestinationRule', 'originate-tls-for-edition-cnn-com').spec).toEqual({
      host: 'edition.cnn.com',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
    });
  });

  test('the egress gateway chart holds its namespace and StaticGatewayConfiguration', () => {
    const objs = Testing.synth(new EgressGatewayChart(Testing.app(), 'test', exampleProfile));
    expect(objs).toMatchSnapshot();
    expect(objs.map(o => `${o.kind}/${nameOf(o)}`)).toEqual(['Namespace/aks-istio-egress', 'StaticGatewayConfiguration/asm-egress-test-sgc']);
    expect(findObject(objs, 'StaticGatewayConfiguration', 'asm-egress-test-sgc')).toEqual({
      apiVersion: 'egressgateway.kubernetes.azure.com/v1alpha1',
      kind: 'StaticGatewayConfiguration',
      metadata: { name: 'asm-egress-test-sgc', namespace: 'aks-istio-egress' },
      spec: { gatewayNodepoolName: 'gwpool', provisionPublicIps: true },
    });
  });

  test('the example app has the REGISTRY_ONLY shared MeshConfig once, and the egress charts', () => {
    const app = buildExampleApp();
    const all = app.charts.flatMap(c => c.toJson() as Manifest[]);
    const configMaps = all.filter(o => o.kind === 'ConfigMap' && nameOf(o) === 'istio-shared-configmap-asm-1-30');
    expect(configMaps).toHaveLength(1);
    expect(configMaps[0]).toMatchObject({ metadata: { namespace: 'aks-istio-system' } });
    const mesh = (configMaps[0].data as { mesh: string }).mesh;
    expect(mesh).toContain('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY');
    expect(app.charts.map(c => c.node.id)).toEqual(expect.arrayContaining(['aks-istio-egress-gateways-gateway', 'aks-istio-egress-gateways-http']));
  });

  test('the three scenarios are alternatives: on one cluster they claim the same mesh host and egress port', () => {
    // GIVEN
    const objects = [EgressHttpChart, EgressHttpsChart, EgressTlsOriginationChart].flatMap(scenario);
    // WHEN
    const findings = analyze(objects.map(object => ({ object })), { rules: [ConflictingMeshHosts, ConflictingGateways] });
    // THEN
    expect(findings.map(f => `${f.code} ${f.object.kind} ${f.object.namespace}/${f.object.name}`).sort()).toEqual([
      'AIM127 VirtualService egress-http/direct-cnn-through-egress-gateway',
      'AIM127 VirtualService egress-https/direct-cnn-through-egress-gateway',
      'AIM127 VirtualService egress-tls-origination/direct-cnn-through-egress-gateway',
      'AIM128 Gateway egress-http/istio-egressgateway',
      'AIM128 Gateway egress-tls-origination/istio-egressgateway',
    ]);
  });
});
