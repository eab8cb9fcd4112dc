import { Testing } from 'cdk8s';
import { IstioIngress } from '../../../src/k8s/aks/istio-ingress';
import { SharedMeshConfig } from '../../../src/k8s/aks/shared-mesh-config';
import { PathMatch } from '../../../src/k8s/path-match';
import { ServiceBackend } from '../../../src/k8s/service-backend';
import { IngressGatewayType } from '../../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { findObject, TEST_NOW, testChart } from '../../support/mesh-chart';

const paths = [
  { path: PathMatch.prefix('/status'), backend: ServiceBackend.of('httpbin', 8000) },
  { path: PathMatch.exact('/delay'), backend: ServiceBackend.of('httpbin', 8000) },
];

describe('IstioIngress', () => {
  test('renders a class istio Ingress and points the MeshConfig at the AKS gateway', () => {
    // GIVEN
    const chart = testChart(undefined, 'httpbin');
    const meshConfig = new SharedMeshConfig(chart, 'mesh');
    // WHEN
    new IstioIngress(chart, 'ingress', { metadata: { name: 'simple-ingress' }, meshConfig, rules: [{ paths }] });
    // THEN
    const objs = Testing.synth(chart);
    expect(objs).toMatchSnapshot();
    expect(findObject(objs, 'Ingress', 'simple-ingress').spec).toEqual({
      ingressClassName: 'istio',
      rules: [{ http: { paths: [
        { path: '/status', pathType: 'Prefix', backend: { service: { name: 'httpbin', port: { number: 8000 } } } },
        { path: '/delay', pathType: 'Exact', backend: { service: { name: 'httpbin', port: { number: 8000 } } } },
      ] } }],
    });
    expect(meshConfig.kubernetesIngressGateway).toBe(IngressGatewayType.EXTERNAL);
    expect(findObject(objs, 'IngressClass', 'istio').spec).toEqual({ controller: 'istio.io/ingress-controller' });
  });

  test('serves hosts through the internal gateway', () => {
    const chart = testChart();
    const meshConfig = new SharedMeshConfig(chart, 'mesh');
    new IstioIngress(chart, 'ingress', { meshConfig, gateway: IngressGatewayType.INTERNAL, rules: [{ host: 'a.example.com', paths }] });
    expect(Testing.synth(chart).find(o => o.kind === 'Ingress')!.spec.rules[0].host).toBe('a.example.com');
    expect(meshConfig.meshConfig.ingressSelector).toBe('aks-istio-ingressgateway-internal');
  });

  test('fails when no MeshConfig is given, with the reason', () => {
    expect(() => new IstioIngress(testChart(), 'ingress', { rules: [{ paths }] } as never))
      .toThrow("[test/ingress] 'meshConfig' is required: on AKS, class 'istio' Ingresses only work once the shared MeshConfig points");
  });

  test('fails when the profile does not enable the gateway', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-30'] }, { now: TEST_NOW }));
    expect(() => new IstioIngress(chart, 'ingress', { meshConfig: new SharedMeshConfig(chart, 'mesh'), rules: [{ paths }] }))
      .toThrow('the mesh profile does not enable the external ingress gateway');
  });

  test('fails on regex paths, bad hosts, empty rules and cross-namespace backends', () => {
    const chart = testChart();
    const meshConfig = new SharedMeshConfig(chart, 'mesh');
    expect(() => new IstioIngress(chart, 'a', { meshConfig, rules: [{ paths: [{ path: PathMatch.regex('/x.*'), backend: ServiceBackend.of('a', 80) }] }] }))
      .toThrow('is a regex match, which Ingress does not have');
    expect(() => new IstioIngress(chart, 'b', { meshConfig, rules: [{ host: '*', paths }] })).toThrow("'rules[0].host' \"*\" is not a valid host name");
    expect(() => new IstioIngress(chart, 'c', { meshConfig, rules: [] })).toThrow("'rules' is empty");
    expect(() => new IstioIngress(chart, 'd', { meshConfig, rules: [{ paths: [] }] })).toThrow("'rules[0].paths' is empty");
    expect(() => new IstioIngress(chart, 'e', { meshConfig, rules: [{ paths: [{ path: PathMatch.prefix('/'), backend: ServiceBackend.of('a', 80, { namespace: 'other' }) }] }] }))
      .toThrow('an Ingress can only send to Services in its own namespace');
  });
});
