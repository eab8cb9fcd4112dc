import { Manifest, Severity } from '../../src/analysis';
import { buildTopology, renderMermaid, Topology, TopologyEdgeKind, TopologyNode, TopologyNodeKind } from '../../src/graph';
import { GWAPI, ISTIO, obj, profile } from '../analysis/helpers';

const manifests = (...objects: Record<string, unknown>[]): Manifest[] => objects.map(object => ({ object, file: 'test.yaml' }));

function node(topology: Topology, id: string): TopologyNode {
  const found = topology.nodes.find(n => n.id === id);
  if (!found) throw new Error(`no node ${id}; nodes: ${topology.nodes.map(n => n.id).join(', ')}`);
  return found;
}

/** `from -kind-> to [label]` for every edge, for compact assertions. */
function edges(topology: Topology): string[] {
  return topology.edges.map(e => `${e.from} -${e.kind}-> ${e.to}${e.label !== undefined ? ` [${e.label}]` : ''}${e.assumed ? ' (assumed)' : ''}`);
}

const bookinfoGateway = obj(ISTIO, 'Gateway', 'bookinfo', 'bookinfo-gw', {
  selector: { istio: 'aks-istio-ingressgateway-external' },
  servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['bookinfo.example.com'], tls: { mode: 'SIMPLE', credentialName: 'bookinfo-cert' } }],
});
const bookinfoVs = obj(ISTIO, 'VirtualService', 'bookinfo', 'bookinfo', {
  hosts: ['bookinfo.example.com'],
  gateways: ['bookinfo-gw'],
  http: [{
    match: [{ uri: { prefix: '/reviews' } }],
    route: [{ destination: { host: 'reviews', port: { number: 9080 }, subset: 'v1' }, weight: 90 },
      { destination: { host: 'reviews.bookinfo.svc.cluster.local', port: { number: 9080 }, subset: 'v2' }, weight: 10 }],
  }],
});
const reviewsDr = obj(ISTIO, 'DestinationRule', 'bookinfo', 'reviews', {
  host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { version: 'v2' } }],
});
const reviewsService = obj('v1', 'Service', 'bookinfo', 'reviews', { ports: [{ port: 9080 }] });

describe('buildTopology', () => {
  test('Istio ingress: managed gateway, Istio Gateway, host, VirtualService, subsets, Service', () => {
    // WHEN
    const topology = buildTopology(manifests(bookinfoGateway, bookinfoVs, reviewsDr, reviewsService), { profile });
    // THEN
    expect(node(topology, 'managed-ingress:external')).toMatchObject({
      kind: TopologyNodeKind.MANAGED_INGRESS_GATEWAY, inInput: true,
      details: ['Service aks-istio-ingress/aks-istio-ingressgateway-external', 'ports 80, 443'],
    });
    expect(node(topology, 'istio-gateway:bookinfo/bookinfo-gw')).toMatchObject({
      kind: TopologyNodeKind.ISTIO_GATEWAY,
      details: ['server HTTPS :443 bookinfo.example.com tls SIMPLE (bookinfo-cert)'],
      objects: [{ apiVersion: ISTIO, kind: 'Gateway', namespace: 'bookinfo', name: 'bookinfo-gw' }],
    });
    expect(node(topology, 'route:VirtualService:bookinfo/bookinfo@bookinfo/bookinfo-gw')).toMatchObject({
      kind: TopologyNodeKind.ROUTE, label: 'VirtualService bookinfo/bookinfo', details: ['prefix /reviews'],
    });
    expect(node(topology, 'subset:service:bookinfo/reviews|v1')).toMatchObject({ kind: TopologyNodeKind.SUBSET, details: ['labels version=v1'], inInput: true });
    expect(node(topology, 'service:bookinfo/reviews')).toMatchObject({ kind: TopologyNodeKind.SERVICE, inInput: true, details: [] });
    expect(edges(topology)).toEqual([
      'host:istio-gateway:bookinfo/bookinfo-gw|bookinfo.example.com -routes-> route:VirtualService:bookinfo/bookinfo@bookinfo/bookinfo-gw',
      'istio-gateway:bookinfo/bookinfo-gw -serves-> host:istio-gateway:bookinfo/bookinfo-gw|bookinfo.example.com',
      'managed-ingress:external -configures-> istio-gateway:bookinfo/bookinfo-gw [selector]',
      'route:VirtualService:bookinfo/bookinfo@bookinfo/bookinfo-gw -sends-to-> subset:service:bookinfo/reviews|v1 [:9080 90%]',
      'route:VirtualService:bookinfo/bookinfo@bookinfo/bookinfo-gw -sends-to-> subset:service:bookinfo/reviews|v2 [:9080 10%]',
      'subset:service:bookinfo/reviews|v1 -subset-of-> service:bookinfo/reviews',
      'subset:service:bookinfo/reviews|v2 -subset-of-> service:bookinfo/reviews',
    ]);
    // the credential has no Secret in the set: AIM204 on the Gateway only
    expect(topology.nodes.filter(n => n.findings.length > 0).map(n => `${n.id} ${n.findings.map(f => f.code).join()}`))
      .toEqual(['istio-gateway:bookinfo/bookinfo-gw AIM204']);
  });

  test('Gateway API: Gateway bound to the managed Service by address, listeners, HTTPRoute hosts and weighted backends', () => {
    // GIVEN
    const gateway = obj(GWAPI, 'Gateway', 'aks-istio-ingress', 'gateway', {
      gatewayClassName: 'istio',
      addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external.aks-istio-ingress.svc.cluster.local' }],
      listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'wild-cert' }] }, allowedRoutes: { namespaces: { from: 'Same' } } }],
    });
    const route = obj(GWAPI, 'HTTPRoute', 'aks-istio-ingress', 'shop', {
      parentRefs: [{ name: 'gateway', sectionName: 'https' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/cart' } }], backendRefs: [{ name: 'cart', port: 80, weight: 80 }, { name: 'cart-next', port: 80, weight: 20 }] }],
    });
    const cart = obj('v1', 'Service', 'aks-istio-ingress', 'cart');
    // WHEN
    const topology = buildTopology(manifests(gateway, route, cart), { profile });
    // THEN
    expect(node(topology, 'gateway-api:aks-istio-ingress/gateway')).toMatchObject({
      kind: TopologyNodeKind.GATEWAY_API_GATEWAY,
      details: ['class istio', 'address Hostname aks-istio-ingressgateway-external.aks-istio-ingress.svc.cluster.local',
        'listener https HTTPS :443 *.example.com tls Terminate (wild-cert)'],
    });
    expect(node(topology, 'route:HTTPRoute:aks-istio-ingress/shop')).toMatchObject({ label: 'HTTPRoute aks-istio-ingress/shop', details: ['PathPrefix /cart'] });
    expect(node(topology, 'service:aks-istio-ingress/cart').inInput).toBe(true);
    expect(node(topology, 'service:aks-istio-ingress/cart-next')).toMatchObject({ inInput: false, details: ['not in the input'] });
    expect(edges(topology)).toEqual([
      'gateway-api:aks-istio-ingress/gateway -serves-> host:gateway-api:aks-istio-ingress/gateway|shop.example.com [https]',
      'host:gateway-api:aks-istio-ingress/gateway|shop.example.com -routes-> route:HTTPRoute:aks-istio-ingress/shop',
      'managed-ingress:external -configures-> gateway-api:aks-istio-ingress/gateway [address]',
      'route:HTTPRoute:aks-istio-ingress/shop -sends-to-> service:aks-istio-ingress/cart [:80 weight 80]',
      'route:HTTPRoute:aks-istio-ingress/shop -sends-to-> service:aks-istio-ingress/cart-next [:80 weight 20]',
    ]);
  });

  test('Gateway API: an automated deployment is its own entry point; a route without hostnames takes the listener hostname', () => {
    // GIVEN
    const gateway = obj(GWAPI, 'Gateway', 'web', 'web-gw', {
      gatewayClassName: 'istio', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'web.example.com' }],
    }, { metadata: { annotations: { 'gateway.istio.io/name-override': 'web-lb' } } });
    const route = obj(GWAPI, 'HTTPRoute', 'web', 'web', { parentRefs: [{ name: 'web-gw' }], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] });
    const grpc = obj(GWAPI, 'GRPCRoute', 'web', 'greeter', {
      parentRefs: [{ name: 'web-gw' }], rules: [{ matches: [{ method: { service: 'helloworld.Greeter', method: 'SayHello' } }], backendRefs: [{ name: 'greeter', port: 50051 }] }],
    });
    // WHEN
    const topology = buildTopology(manifests(gateway, route, grpc));
    // THEN
    expect(node(topology, 'gateway-api:web/web-gw').details).toContain('automated deployment: Service web-lb');
    expect(node(topology, 'route:GRPCRoute:web/greeter')).toMatchObject({ details: ['grpc helloworld.Greeter/SayHello'] });
    expect(edges(topology)).toContain('route:GRPCRoute:web/greeter -sends-to-> service:web/greeter [:50051]');
    expect(topology.nodes.some(n => n.kind === TopologyNodeKind.MANAGED_INGRESS_GATEWAY)).toBe(false);
    expect(edges(topology)).toContain('gateway-api:web/web-gw -serves-> host:gateway-api:web/web-gw|web.example.com');
  });

  test('Ingress of class istio: entry through the managed gateway the shared MeshConfig names', () => {
    // GIVEN
    const ingress = obj('networking.k8s.io/v1', 'Ingress', 'legacy', 'legacy', {
      ingressClassName: 'istio',
      rules: [{ host: 'legacy.example.com', http: { paths: [{ path: '/status', pathType: 'Prefix', backend: { service: { name: 'httpbin', port: { number: 8000 } } } }] } }],
    });
    const ingressClass = obj('networking.k8s.io/v1', 'IngressClass', undefined, 'istio', { controller: 'istio.io/ingress-controller' });
    const meshConfig = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-shared-configmap-asm-1-30', namespace: 'aks-istio-system' },
      data: { mesh: 'ingressService: aks-istio-ingressgateway-external\ningressSelector: aks-istio-ingressgateway-external\n' } };
    // WHEN
    const linked = buildTopology(manifests(ingress, ingressClass, meshConfig));
    const unlinked = buildTopology(manifests(ingress, ingressClass));
    // THEN
    expect(node(linked, 'ingress-class:istio')).toMatchObject({ kind: TopologyNodeKind.INGRESS_CLASS, details: ['controller istio.io/ingress-controller'] });
    expect(node(linked, 'route:Ingress:legacy/legacy')).toMatchObject({ label: 'Ingress legacy/legacy', details: ['Prefix /status'] });
    expect(edges(linked)).toEqual([
      'host:ingress-class:istio|legacy.example.com -routes-> route:Ingress:legacy/legacy',
      'ingress-class:istio -serves-> host:ingress-class:istio|legacy.example.com',
      'managed-ingress:external -configures-> ingress-class:istio [ingressService]',
      'route:Ingress:legacy/legacy -sends-to-> service:legacy/httpbin [:8000]',
    ]);
    expect(node(unlinked, 'ingress-class:istio').details).toContain('no shared MeshConfig points ingressService at a managed gateway');
    expect(edges(unlinked).some(e => e.startsWith('managed-ingress:'))).toBe(false);
  });

  describe('egress', () => {
    const egressObjects = () => manifests(
      obj('v1', 'Namespace', undefined, 'shop', {}, { metadata: { labels: { 'istio.io/rev': 'asm-1-30' } } }),
      obj('apps/v1', 'Deployment', 'shop', 'checkout'),
      obj(ISTIO, 'Sidecar', 'shop', 'registry-only', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } }),
      obj(ISTIO, 'ServiceEntry', 'shop', 'payments', { hosts: ['api.payments.example'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }], resolution: 'DNS' }),
      obj(ISTIO, 'Gateway', 'shop', 'egress-gw', {
        selector: { istio: 'egress' }, servers: [{ port: { number: 443, name: 'tls', protocol: 'TLS' }, hosts: ['api.payments.example'], tls: { mode: 'PASSTHROUGH' } }],
      }),
      obj(ISTIO, 'DestinationRule', 'shop', 'egress-for-payments', { host: 'egress.aks-istio-egress.svc.cluster.local', subsets: [{ name: 'payments' }] }),
      obj(ISTIO, 'VirtualService', 'shop', 'payments', {
        hosts: ['api.payments.example'], gateways: ['mesh', 'egress-gw'],
        tls: [
          { match: [{ gateways: ['mesh'], port: 443, sniHosts: ['api.payments.example'] }], route: [{ destination: { host: 'egress.aks-istio-egress.svc.cluster.local', port: { number: 443 }, subset: 'payments' } }] },
          { match: [{ gateways: ['egress-gw'], port: 443, sniHosts: ['api.payments.example'] }], route: [{ destination: { host: 'api.payments.example', port: { number: 443 } } }] },
        ],
      }),
    );

    test('namespace to egress gateway to ServiceEntry host, with the profile', () => {
      // WHEN
      const topology = buildTopology(egressObjects(), { profile });
      // THEN
      expect(node(topology, 'namespace:shop')).toMatchObject({
        kind: TopologyNodeKind.NAMESPACE, details: ['workloads checkout', 'Sidecar registry-only: outbound REGISTRY_ONLY'],
      });
      expect(node(topology, 'egress:aks-istio-egress/egress')).toMatchObject({
        kind: TopologyNodeKind.EGRESS_GATEWAY, details: ['Service aks-istio-egress/egress', 'selector istio=egress'],
      });
      expect(node(topology, 'route:VirtualService:shop/payments@mesh').label).toBe('VirtualService shop/payments (mesh)');
      expect(node(topology, 'route:VirtualService:shop/payments@shop/egress-gw')).toMatchObject({
        label: 'VirtualService shop/payments (via egress-gw)', details: ['tls sni api.payments.example'],
      });
      expect(node(topology, 'service-entry:shop/payments')).toMatchObject({
        kind: TopologyNodeKind.SERVICE_ENTRY, details: ['api.payments.example', 'resolution DNS', 'ports TLS :443'],
      });
      expect(edges(topology)).toEqual([
        'egress:aks-istio-egress/egress -configures-> istio-gateway:shop/egress-gw [selector]',
        'host:istio-gateway:shop/egress-gw|api.payments.example -routes-> route:VirtualService:shop/payments@shop/egress-gw',
        'istio-gateway:shop/egress-gw -serves-> host:istio-gateway:shop/egress-gw|api.payments.example',
        'namespace:shop -routes-> route:VirtualService:shop/payments@mesh [api.payments.example]',
        'route:VirtualService:shop/payments@mesh -sends-to-> subset:egress:aks-istio-egress/egress|payments [:443]',
        'route:VirtualService:shop/payments@shop/egress-gw -sends-to-> service-entry:shop/payments [:443]',
        'subset:egress:aks-istio-egress/egress|payments -subset-of-> egress:aks-istio-egress/egress',
      ]);
    });

    test('without a profile the egress gateway comes from the route and its selector link is marked assumed', () => {
      // WHEN
      const topology = buildTopology(egressObjects());
      // THEN
      expect(node(topology, 'egress:aks-istio-egress/egress').details).toEqual(['Service aks-istio-egress/egress']);
      expect(node(topology, 'istio-gateway:shop/egress-gw').details).toContain('selector istio=egress');
      expect(edges(topology)).toContain('egress:aks-istio-egress/egress -configures-> istio-gateway:shop/egress-gw [selector istio=egress (assumed, no profile)] (assumed)');
      expect(renderMermaid(topology)).toMatch(/n\d+ -\.->\|"selector istio=egress \(assumed, no profile\)"\| n\d+/);
    });
  });

  test('a destination no Service or ServiceEntry declares is an external host', () => {
    // GIVEN
    const vs = obj(ISTIO, 'VirtualService', 'shop', 'ext', { hosts: ['api.example.org'], http: [{ route: [{ destination: { host: 'api.example.org' } }] }] });
    // WHEN
    const topology = buildTopology(manifests(vs));
    // THEN
    expect(node(topology, 'external:api.example.org')).toMatchObject({ kind: TopologyNodeKind.EXTERNAL_HOST, inInput: false, details: ['no ServiceEntry declares it'] });
    expect(edges(topology)).toContain('route:VirtualService:shop/ext@mesh -sends-to-> external:api.example.org');
  });

  test('findings go on the nodes of their objects; objects without a node get one', () => {
    // GIVEN: AIM102 (missing gateway), AIM105 (missing subset) on the VirtualService, AIM114 on a namespace
    const vs = obj(ISTIO, 'VirtualService', 'shop', 'shop', {
      hosts: ['shop.example.com'], gateways: ['missing-gw'],
      http: [{ route: [{ destination: { host: 'cart', subset: 'v9' } }] }],
    });
    const legacy = obj('v1', 'Namespace', undefined, 'legacy', {}, { metadata: { labels: { 'istio-injection': 'enabled' } } });
    // WHEN
    const topology = buildTopology(manifests(vs, legacy), { profile });
    // THEN
    const route = node(topology, 'route:VirtualService:shop/shop@shop/missing-gw');
    expect(route.findings.map(f => `${f.severity} ${f.code}`)).toEqual(['error AIM102', 'error AIM105']);
    expect(node(topology, 'istio-gateway:shop/missing-gw')).toMatchObject({ inInput: false, details: ['not in the input'] });
    expect(node(topology, 'subset:service:shop/cart|v9')).toMatchObject({ inInput: false, details: ['no DestinationRule defines it'] });
    const namespace = node(topology, 'object:|Namespace||legacy');
    expect(namespace).toMatchObject({ kind: TopologyNodeKind.OBJECT, label: 'Namespace legacy' });
    expect(namespace.findings).toEqual([expect.objectContaining({ code: 'AIM114', severity: Severity.WARNING })]);
    // and `findings: []` leaves them off
    expect(buildTopology(manifests(vs, legacy), { profile, findings: [] }).nodes.flatMap(n => n.findings)).toEqual([]);
  });

  test('a managed gateway the profile does not enable is drawn dashed and says so', () => {
    // GIVEN: the test profile enables the external gateway only
    const gw = obj(ISTIO, 'Gateway', 'shop', 'internal', {
      selector: { istio: 'aks-istio-ingressgateway-internal' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop.internal'] }],
    });
    // WHEN
    const topology = buildTopology(manifests(gw), { profile });
    // THEN
    expect(node(topology, 'managed-ingress:internal')).toMatchObject({ inInput: false, details: expect.arrayContaining(['not enabled in the profile']) });
    // unused gateways are not drawn, even when the profile enables them
    expect(topology.nodes.map(n => n.id)).not.toContain('managed-ingress:external');
    expect(node(topology, 'istio-gateway:shop/internal').findings.map(f => f.code)).toEqual(['AIM110']);
  });

  test('the same objects in any order give the same topology', () => {
    // GIVEN
    const objects = [bookinfoGateway, bookinfoVs, reviewsDr, reviewsService,
      obj(ISTIO, 'DestinationRule', 'other', 'reviews-too', { host: 'reviews.bookinfo.svc.cluster.local', subsets: [{ name: 'v1', labels: { track: 'stable' } }] }),
      obj('v1', 'Namespace', undefined, 'legacy', {}, { metadata: { labels: { 'istio-injection': 'enabled' } } })];
    // WHEN
    const forward = buildTopology(manifests(...objects), { profile });
    const backward = buildTopology(manifests(...[...objects].reverse()), { profile });
    // THEN
    expect(backward).toEqual(forward);
    expect(renderMermaid(backward)).toBe(renderMermaid(forward));
  });

  test('every node and edge kind is produced by the cases above', () => {
    // GIVEN: all of the objects above in one set
    const all = [bookinfoGateway, bookinfoVs, reviewsDr, reviewsService,
      obj(GWAPI, 'Gateway', 'web', 'web-gw', { gatewayClassName: 'istio', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }),
      obj(GWAPI, 'HTTPRoute', 'web', 'web', { parentRefs: [{ name: 'web-gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }),
      obj('networking.k8s.io/v1', 'Ingress', 'legacy', 'legacy', { ingressClassName: 'nginx', defaultBackend: { service: { name: 'old', port: { number: 80 } } } }),
      obj(ISTIO, 'ServiceEntry', 'shop', 'ext', { hosts: ['ext.example.com'], resolution: 'DNS' }),
      obj(ISTIO, 'VirtualService', 'shop', 'ext', { hosts: ['ext.example.com', 'other.example.com'], http: [{ route: [{ destination: { host: 'ext.example.com' } }, { destination: { host: 'egress.aks-istio-egress.svc.cluster.local' } }, { destination: { host: 'other.example.com' } }] }] }),
      obj('v1', 'Namespace', undefined, 'legacy-ns', {}, { metadata: { labels: { 'istio-injection': 'enabled' } } }),
    ];
    // WHEN
    const topology = buildTopology(manifests(...all), { profile });
    // THEN
    expect(new Set(topology.nodes.map(n => n.kind))).toEqual(new Set(Object.values(TopologyNodeKind)));
    expect(new Set(topology.edges.map(e => e.kind))).toEqual(new Set(Object.values(TopologyEdgeKind)));
  });
});
