import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildExampleApp } from '../../examples/app';
import { findObject, Manifest, nameOf, namespaceOf } from '../support/mesh-chart';

const app = buildExampleApp({ outdir: mkdtempSync(join(tmpdir(), 'aim-examples-')) });
const byChart = new Map(app.charts.map(c => [c.node.id, c.toJson() as Manifest[]]));
const all = [...byChart.values()].flat();
const chart = (id: string) => byChart.get(id)!;

// The seeds' manifests, copied from ../shared/seeds (apiVersion updated to networking.istio.io/v1 as the issue asks).
const bookinfoHttp = parse(`
- match:
  - uri: { exact: /productpage }
  - uri: { prefix: /static }
  - uri: { exact: /login }
  - uri: { exact: /logout }
  - uri: { prefix: /api/v1/products }
  route:
  - destination: { host: productpage, port: { number: 9080 } }
`);

describe('examples reproduce the seeds', () => {
  test.each([...byChart.keys()])('chart %s matches its snapshot', id => {
    expect(chart(id)).toMatchSnapshot();
  });

  test('aks-istio-ingress-gateways.md: external and internal bookinfo Gateways and VirtualServices', () => {
    const objs = chart('aks-istio-ingress-gateways');
    for (const [gw, vs, type] of [['bookinfo-gateway-external', 'bookinfo-vs-external', 'external'], ['bookinfo-internal-gateway', 'bookinfo-vs-internal', 'internal']]) {
      const gateway = findObject(objs, 'Gateway', gw);
      expect(gateway.apiVersion).toBe('networking.istio.io/v1');
      expect(gateway.spec).toEqual({
        selector: { istio: `aks-istio-ingressgateway-${type}` },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
      });
      const virtualService = findObject(objs, 'VirtualService', vs);
      expect(virtualService.apiVersion).toBe('networking.istio.io/v1');
      expect(virtualService.spec).toEqual({ hosts: ['*'], gateways: [gw], http: bookinfoHttp });
    }
  });

  test('aks-istio-gateway-api.md: Gateway `gateway` bound to the managed Service, HTTPRoutes in pets', () => {
    const objs = chart('aks-istio-gateway-api');
    const gateway = findObject(objs, 'Gateway', 'gateway');
    expect(gateway.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(namespaceOf(gateway)).toBe('aks-istio-ingress');
    expect(gateway.spec).toEqual(parse(`
      gatewayClassName: istio
      addresses:
      - value: aks-istio-ingressgateway-external
        type: Hostname
      listeners:
      - name: default
        hostname: "*.aks.rocks"
        protocol: HTTP
        port: 80
        allowedRoutes:
          namespaces:
            from: All
    `));
    for (const [name, host] of [['store-admin', 'admin.aks.rocks'], ['store-front', 'store.aks.rocks']]) {
      const route = findObject(objs, 'HTTPRoute', name);
      expect(namespaceOf(route)).toBe('pets');
      expect(route.spec).toEqual({
        parentRefs: [{ name: 'gateway', namespace: 'aks-istio-ingress' }],
        hostnames: [host],
        rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name, port: 80 }] }],
      });
    }
    expect(findObject(objs, 'Namespace', 'pets').metadata).toEqual({ name: 'pets', labels: { 'istio.io/rev': 'asm-1-30' } });
  });

  test('istio-ingress-gateways.md: httpbin through the AKS external gateway, Istio API', () => {
    const objs = chart('istio-ingress-gateways-istio-api');
    expect(findObject(objs, 'Gateway', 'httpbin-gateway').spec).toEqual({
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['httpbin.example.com'] }],
    });
    expect(findObject(objs, 'VirtualService', 'httpbin').spec).toEqual({
      hosts: ['httpbin.example.com'],
      gateways: ['httpbin-gateway'],
      http: [{ match: [{ uri: { prefix: '/status' } }, { uri: { prefix: '/delay' } }], route: [{ destination: { port: { number: 8000 }, host: 'httpbin' } }] }],
    });
  });

  test('istio-ingress-gateways.md: the Gateway API variant in another namespace', () => {
    const objs = chart('istio-ingress-gateways-gateway-api');
    const gateway = findObject(objs, 'Gateway', 'httpbin-gateway');
    expect(namespaceOf(gateway)).toBe('httpbin-gateway-api');
    expect(gateway.spec).toEqual({
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', hostname: 'httpbin.example.com', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    expect(findObject(objs, 'HTTPRoute', 'httpbin').spec).toEqual({
      parentRefs: [{ name: 'httpbin-gateway' }],
      hostnames: ['httpbin.example.com'],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/status' } }, { path: { type: 'PathPrefix', value: '/delay' } }],
        backendRefs: [{ name: 'httpbin', port: 8000 }],
      }],
    });
  });

  test('istio-ingress-legacy.md: Ingress simple-ingress of class istio', () => {
    const ingress = findObject(chart('istio-ingress-legacy'), 'Ingress', 'simple-ingress');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.spec).toEqual({
      ingressClassName: 'istio',
      rules: [{ http: { paths: ['/status', '/delay'].map(path => ({ path, pathType: 'Prefix', backend: { service: { name: 'httpbin', port: { number: 8000 } } } })) } }],
    });
    const meshConfig = findObject(chart('mesh-platform'), 'ConfigMap', 'istio-shared-configmap-asm-1-30');
    expect(parse((meshConfig.data as { mesh: string }).mesh)).toMatchObject({
      ingressService: 'aks-istio-ingressgateway-external',
      ingressSelector: 'aks-istio-ingressgateway-external',
    });
  });

  test('no two objects share API group, kind, namespace and name', () => {
    const keys = all.map(o => `${String(o.apiVersion).split('/').slice(0, -1).join('/')}|${o.kind}|${namespaceOf(o) ?? ''}|${nameOf(o)}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  test('every namespaced chart creates its namespace before anything in it', () => {
    for (const [id, objs] of byChart) {
      const seen = new Set<string>(['aks-istio-system', 'aks-istio-ingress', 'aks-istio-egress']);
      for (const o of objs) {
        if (o.kind === 'Namespace') seen.add(nameOf(o)!);
        const ns = namespaceOf(o);
        if (ns !== undefined) expect({ chart: id, namespace: ns, known: seen.has(ns) }).toEqual({ chart: id, namespace: ns, known: true });
      }
    }
  });
});
