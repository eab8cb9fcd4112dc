import * as fc from 'fast-check';
import { EgressRoute } from '../../src/k8s/aks/egress-route';
import { EgressRouteMode } from '../../src/k8s/aks/egress-route-mode';
import { IngressExposure } from '../../src/k8s/aks/ingress-exposure';
import { IngressVia } from '../../src/k8s/aks/ingress-via';
import { ManagedIngressGateway } from '../../src/k8s/aks/managed-ingress-gateway';
import { MeshNamespace } from '../../src/k8s/aks/mesh-namespace';
import { AccessLogEncoding, OutboundTrafficPolicyMode, SharedMeshConfig } from '../../src/k8s/aks/shared-mesh-config';
import { AllowedRoutes, ListenerProtocol, ListenerTls } from '../../src/k8s/gateway-api/listener';
import { IstioGateway } from '../../src/k8s/istio/istio-gateway';
import { PortProtocol } from '../../src/k8s/istio/port-protocol';
import { ServerTls } from '../../src/k8s/istio/server';
import { IngressGatewayType } from '../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { testProfile } from '../support/mesh-chart';
import {
  backends, concreteHost, duration, host, labelKey, labels, labelValue, maybe, name, pathMatch, port, revision,
} from './arbitraries';
import { constructProperty } from './harness';

const ingressType = fc.constantFrom(IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL);

/** Profiles that enable some of what a construct needs: both gateways, one, or the Gateway API off. */
const PROFILES: Record<string, MeshProfile> = {
  full: testProfile(),
  externalOnly: testProfile({ ingressGateways: { external: true } }),
  noGatewayApi: testProfile({ gatewayApi: false }),
  canary: testProfile({ revisions: ['asm-1-29', 'asm-1-30'] }),
};
const profileKey = fc.constantFrom('full', 'full', 'full', 'externalOnly', 'noGatewayApi', 'canary');

constructProperty('MeshNamespace', fc.record({
  name, revision: maybe(revision), profile: profileKey,
  labels: maybe(fc.oneof(labels, fc.constantFrom<Record<string, string>>({ 'istio-injection': 'enabled' }, { 'istio.io/rev': 'asm-1-30' }))),
  annotations: maybe(fc.dictionary(fc.oneof(labelKey, fc.constantFrom('example.com/long')), fc.oneof(labelValue, fc.constant('x'.repeat(300_000))), { maxKeys: 2 })),
}), (chart, input) => {
  new MeshNamespace(chart, 'ns', { name: input.name, revision: input.revision, labels: input.labels, annotations: input.annotations });
}, { profile: input => PROFILES[input.profile] });

const listener = fc.record({
  name, port: fc.oneof(fc.constantFrom(80, 443), port),
  protocol: fc.constantFrom(ListenerProtocol.HTTP, ListenerProtocol.HTTPS, ListenerProtocol.TLS),
  hostname: maybe(host),
  allowedRoutes: fc.constantFrom(undefined, AllowedRoutes.fromAllNamespaces(), AllowedRoutes.fromSameNamespace()),
}).map(l => ({
  ...l,
  tls: l.protocol === ListenerProtocol.HTTPS ? ListenerTls.terminate('cert') : l.protocol === ListenerProtocol.TLS ? ListenerTls.passthrough() : undefined,
}));

constructProperty('ManagedIngressGateway', fc.record({
  type: ingressType, name: maybe(name), listeners: maybe(fc.array(listener, { maxLength: 3 })), profile: profileKey,
}), (chart, input) => {
  new ManagedIngressGateway(chart, 'gw', { type: input.type, name: input.name, listeners: input.listeners });
}, { profile: input => PROFILES[input.profile] });

const via = fc.oneof(
  fc.record({
    type: ingressType, gatewayName: maybe(name), port: maybe(fc.oneof(fc.constantFrom(80, 443), port)),
    tls: fc.constantFrom(undefined, ServerTls.simple('web-cert'), ServerTls.passthrough(), ServerTls.httpsRedirect()),
  }).map(o => ({ kind: 'istio' as const, ...o })),
  fc.record({ gateway: name, namespace: maybe(name) }).map(o => ({ kind: 'existing' as const, ...o })),
  fc.record({ type: ingressType, sectionName: maybe(fc.constantFrom('http', 'https', 'nope')), port: maybe(fc.constantFrom(80, 443, 8080)) })
    .map(o => ({ kind: 'gateway-api' as const, ...o })),
);

constructProperty('IngressExposure', fc.record({
  via, name: maybe(name), namespace: maybe(name), profile: profileKey,
  hosts: fc.array(host, { minLength: 0, maxLength: 3 }),
  rules: fc.array(fc.record({ matches: maybe(fc.array(pathMatch, { maxLength: 2 })), backends, timeout: maybe(duration) }), { minLength: 0, maxLength: 2 }),
}), (chart, input) => {
  let v: IngressVia;
  if (input.via.kind === 'istio') {
    v = IngressVia.istioGateway(input.via.type, { gatewayName: input.via.gatewayName, port: input.via.port, tls: input.via.tls });
  } else if (input.via.kind === 'existing') {
    v = IngressVia.existingIstioGateway(IstioGateway.fromGatewayName(input.via.gateway, input.via.namespace));
  } else {
    const gateway = new ManagedIngressGateway(chart, 'gw', {
      type: input.via.type,
      listeners: [
        { name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.fromAllNamespaces() },
        { name: 'https', port: 443, protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate('cert'), allowedRoutes: AllowedRoutes.fromAllNamespaces() },
      ],
    });
    v = IngressVia.gatewayApi(gateway, { sectionName: input.via.sectionName, port: input.via.port });
  }
  new IngressExposure(chart, 'x', { via: v, name: input.name, namespace: input.namespace, hosts: input.hosts, rules: input.rules });
}, { profile: input => PROFILES[input.profile] });

const egressMode = fc.oneof(
  fc.record({ port: maybe(port), portName: maybe(name), gatewayPort: maybe(fc.constantFrom(80, 443, 8080)) }).map(o => EgressRouteMode.http(o)),
  fc.record({ port: maybe(port), portName: maybe(name), gatewayPort: maybe(fc.constantFrom(80, 443, 8080)) }).map(o => EgressRouteMode.httpsPassthrough(o)),
  fc.record({
    port: maybe(port), portName: maybe(name), tlsPort: maybe(port), tlsPortName: maybe(name), gatewayPort: maybe(fc.constantFrom(80, 443, 8080)),
  }).map(o => EgressRouteMode.tlsOrigination(o)),
);

constructProperty('EgressRoute', fc.record({
  mode: egressMode,
  host: fc.oneof({ weight: 5, arbitrary: concreteHost }, { weight: 1, arbitrary: host }),
  egressGateway: fc.oneof({ weight: 5, arbitrary: fc.constant('asm-egress-test') }, { weight: 1, arbitrary: fc.constantFrom('other', 'Egress_GW', 'a'.repeat(54)) }),
  egressGatewayNamespace: maybe(fc.constantFrom('aks-istio-egress', 'other')),
  name: maybe(name),
  names: maybe(fc.record({ serviceEntry: maybe(name), gateway: maybe(name), virtualService: maybe(name), gatewayDestinationRule: maybe(name), originateTlsDestinationRule: maybe(name) })),
  subsetName: maybe(name),
  namespace: maybe(name),
  additionalServicePorts: maybe(fc.array(fc.record({ number: port, name, protocol: fc.constantFrom(...Object.values(PortProtocol)) }), { maxLength: 2 })),
}), (chart, input) => {
  new EgressRoute(chart, 'egress', input);
});

constructProperty('SharedMeshConfig', fc.record({
  outboundTrafficPolicy: maybe(fc.constantFrom(...Object.values(OutboundTrafficPolicyMode))),
  accessLogFile: maybe(fc.constantFrom('/dev/stdout', '', 'relative.log', '/dev/null')),
  accessLogFormat: maybe(fc.constantFrom('[%START_TIME%] %REQ(:METHOD)%\n', '', '%%', 'x'.repeat(10_000))),
  accessLogEncoding: maybe(fc.constantFrom(...Object.values(AccessLogEncoding))),
  enableEnvoyAccessLogService: maybe(fc.boolean()),
  disableEnvoyListenerLog: maybe(fc.boolean()),
  discoverySelectors: maybe(fc.array(labels, { maxLength: 2 })),
  proxyDefaults: maybe(fc.record({
    holdApplicationUntilProxyStarts: maybe(fc.boolean()),
    concurrency: maybe(fc.constantFrom(0, 1, 2, -1, 1.5, 2 ** 31)),
    drainDuration: maybe(duration),
    terminationDrainDuration: maybe(duration),
  })),
  additionalFields: maybe(fc.dictionary(
    fc.constantFrom('trustDomain', 'extensionProviders', 'configSources', 'enableTracing', 'accessLogFile', 'meshMTLS'),
    fc.oneof(fc.constant('cluster.local'), fc.constant(true), fc.constant([]), fc.constant({ minProtocolVersion: 'TLSV1_3' })),
    { maxKeys: 2 },
  )),
  profile: profileKey,
}), (chart, input) => {
  new SharedMeshConfig(chart, 'mesh', {
    outboundTrafficPolicy: input.outboundTrafficPolicy, accessLogFile: input.accessLogFile, accessLogFormat: input.accessLogFormat,
    accessLogEncoding: input.accessLogEncoding, enableEnvoyAccessLogService: input.enableEnvoyAccessLogService,
    disableEnvoyListenerLog: input.disableEnvoyListenerLog, discoverySelectors: input.discoverySelectors,
    proxyDefaults: input.proxyDefaults, additionalFields: input.additionalFields,
  });
}, { profile: input => PROFILES[input.profile] });
