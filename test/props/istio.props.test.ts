import * as fc from 'fast-check';
import { DestinationRule } from '../../src/k8s/istio/destination-rule';
import { ClientTls, LoadBalancerAlgorithm } from '../../src/k8s/istio/traffic-policy';
import { GatewaySelector } from '../../src/k8s/istio/gateway-selector';
import { IstioGateway } from '../../src/k8s/istio/istio-gateway';
import { PortProtocol } from '../../src/k8s/istio/port-protocol';
import { ServerTls } from '../../src/k8s/istio/server';
import { ServiceEntry, ServiceEntryLocation, ServiceEntryResolution } from '../../src/k8s/istio/service-entry';
import { Sidecar } from '../../src/k8s/istio/sidecar';
import { VirtualService } from '../../src/k8s/istio/virtual-service';
import { OutboundTrafficPolicyMode } from '../../src/k8s/aks/shared-mesh-config';
import { IngressGatewayType } from '../../src/mesh/ingress-gateway-type';
import {
  concreteHost, duration, headers, host, labelKey, labels, maybe, someLabels, method, name, pathMatch, pathString, port, subdomain, weight,
} from './arbitraries';
import { constructProperty } from './harness';

const protocol = fc.constantFrom(...Object.values(PortProtocol), 'SMTP' as PortProtocol);

const serverTls: fc.Arbitrary<ServerTls | undefined> = fc.oneof(
  fc.constant(undefined),
  name.map(n => ServerTls.simple(n)),
  name.map(n => ServerTls.mutual(n)),
  fc.constant(ServerTls.passthrough()),
  fc.constant(ServerTls.istioMutual()),
  fc.constant(ServerTls.httpsRedirect()),
);

const selector: fc.Arbitrary<GatewaySelector> = fc.oneof(
  fc.constantFrom(IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL).map(t => GatewaySelector.ingress(t)),
  fc.constantFrom('asm-egress-test', 'other').map(n => GatewaySelector.egress(n)),
  labels.map(l => GatewaySelector.labels(l)),
  someLabels.map(l => GatewaySelector.labels(l)),
);

const gatewayServerHost = fc.oneof(
  { weight: 6, arbitrary: host },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('*', '.', 'web', 'Bad'), host).map(([ns, h]) => `${ns}/${h}`) },
);

const anyServer = fc.record({
  port, protocol, hosts: fc.array(gatewayServerHost, { minLength: 0, maxLength: 3 }), tls: serverTls,
  name: maybe(name), portName: maybe(name),
});
/** A server whose TLS fits its protocol, so most inputs get past the protocol rules and exercise the rest. */
const fittingServer = fc.oneof(
  fc.record({ protocol: fc.constant(PortProtocol.HTTP), tls: fc.constantFrom(undefined, ServerTls.httpsRedirect()) }),
  fc.record({ protocol: fc.constant(PortProtocol.HTTPS), tls: fc.oneof(name.map(n => ServerTls.simple(n)), name.map(n => ServerTls.mutual(n)), fc.constant(ServerTls.istioMutual())) }),
  fc.record({ protocol: fc.constant(PortProtocol.TLS), tls: fc.constantFrom(ServerTls.passthrough(), ServerTls.istioMutual()) }),
).chain(pt => fc.record({
  port, protocol: fc.constant(pt.protocol), tls: fc.constant(pt.tls),
  hosts: fc.array(gatewayServerHost, { minLength: 1, maxLength: 2 }), name: maybe(name), portName: maybe(name),
}));
const server = fc.oneof({ weight: 3, arbitrary: fittingServer }, { weight: 1, arbitrary: anyServer });

constructProperty('IstioGateway', fc.record({
  chartNamespace: maybe(name), name: maybe(fc.oneof(name, subdomain)), annotations: maybe(fc.dictionary(labelKey, fc.string(), { maxKeys: 2 })), selector, servers: fc.array(server, { minLength: 0, maxLength: 2 }),
}), (chart, input) => {
  new IstioGateway(chart, 'gw', { metadata: { name: input.name, annotations: input.annotations }, selector: input.selector, servers: input.servers });
}, { namespace: input => input.chartNamespace });

const destination = fc.record({ host: concreteHost, port: maybe(port), subset: maybe(name), weight: maybe(weight) });
const destinations = fc.oneof(
  { weight: 3, arbitrary: fc.record({ host: concreteHost, port: maybe(port) }).map(d => [d]) },
  destination.map(d => [d]),
  fc.tuple(concreteHost, concreteHost, fc.integer({ min: 0, max: 100 })).map(([a, b, w]) => [{ host: a, weight: w }, { host: b, weight: 100 - w }]),
  fc.array(destination, { minLength: 0, maxLength: 3 }),
);

constructProperty('VirtualService', fc.record({
  hosts: fc.array(host, { minLength: 1, maxLength: 2 }),
  name: maybe(fc.oneof(name, subdomain)),
  namespace: maybe(name),
  bindGateway: fc.boolean(),
  mesh: fc.boolean(),
  http: fc.array(fc.record({
    name: maybe(name),
    match: maybe(fc.array(fc.record({ path: maybe(pathMatch), port: maybe(port), headers: maybe(headers), method: maybe(method) }, { requiredKeys: [] }), { maxLength: 2 })),
    destinations,
    timeout: maybe(duration),
    retries: maybe(fc.record({ attempts: fc.integer({ min: -1, max: 5 }), perTryTimeout: maybe(duration), retryOn: maybe(fc.constantFrom('5xx', 'connect-failure,refused-stream', '')) })),
    rewriteUri: maybe(pathString),
  }), { maxLength: 2 }),
  tcp: fc.array(fc.record({ match: maybe(fc.array(fc.record({ port: maybe(port) }), { maxLength: 2 })), destinations }), { maxLength: 1 }),
  tls: fc.array(fc.record({ match: fc.array(fc.record({ sniHosts: fc.array(host, { maxLength: 2 }), port: maybe(port) }), { maxLength: 2 }), destinations }), { maxLength: 1 }),
}), (chart, input) => {
  const gateways = [];
  if (input.bindGateway) {
    gateways.push(new IstioGateway(chart, 'gw', {
      selector: GatewaySelector.ingress(IngressGatewayType.EXTERNAL),
      servers: [{ port: 80, protocol: PortProtocol.HTTP, hosts: ['*'] }],
    }));
  }
  if (input.mesh) gateways.push(IstioGateway.MESH);
  new VirtualService(chart, 'vs', {
    metadata: { name: input.name, namespace: input.namespace }, hosts: input.hosts, gateways, http: input.http, tcp: input.tcp, tls: input.tls,
  });
});

const clientTls: fc.Arbitrary<ClientTls | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(ClientTls.disable()),
  fc.record({ sni: maybe(host), credentialName: maybe(name), subjectAltNames: maybe(fc.array(concreteHost, { maxLength: 2 })) }).map(o => ClientTls.simple(o)),
  fc.record({ sni: maybe(host), credentialName: name }).map(o => ClientTls.mutual(o)),
  fc.record({ sni: maybe(host) }).map(o => ClientTls.istioMutual(o)),
);

const trafficPolicy = fc.record({
  loadBalancer: maybe(fc.constantFrom(...Object.values(LoadBalancerAlgorithm))),
  tls: clientTls,
  connectionPool: maybe(fc.record({
    maxConnections: maybe(fc.integer({ min: -1, max: 2 ** 31 })), connectTimeout: maybe(duration),
    http1MaxPendingRequests: maybe(fc.integer({ min: -1, max: 1000 })), http2MaxRequests: maybe(fc.integer({ min: -1, max: 1000 })),
    maxRequestsPerConnection: maybe(fc.integer({ min: -1, max: 1000 })),
  })),
  outlierDetection: maybe(fc.record({
    consecutive5xxErrors: maybe(fc.integer({ min: -1, max: 100 })), interval: maybe(duration), baseEjectionTime: maybe(duration),
    maxEjectionPercent: maybe(fc.integer({ min: -1, max: 101 })),
  })),
  portLevelSettings: maybe(fc.array(fc.record({ port, loadBalancer: maybe(fc.constantFrom(...Object.values(LoadBalancerAlgorithm))), tls: clientTls }), { maxLength: 2 })),
});

constructProperty('DestinationRule', fc.record({
  host, trafficPolicy: maybe(trafficPolicy),
  subsets: fc.array(fc.record({ name, labels: maybe(fc.dictionary(fc.constantFrom('version', 'app'), fc.constantFrom('v1', 'v2', 'a b'))), trafficPolicy: maybe(trafficPolicy) }), { maxLength: 3 }),
  exportTo: maybe(fc.array(fc.constantFrom('.', '*', 'web', 'Bad'), { maxLength: 2 })),
  metadata: maybe(fc.record({ name: maybe(fc.oneof(name, subdomain)), namespace: maybe(name) })),
}), (chart, input) => {
  new DestinationRule(chart, 'dr', input);
});

const ipOrCidr = fc.constantFrom('10.0.0.1', '10.0.0.0/24', '240.0.0.1', '2001:db8::1', '300.1.1.1', 'not-an-ip', '::/0');

constructProperty('ServiceEntry', fc.record({
  hosts: fc.array(host, { minLength: 0, maxLength: 3 }),
  ports: maybe(fc.array(fc.record({ number: port, name, protocol, targetPort: maybe(port) }), { maxLength: 3 })),
  resolution: maybe(fc.constantFrom(...Object.values(ServiceEntryResolution))),
  location: maybe(fc.constantFrom(...Object.values(ServiceEntryLocation))),
  addresses: maybe(fc.array(ipOrCidr, { maxLength: 2 })),
  endpoints: maybe(fc.array(fc.record({
    address: fc.oneof(ipOrCidr, concreteHost, fc.constantFrom('unix:///var/run/a.sock')),
    ports: maybe(fc.dictionary(name, port, { maxKeys: 2 })),
    labels: maybe(fc.dictionary(fc.constantFrom('app', 'zone'), fc.constantFrom('a', 'b c'))),
  }), { maxLength: 2 })),
  exportTo: maybe(fc.array(fc.constantFrom('.', '*', 'web', 'Bad'), { maxLength: 2 })),
  metadata: maybe(fc.record({ name: maybe(fc.oneof(name, subdomain)), namespace: maybe(name), labels: maybe(labels) })),
}), (chart, input) => {
  new ServiceEntry(chart, 'se', input);
});

const sidecarHost = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('*', '.', '~', 'web', 'istio-system'), host).map(([ns, h]) => `${ns}/${h}`) },
  { weight: 1, arbitrary: fc.constantFrom('a.com', '/a.com', 'Bad/a.com', './', '*/*') },
);

constructProperty('Sidecar', fc.record({
  workloadSelector: maybe(labels),
  egress: maybe(fc.array(fc.record({
    hosts: fc.array(sidecarHost, { maxLength: 3 }), port: maybe(port), portProtocol: maybe(protocol), portName: maybe(name),
  }), { maxLength: 2 })),
  outboundTrafficPolicy: maybe(fc.constantFrom(...Object.values(OutboundTrafficPolicyMode))),
  namespace: maybe(fc.oneof(name, subdomain)),
}), (chart, input) => {
  new Sidecar(chart, 'sc', {
    metadata: { namespace: input.namespace },
    workloadSelector: input.workloadSelector, egress: input.egress, outboundTrafficPolicy: input.outboundTrafficPolicy,
  });
});
