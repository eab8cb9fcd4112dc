import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { GatewayAddress, GatewayApiGateway } from '../../src/k8s/gateway-api/gateway-api-gateway';
import { HttpRoute, HttpRouteRuleOptions } from '../../src/k8s/gateway-api/http-route';
import { AllowedRoutes, ListenerOptions, ListenerProtocol, ListenerTls } from '../../src/k8s/gateway-api/listener';
import { GrantFrom, GrantTo, ReferenceGrant } from '../../src/k8s/gateway-api/reference-grant';
import { PathMatch } from '../../src/k8s/path-match';
import { ServiceBackend } from '../../src/k8s/service-backend';
import { backends, concreteHost, dnsLabel, duration, headers, host, labels, maybe, method, name, pathMatch, port } from './arbitraries';
import { constructProperty } from './harness';

const listenerTls: fc.Arbitrary<ListenerTls | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.array(name, { minLength: 0, maxLength: 2 }).map(names => ListenerTls.terminate(...names)),
  fc.constant(ListenerTls.passthrough()),
);

const allowedRoutes: fc.Arbitrary<AllowedRoutes | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(AllowedRoutes.fromSameNamespace()),
  fc.constant(AllowedRoutes.fromAllNamespaces()),
  labels.map(l => AllowedRoutes.fromNamespacesWithLabels(l)),
);

const anyListener = fc.record({
  name, port, protocol: fc.constantFrom(...Object.values(ListenerProtocol), 'SCTP' as ListenerProtocol),
  hostname: maybe(host), allowedRoutes, tls: listenerTls,
});
/** A listener whose TLS fits its protocol, so most inputs reach the other rules. */
const fittingListener = fc.oneof(
  fc.record({ protocol: fc.constant(ListenerProtocol.HTTP), tls: fc.constant(undefined) }),
  fc.record({ protocol: fc.constant(ListenerProtocol.HTTPS), tls: name.map(n => ListenerTls.terminate(n)) }),
  fc.record({ protocol: fc.constant(ListenerProtocol.TLS), tls: fc.constant(ListenerTls.passthrough()) }),
).chain(pt => fc.record({
  name, port, protocol: fc.constant(pt.protocol), tls: fc.constant(pt.tls), hostname: maybe(host), allowedRoutes,
}));
const listener: fc.Arbitrary<ListenerOptions> = fc.oneof({ weight: 3, arbitrary: fittingListener }, { weight: 1, arbitrary: anyListener });

constructProperty('GatewayApiGateway', fc.record({
  name: maybe(name),
  gatewayClassName: maybe(fc.constantFrom('istio', 'istio-remote', 'Bad Class', '')),
  addresses: maybe(fc.array(fc.oneof(
    concreteHost.map(h => GatewayAddress.hostname(h)),
    fc.constantFrom('10.0.0.1', '2001:db8::1', '300.0.0.1', 'nope').map(a => GatewayAddress.ipAddress(a)),
  ), { maxLength: 2 })),
  listeners: fc.array(listener, { minLength: 0, maxLength: 3 }),
}), (chart, input) => {
  new GatewayApiGateway(chart, 'gw', {
    metadata: { name: input.name }, gatewayClassName: input.gatewayClassName, addresses: input.addresses, listeners: input.listeners,
  });
});

const hostileRoute = fc.record({
  hostnames: maybe(fc.array(host, { maxLength: 3 })),
  name: maybe(name),
  namespace: maybe(name),
  parent: fc.constantFrom('own', 'own', 'own-section', 'bad-section', 'none'),
  parentPort: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(80) }, { weight: 1, arbitrary: port }),
  rules: fc.oneof({ weight: 1, arbitrary: fc.constant<HttpRouteRuleOptions[]>([]) }, { weight: 7, arbitrary: fc.array(fc.record({
    matches: maybe(fc.array(fc.record({ path: maybe(pathMatch), headers: maybe(headers), method: maybe(method) }, { requiredKeys: [] }), { maxLength: 2 })),
    backends,
    timeout: maybe(duration),
  }), { minLength: 1, maxLength: 2 }) }),
});

/** Routes built from well-formed parts only, so the valid side (schemas, CEL, analysis) gets many inputs too. */
const tameRoute = fc.record({
  hostnames: maybe(fc.array(fc.tuple(dnsLabel(1, 10), fc.constantFrom('com', 'example.com')).map(([a, b]) => `${a}.${b}`), { maxLength: 2 })),
  name: maybe(dnsLabel(1, 20)),
  namespace: maybe(dnsLabel(1, 10)),
  parent: fc.constantFrom('own', 'own-section'),
  parentPort: fc.constantFrom(undefined, 80),
  rules: fc.array(fc.record({
    matches: maybe(fc.array(fc.record({
      path: maybe(fc.array(dnsLabel(1, 6), { maxLength: 3 }).chain(ls => fc.constantFrom(PathMatch.prefix(`/${ls.join('/')}`), PathMatch.exact(`/${ls.join('/')}`)))),
      method: maybe(fc.constantFrom('GET', 'POST')),
    }, { requiredKeys: [] }), { maxLength: 2 })),
    backends: fc.array(fc.record({ name: dnsLabel(1, 12), port: fc.integer({ min: 1, max: 65535 }) }).map(b => ServiceBackend.of(b.name, b.port)), { minLength: 1, maxLength: 2 }),
    timeout: maybe(fc.integer({ min: 1, max: 100_000 }).map(ms => Duration.millis(ms))),
  }), { minLength: 1, maxLength: 3 }),
});

constructProperty('HttpRoute', fc.oneof(hostileRoute, tameRoute), (chart, input) => {
  const route = new HttpRoute(chart, 'route', { metadata: { name: input.name, namespace: input.namespace }, hostnames: input.hostnames, rules: input.rules });
  if (input.parent !== 'none') {
    const gateway = new GatewayApiGateway(chart, 'gw', {
      metadata: { namespace: 'gateways' },
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.fromAllNamespaces() }],
    });
    const sectionName = input.parent === 'own-section' ? 'http' : input.parent === 'bad-section' ? 'https' : undefined;
    route.addParent(gateway, { sectionName, port: input.parentPort });
  }
});

constructProperty('ReferenceGrant', fc.record({
  from: fc.array(fc.tuple(fc.constantFrom('http', 'grpc', 'gateways'), name), { minLength: 0, maxLength: 3 }),
  to: fc.array(fc.tuple(fc.constantFrom('services', 'secrets'), maybe(name)), { minLength: 0, maxLength: 3 }),
  name: maybe(name),
}), (chart, input) => {
  new ReferenceGrant(chart, 'grant', {
    metadata: { name: input.name },
    from: input.from.map(([kind, ns]) => (kind === 'http' ? GrantFrom.httpRoutes(ns) : kind === 'grpc' ? GrantFrom.grpcRoutes(ns) : GrantFrom.gateways(ns))),
    to: input.to.map(([kind, n]) => (kind === 'services' ? GrantTo.services(n) : GrantTo.secrets(n))),
  });
});
