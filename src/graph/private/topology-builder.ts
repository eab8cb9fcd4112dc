import { parse } from 'yaml';
import { Finding, ObjectRef } from '../../analysis/finding';
import { Groups, IndexedObject, ManifestIndex } from '../../analysis/manifest-index';
import { gatewayParents, routes } from '../../analysis/private/gateway-api';
import { at, labels, num, pushTo, rec, recs, str, strs } from '../../analysis/private/json';
import { hostsOverlap, MeshKnowledge, normalizeHost, parseGatewayRef } from '../../analysis/private/mesh-knowledge';
import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { MeshProfile } from '../../mesh/mesh-profile';
import { Topology, TopologyEdge, TopologyEdgeKind, TopologyFinding, TopologyNode, TopologyNodeKind } from '../topology';

const NETWORKING_K8S = 'networking.k8s.io';
const WORKLOAD_KINDS: readonly [string, string][] = [['apps', 'Deployment'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet']];
/** How many match summaries, workloads or other list entries a node shows before "+N more". */
const MAX_LIST = 4;
/** Istio's ingress controller, which serves Ingresses of its class. */
const ISTIO_INGRESS_CONTROLLER = 'istio.io/ingress-controller';

interface MutableNode {
  readonly id: string;
  readonly kind: TopologyNodeKind;
  label: string;
  readonly details: string[];
  readonly objects: ObjectRef[];
  readonly objectKeys: Set<string>;
  inInput: boolean;
  readonly findings: TopologyFinding[];
}

interface Destination {
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  readonly weight?: number;
}

/** A route of a VirtualService, reduced to what the picture shows. */
interface VsRoute {
  readonly contexts: readonly string[];
  /** One line per match (`prefix /static`, `tls sni example.com`) plus redirects and direct responses. */
  readonly summaries: readonly string[];
  readonly destinations: readonly Destination[];
}

function objectKey(ref: ObjectRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash >= 0 ? ref.apiVersion.slice(0, slash) : '';
  return `${group}|${ref.kind}|${ref.namespace ?? ''}|${ref.name}`;
}

function nsName(namespace: string | undefined, name: string): string {
  return namespace !== undefined ? `${namespace}/${name}` : name;
}

/** At most MAX_LIST entries, then "+N more", so one node never grows without bound. */
function limited(entries: readonly string[]): string[] {
  return entries.length <= MAX_LIST ? [...entries] : [...entries.slice(0, MAX_LIST), `+${entries.length - MAX_LIST} more`];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** Summary of one HTTP or gRPC match (`uri`, `path`, `method` or `port`), for example `prefix /static`. */
function httpMatchSummary(match: Record<string, unknown>): string | undefined {
  const uri = rec(match.uri);
  if (uri) {
    for (const type of ['exact', 'prefix', 'regex']) {
      const value = str(uri[type]);
      if (value !== undefined) return `${type} ${value}`;
    }
  }
  const path = rec(match.path);
  if (path) return `${str(path.type) ?? 'PathPrefix'} ${str(path.value) ?? '/'}`;
  const method = rec(match.method);
  if (method) return `grpc ${str(method.service) ?? '*'}/${str(method.method) ?? '*'}`;
  const port = num(match.port);
  return port !== undefined ? `port ${port}` : undefined;
}

/**
 * Builds the topology from indexed manifests, in one pass per kind: entry points first (managed
 * gateways, gateway objects), then routes, which create the hosts and backends they reference.
 */
export class TopologyBuilder {
  private readonly nodes = new Map<string, MutableNode>();
  private readonly edges = new Map<string, TopologyEdge>();
  private readonly knowledge: MeshKnowledge;
  /** Istio Gateways whose selector matched no known gateway, linked at the end if a route reveals the egress gateway. */
  private readonly unresolvedIstioGateways: { id: string; selector: Record<string, string> }[] = [];
  private readonly serviceEntriesByHost = new Map<string, IndexedObject[]>();
  private readonly wildcardServiceEntries: { host: string; entry: IndexedObject }[] = [];
  /** Lookups built once, so the topology is built in time linear in the number of objects. */
  private readonly destinationRulesByHost = new Map<string, IndexedObject[]>();
  private readonly workloadsByNamespace = new Map<string, string[]>();
  private readonly sidecarsByNamespace = new Map<string, IndexedObject[]>();

  public constructor(private readonly index: ManifestIndex, private readonly profile: MeshProfile | undefined) {
    this.knowledge = new MeshKnowledge({ profile });
    for (const se of index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) {
      for (const host of strs(se.spec.hosts)) {
        if (host.startsWith('*')) {
          this.wildcardServiceEntries.push({ host, entry: se });
        } else {
          pushTo(this.serviceEntriesByHost, host, se);
        }
      }
    }
    for (const dr of index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule')) {
      pushTo(this.destinationRulesByHost, normalizeHost(str(dr.spec.host) ?? '', dr.ref.namespace), dr);
    }
    for (const [group, kind] of WORKLOAD_KINDS) {
      for (const w of index.ofKind(group, kind)) pushTo(this.workloadsByNamespace, w.ref.namespace ?? '', w.ref.name);
    }
    for (const sidecar of index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar')) pushTo(this.sidecarsByNamespace, sidecar.ref.namespace ?? '', sidecar);
  }

  public build(findings: readonly Finding[]): Topology {
    for (const gw of this.index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) this.addIstioGateway(gw);
    for (const gw of this.index.ofKind(Groups.GATEWAY_API, 'Gateway')) this.addGatewayApiGateway(gw);
    for (const se of this.index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) this.serviceEntryNode(se);
    for (const vs of this.index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) this.addVirtualService(vs);
    for (const route of routes(this.index)) this.addGatewayApiRoute(route);
    for (const ingress of this.index.ofKind(NETWORKING_K8S, 'Ingress')) this.addIngress(ingress);
    this.linkAssumedEgressGateways();
    this.placeFindings(findings);
    return this.result();
  }

  // ---- nodes ----

  private node(id: string, kind: TopologyNodeKind, label: string, init: { details?: string[]; objects?: IndexedObject[]; inInput?: boolean } = {}): MutableNode {
    let node = this.nodes.get(id);
    if (!node) {
      node = { id, kind, label, details: [...init.details ?? []], objects: [], objectKeys: new Set(), inInput: init.inInput ?? true, findings: [] };
      this.nodes.set(id, node);
    }
    for (const o of init.objects ?? []) this.addObject(node, o);
    return node;
  }

  private addObject(node: MutableNode, object: IndexedObject): void {
    const key = objectKey(object.ref);
    if (!node.objectKeys.has(key)) {
      node.objectKeys.add(key);
      node.objects.push(object.ref);
    }
  }

  private ingressNode(type: IngressGatewayType): string {
    const service = AksNames.ingressServiceName(type);
    const enabled = this.knowledge.isIngressEnabled(type);
    const existing = this.index.get(Groups.CORE, 'Service', AksNames.INGRESS_NAMESPACE, service);
    return this.node(`managed-ingress:${type}`, TopologyNodeKind.MANAGED_INGRESS_GATEWAY, `${type} ingress gateway (AKS managed)`, {
      details: [
        `Service ${AksNames.INGRESS_NAMESPACE}/${service}`,
        `ports ${AksNames.INGRESS_SERVICE_PORTS.join(', ')}`,
        ...enabled ? [] : ['not enabled in the profile'],
      ],
      objects: existing ? [existing] : [],
      inInput: enabled,
    }).id;
  }

  private egressNode(namespace: string, name: string): string {
    const declared = this.profile?.egressGateways.find(e => e.name === name && e.namespace === namespace);
    const selector = declared ? Object.entries(declared.selector).map(([k, v]) => `${k}=${v}`).join(', ') : undefined;
    const existing = this.index.get(Groups.CORE, 'Service', namespace, name);
    return this.node(`egress:${namespace}/${name}`, TopologyNodeKind.EGRESS_GATEWAY, `egress gateway ${name} (AKS managed)`, {
      details: [`Service ${namespace}/${name}`, ...selector !== undefined ? [`selector ${selector}`] : []],
      objects: existing ? [existing] : [],
    }).id;
  }

  private istioGatewayNode(namespace: string | undefined, name: string): string {
    const gw = this.index.get(Groups.ISTIO_NETWORKING, 'Gateway', namespace, name);
    return this.node(`istio-gateway:${nsName(namespace, name)}`, TopologyNodeKind.ISTIO_GATEWAY, `Istio Gateway ${nsName(namespace, name)}`, {
      details: gw ? [] : ['not in the input'],
      objects: gw ? [gw] : [],
      inInput: gw !== undefined,
    }).id;
  }

  private gatewayApiNode(namespace: string | undefined, name: string): string {
    const gw = this.index.get(Groups.GATEWAY_API, 'Gateway', namespace, name);
    return this.node(`gateway-api:${nsName(namespace, name)}`, TopologyNodeKind.GATEWAY_API_GATEWAY, `Gateway API Gateway ${nsName(namespace, name)}`, {
      details: gw ? [] : ['not in the input'],
      objects: gw ? [gw] : [],
      inInput: gw !== undefined,
    }).id;
  }

  private hostNode(entryId: string, host: string): string {
    return this.node(`host:${entryId}|${host}`, TopologyNodeKind.HOST, host).id;
  }

  private namespaceNode(namespace: string): string {
    const id = `namespace:${namespace}`;
    if (this.nodes.has(id)) return id;
    const ns = this.index.get(Groups.CORE, 'Namespace', undefined, namespace);
    const workloads = [...this.workloadsByNamespace.get(namespace) ?? []].sort(compare);
    const sidecars = [...this.sidecarsByNamespace.get(namespace) ?? []].sort((a, b) => compare(a.ref.name, b.ref.name));
    const details = [
      ...workloads.length > 0 ? [`workloads ${limited(unique(workloads)).join(', ')}`] : [],
      ...sidecars.map(s => {
        const mode = str(at(s.spec, 'outboundTrafficPolicy', 'mode'));
        return `Sidecar ${s.ref.name}${mode !== undefined ? `: outbound ${mode}` : ''}`;
      }),
    ];
    return this.node(id, TopologyNodeKind.NAMESPACE, `namespace ${namespace}`, {
      details, objects: [...ns ? [ns] : [], ...sidecars],
    }).id;
  }

  private serviceNode(namespace: string, name: string): string {
    const svc = this.index.get(Groups.CORE, 'Service', namespace, name);
    return this.node(`service:${namespace}/${name}`, TopologyNodeKind.SERVICE, `Service ${namespace}/${name}`, {
      details: svc ? [] : ['not in the input'],
      objects: svc ? [svc] : [],
      inInput: svc !== undefined,
    }).id;
  }

  private serviceEntryNode(se: IndexedObject): string {
    const ports = recs(se.spec.ports).map(p => `${str(p.protocol) ?? '?'} :${num(p.number) ?? '?'}`);
    return this.node(`service-entry:${nsName(se.ref.namespace, se.ref.name)}`, TopologyNodeKind.SERVICE_ENTRY, `ServiceEntry ${nsName(se.ref.namespace, se.ref.name)}`, {
      details: [
        ...limited(strs(se.spec.hosts)),
        ...[`resolution ${str(se.spec.resolution) ?? 'NONE'}`, ...ports.length > 0 ? [`ports ${ports.join(', ')}`] : []],
      ],
      objects: [se],
    }).id;
  }

  /** The backend node a destination host reaches: egress gateway, Service, ServiceEntry or an undeclared external host. */
  private hostBackends(host: string, namespace: string | undefined): string[] {
    const fqdn = normalizeHost(host, namespace);
    const declared = this.profile?.egressGateways.find(e => e.fqdn === fqdn);
    if (declared) return [this.egressNode(declared.namespace, declared.name)];
    const parts = fqdn.split('.');
    if (parts.length === 5 && fqdn.endsWith('.svc.cluster.local')) {
      if (!this.profile && this.knowledge.isEgressService(fqdn)) return [this.egressNode(parts[1], parts[0])];
      return [this.serviceNode(parts[1], parts[0])];
    }
    const exact = this.serviceEntriesByHost.get(fqdn) ?? [];
    const matches = exact.length > 0 ? exact : this.wildcardServiceEntries.filter(w => hostsOverlap(w.host, fqdn)).map(w => w.entry);
    // A ServiceEntry in the route's own namespace is the one its workloads see first; the others only when none is.
    const local = matches.filter(m => m.ref.namespace === namespace);
    const chosen = local.length > 0 ? local : matches;
    if (chosen.length > 0) return unique(chosen.map(se => this.serviceEntryNode(se)));
    return [this.node(`external:${fqdn}`, TopologyNodeKind.EXTERNAL_HOST, fqdn, { details: ['no ServiceEntry declares it'], inInput: false }).id];
  }

  /** The subset node of `backendId`, with the labels of the DestinationRules that define it. */
  private subsetNode(backendId: string, host: string, namespace: string | undefined, subset: string): string {
    const fqdn = normalizeHost(host, namespace);
    const defining = (this.destinationRulesByHost.get(fqdn) ?? []).filter(dr => recs(dr.spec.subsets).some(s => s.name === subset));
    const subsetLabels = defining.flatMap(dr => recs(dr.spec.subsets).filter(s => s.name === subset))
      .flatMap(s => Object.entries(labels(s.labels)).map(([k, v]) => `${k}=${v}`));
    const id = this.node(`subset:${backendId}|${subset}`, TopologyNodeKind.SUBSET, `subset ${subset}`, {
      details: defining.length > 0 ? (subsetLabels.length > 0 ? [`labels ${unique(subsetLabels).sort(compare).join(', ')}`] : []) : ['no DestinationRule defines it'],
      objects: defining,
      inInput: defining.length > 0,
    }).id;
    this.edge(id, backendId, TopologyEdgeKind.SUBSET_OF);
    return id;
  }

  private edge(from: string, to: string, kind: TopologyEdgeKind, label?: string, assumed = false): void {
    const key = `${from}\u0000${to}\u0000${kind}\u0000${label ?? ''}`;
    if (!this.edges.has(key)) {
      this.edges.set(key, { from, to, kind, ...label !== undefined && label !== '' ? { label } : {}, ...assumed ? { assumed } : {} });
    }
  }

  // ---- objects ----

  private addIstioGateway(gw: IndexedObject): void {
    const id = this.istioGatewayNode(gw.ref.namespace, gw.ref.name);
    const node = this.nodes.get(id)!;
    for (const server of recs(gw.spec.servers)) {
      const port = rec(server.port) ?? {};
      const tls = rec(server.tls);
      const mode = tls ? str(tls.mode) : undefined;
      const credential = tls ? str(tls.credentialName) : undefined;
      node.details.push(`server ${str(port.protocol) ?? '?'} :${num(port.number) ?? '?'} ${strs(server.hosts).join(' ')}`
        + `${mode !== undefined ? ` tls ${mode}` : ''}${credential !== undefined ? ` (${credential})` : ''}`);
    }
    const selector = labels(gw.spec.selector);
    const ingress = this.knowledge.ingressTypeOfSelector(selector);
    if (ingress !== undefined) {
      this.edge(this.ingressNode(ingress), id, TopologyEdgeKind.CONFIGURES, 'selector');
      return;
    }
    const egress = this.profile?.egressGateways.find(e => {
      const entries = Object.entries(e.selector);
      return entries.length > 0 && entries.every(([k, v]) => selector[k] === v);
    });
    if (egress) {
      this.edge(this.egressNode(egress.namespace, egress.name), id, TopologyEdgeKind.CONFIGURES, 'selector');
      return;
    }
    node.details.push(`selector ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ') || '(none)'}`);
    this.unresolvedIstioGateways.push({ id, selector });
  }

  private addGatewayApiGateway(gw: IndexedObject): void {
    const id = this.gatewayApiNode(gw.ref.namespace, gw.ref.name);
    const node = this.nodes.get(id)!;
    const className = str(gw.spec.gatewayClassName);
    if (className !== undefined) node.details.push(`class ${className}`);
    const addresses = recs(gw.spec.addresses);
    for (const a of addresses) node.details.push(`address ${str(a.type) ?? 'IPAddress'} ${str(a.value) ?? '?'}`);
    for (const l of recs(gw.spec.listeners)) {
      const tls = rec(l.tls);
      const certs = tls ? recs(tls.certificateRefs).map(c => str(c.name) ?? '?') : [];
      node.details.push(`listener ${str(l.name) ?? '?'} ${str(l.protocol) ?? '?'} :${num(l.port) ?? '?'} ${str(l.hostname) ?? '*'}`
        + `${tls ? ` tls ${str(tls.mode) ?? 'Terminate'}` : ''}${certs.length > 0 ? ` (${certs.join(', ')})` : ''}`);
    }
    const managed = unique(addresses.map(a => this.knowledge.ingressTypeOfAddress(str(a.value) ?? ''))
      .filter((t): t is IngressGatewayType => t !== undefined));
    for (const type of managed) this.edge(this.ingressNode(type), id, TopologyEdgeKind.CONFIGURES, 'address');
    if (addresses.length === 0 && className === AksNames.GATEWAY_CLASS_NAME) {
      const override = str(at(gw.object, 'metadata', 'annotations', 'gateway.istio.io/name-override'));
      node.details.push(`automated deployment: Service ${override ?? `${gw.ref.name}-${AksNames.GATEWAY_CLASS_NAME}`}`);
    }
  }

  private addVirtualService(vs: IndexedObject): void {
    const namespace = vs.ref.namespace;
    const declared = strs(vs.spec.gateways);
    const gateways = declared.length > 0 ? declared : ['mesh'];
    const hosts = strs(vs.spec.hosts);
    const vsRoutes = this.virtualServiceRoutes(vs, gateways);
    const contexts = unique([...gateways, ...vsRoutes.flatMap(r => r.contexts)]);
    const where = `VirtualService ${nsName(namespace, vs.ref.name)}`;
    for (const context of contexts) {
      const inContext = vsRoutes.filter(r => r.contexts.includes(context));
      if (inContext.length === 0 && contexts.length > 1) continue;
      const gatewayRef = context === 'mesh' ? undefined : parseGatewayRef(context, namespace);
      const contextName = gatewayRef ? nsName(gatewayRef[0], gatewayRef[1]) : 'mesh';
      const routeId = this.node(`route:VirtualService:${nsName(namespace, vs.ref.name)}@${contextName}`, TopologyNodeKind.ROUTE,
        contexts.length > 1 ? `${where} (${gatewayRef ? `via ${gatewayRef[0] === namespace ? gatewayRef[1] : contextName}` : 'mesh'})` : where, {
          details: limited(unique(inContext.flatMap(r => r.summaries))),
          objects: [vs],
        }).id;
      if (gatewayRef) {
        const gatewayId = this.istioGatewayNode(gatewayRef[0], gatewayRef[1]);
        for (const host of hosts) {
          const hostId = this.hostNode(gatewayId, host);
          this.edge(gatewayId, hostId, TopologyEdgeKind.SERVES);
          this.edge(hostId, routeId, TopologyEdgeKind.ROUTES);
        }
      } else if (namespace !== undefined) {
        this.edge(this.namespaceNode(namespace), routeId, TopologyEdgeKind.ROUTES, limited(hosts).join(', '));
      }
      for (const d of inContext.flatMap(r => r.destinations)) {
        for (const backendId of this.hostBackends(d.host, namespace)) {
          const target = d.subset !== undefined ? this.subsetNode(backendId, d.host, namespace, d.subset) : backendId;
          const label = [d.port !== undefined ? `:${d.port}` : '', d.weight !== undefined && d.weight !== 100 ? `${d.weight}%` : ''].filter(s => s !== '').join(' ');
          this.edge(routeId, target, TopologyEdgeKind.SENDS_TO, label);
        }
      }
    }
  }

  /** The http, tls and tcp routes of a VirtualService, each with the gateways (or `mesh`) it applies to. */
  private virtualServiceRoutes(vs: IndexedObject, gateways: readonly string[]): VsRoute[] {
    const out: VsRoute[] = [];
    for (const protocol of ['http', 'tls', 'tcp']) {
      for (const route of recs(vs.spec[protocol])) {
        const matches = recs(route.match);
        // Istio applies a match without `gateways` to all of the VirtualService's gateways.
        const contexts = matches.length > 0 && matches.every(m => strs(m.gateways).length > 0)
          ? unique(matches.flatMap(m => strs(m.gateways))) : [...gateways];
        const summaries = matches.map(m => protocol === 'http' ? httpMatchSummary(m)
          : strs(m.sniHosts).length > 0 ? `sni ${strs(m.sniHosts).join(' ')}` : num(m.port) !== undefined ? `port ${num(m.port)}` : undefined)
          .filter((s): s is string => s !== undefined);
        if (protocol === 'http' && rec(route.redirect)) summaries.push('redirect');
        if (protocol === 'http' && rec(route.directResponse)) summaries.push('direct response');
        out.push({
          contexts,
          summaries: protocol === 'http' ? summaries : summaries.map(s => `${protocol} ${s}`),
          destinations: recs(route.route).flatMap(d => {
            const host = str(at(d, 'destination', 'host'));
            if (host === undefined) return [];
            const subset = str(at(d, 'destination', 'subset'));
            const port = num(at(d, 'destination', 'port', 'number'));
            const weight = num(d.weight);
            return [{ host, ...subset !== undefined ? { subset } : {}, ...port !== undefined ? { port } : {}, ...weight !== undefined ? { weight } : {} }];
          }),
        });
      }
    }
    return out;
  }

  private addGatewayApiRoute(route: IndexedObject): void {
    const namespace = route.ref.namespace;
    const kind = route.ref.kind;
    const rules = recs(route.spec.rules);
    const summaries = rules.flatMap(r => recs(r.matches)).map(httpMatchSummary).filter((s): s is string => s !== undefined);
    const routeId = this.node(`route:${kind}:${nsName(namespace, route.ref.name)}`, TopologyNodeKind.ROUTE, `${kind} ${nsName(namespace, route.ref.name)}`, {
      details: limited(unique(summaries)),
      objects: [route],
    }).id;
    const hostnames = strs(route.spec.hostnames);
    for (const parent of gatewayParents(this.index, route)) {
      const gatewayId = this.gatewayApiNode(parent.namespace, parent.name);
      const listenerHosts = unique(parent.listeners.map(l => str(l.hostname) ?? '*'));
      const hosts = hostnames.length > 0 ? hostnames : listenerHosts.length > 0 ? listenerHosts : ['*'];
      for (const host of hosts) {
        const hostId = this.hostNode(gatewayId, host);
        this.edge(gatewayId, hostId, TopologyEdgeKind.SERVES, parent.sectionName);
        this.edge(hostId, routeId, TopologyEdgeKind.ROUTES);
      }
    }
    // GAMMA: a parentRef to a Service routes the mesh traffic to that Service.
    for (const ref of recs(route.spec.parentRefs)) {
      if ((str(ref.group) ?? Groups.GATEWAY_API) !== Groups.CORE || str(ref.kind) !== 'Service') continue;
      const refNamespace = str(ref.namespace) ?? namespace;
      if (refNamespace === undefined) continue;
      this.edge(this.namespaceNode(refNamespace), routeId, TopologyEdgeKind.ROUTES, `mesh, Service ${str(ref.name) ?? '?'}`);
    }
    for (const rule of rules) {
      const backends = recs(rule.backendRefs);
      for (const b of backends) {
        const name = str(b.name);
        if (name === undefined) continue;
        const group = str(b.group) ?? Groups.CORE;
        const backendKind = str(b.kind) ?? 'Service';
        const backendNamespace = str(b.namespace) ?? namespace;
        const port = num(b.port);
        const weight = num(b.weight);
        const label = [port !== undefined ? `:${port}` : '', weight !== undefined && backends.length > 1 ? `weight ${weight}` : ''].filter(s => s !== '').join(' ');
        for (const target of this.backendRefTargets(group, backendKind, backendNamespace, name)) {
          this.edge(routeId, target, TopologyEdgeKind.SENDS_TO, label);
        }
      }
    }
  }

  private backendRefTargets(group: string, kind: string, namespace: string | undefined, name: string): string[] {
    if (group === Groups.CORE && kind === 'Service' && namespace !== undefined) return [this.serviceNode(namespace, name)];
    if (group === Groups.ISTIO_NETWORKING && kind === 'Hostname') return this.hostBackends(name, namespace);
    if (group === Groups.ISTIO_NETWORKING && kind === 'ServiceEntry') {
      const se = this.index.get(group, kind, namespace, name);
      if (se) return [this.serviceEntryNode(se)];
    }
    const ref = `${group === '' ? '' : `${group}/`}${kind} ${nsName(namespace, name)}`;
    return [this.node(`backend:${ref}`, TopologyNodeKind.OBJECT, ref, { details: ['not in the input'], inInput: false }).id];
  }

  private addIngress(ingress: IndexedObject): void {
    const namespace = ingress.ref.namespace;
    const className = str(ingress.spec.ingressClassName) ?? str(at(ingress.object, 'metadata', 'annotations', 'kubernetes.io/ingress.class'));
    const classId = this.ingressClassNode(className);
    const rules = recs(ingress.spec.rules);
    const paths = rules.flatMap(r => recs(at(r, 'http', 'paths')));
    const routeId = this.node(`route:Ingress:${nsName(namespace, ingress.ref.name)}`, TopologyNodeKind.ROUTE, `Ingress ${nsName(namespace, ingress.ref.name)}`, {
      details: limited(unique(paths.map(p => `${str(p.pathType) ?? 'ImplementationSpecific'} ${str(p.path) ?? '/'}`))),
      objects: [ingress],
    }).id;
    const hosts = unique(rules.length > 0 ? rules.map(r => str(r.host) ?? '*') : ['*']);
    for (const host of hosts) {
      const hostId = this.hostNode(classId, host);
      this.edge(classId, hostId, TopologyEdgeKind.SERVES);
      this.edge(hostId, routeId, TopologyEdgeKind.ROUTES);
    }
    const backends = [rec(ingress.spec.defaultBackend), ...paths.map(p => rec(p.backend))].filter((b): b is Record<string, unknown> => b !== undefined);
    for (const backend of backends) {
      const service = rec(backend.service);
      const resource = rec(backend.resource);
      if (service && str(service.name) !== undefined && namespace !== undefined) {
        const port = num(at(service, 'port', 'number')) ?? str(at(service, 'port', 'name'));
        this.edge(routeId, this.serviceNode(namespace, str(service.name)!), TopologyEdgeKind.SENDS_TO, port !== undefined ? `:${port}` : undefined);
      } else if (resource) {
        for (const target of this.backendRefTargets(str(resource.apiGroup) ?? Groups.CORE, str(resource.kind) ?? '?', namespace, str(resource.name) ?? '?')) {
          this.edge(routeId, target, TopologyEdgeKind.SENDS_TO);
        }
      }
    }
  }

  /** The node of an Ingress class; for Istio's class, linked to the managed gateway the shared MeshConfig names. */
  private ingressClassNode(className: string | undefined): string {
    const name = className ?? '(default)';
    const id = `ingress-class:${name}`;
    if (this.nodes.has(id)) return id;
    const ingressClass = className !== undefined ? this.index.get(NETWORKING_K8S, 'IngressClass', undefined, className) : undefined;
    const controller = ingressClass ? str(ingressClass.spec.controller) : undefined;
    const details = controller !== undefined ? [`controller ${controller}`] : [];
    const node = this.node(id, TopologyNodeKind.INGRESS_CLASS, `IngressClass ${name}`, { details, objects: ingressClass ? [ingressClass] : [] });
    if (controller === ISTIO_INGRESS_CONTROLLER || (controller === undefined && className === 'istio')) {
      const types = this.meshConfigIngressTypes();
      for (const type of types) this.edge(this.ingressNode(type), id, TopologyEdgeKind.CONFIGURES, 'ingressService');
      if (types.length === 0) node.details.push('no shared MeshConfig points ingressService at a managed gateway');
    }
    return id;
  }

  /** The managed gateways that the shared MeshConfigs' `ingressService` names (Istio's ingress controller serves Ingresses there). */
  private meshConfigIngressTypes(): IngressGatewayType[] {
    const prefix = AksNames.sharedMeshConfigName('');
    const out: IngressGatewayType[] = [];
    for (const cm of this.index.ofKind(Groups.CORE, 'ConfigMap')) {
      if (cm.ref.namespace !== AksNames.SYSTEM_NAMESPACE || !cm.ref.name.startsWith(prefix)) continue;
      let mesh: unknown;
      try {
        mesh = parse(str(at(cm.object, 'data', AksNames.MESH_CONFIG_KEY)) ?? '');
      } catch {
        continue; // AIM113 reports the broken YAML on this ConfigMap.
      }
      const service = str(rec(mesh)?.ingressService);
      const type = [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL].find(t => AksNames.ingressServiceName(t) === service);
      if (type !== undefined) out.push(type);
    }
    return unique(out);
  }

  /**
   * Without a profile the egress gateways are known only from route destinations; an Istio Gateway
   * selecting `istio: <name>` of such a gateway is linked with an assumed edge (the profile's default selector).
   */
  private linkAssumedEgressGateways(): void {
    if (this.profile) return;
    const egressByName = new Map<string, string[]>();
    for (const node of this.nodes.values()) {
      if (node.kind === TopologyNodeKind.EGRESS_GATEWAY) pushTo(egressByName, node.id.slice(node.id.lastIndexOf('/') + 1), node.id);
    }
    for (const { id, selector } of this.unresolvedIstioGateways) {
      const value = selector[AksNames.GATEWAY_SELECTOR_LABEL];
      if (value === undefined || Object.keys(selector).length !== 1) continue;
      for (const egressId of egressByName.get(value) ?? []) {
        this.edge(egressId, id, TopologyEdgeKind.CONFIGURES, `selector ${AksNames.GATEWAY_SELECTOR_LABEL}=${value} (assumed, no profile)`, true);
      }
    }
  }

  /** Puts each finding on the nodes of its object; an object without a node gets one, so no finding is left out. */
  private placeFindings(findings: readonly Finding[]): void {
    const byObject = new Map<string, MutableNode[]>();
    for (const node of this.nodes.values()) {
      for (const ref of node.objects) pushTo(byObject, objectKey(ref), node);
    }
    for (const f of findings) {
      const key = objectKey(f.object);
      let targets = byObject.get(key);
      if (!targets) {
        const label = `${f.object.kind} ${nsName(f.object.namespace, f.object.name)}`;
        const node = this.node(`object:${key}`, TopologyNodeKind.OBJECT, label);
        node.objectKeys.add(key);
        node.objects.push(f.object);
        targets = [node];
        byObject.set(key, targets);
      }
      for (const node of targets) node.findings.push({ code: f.code, severity: f.severity, message: f.message, object: f.object });
    }
  }

  private result(): Topology {
    const nodes: TopologyNode[] = [...this.nodes.values()].sort((a, b) => compare(a.id, b.id)).map(n => ({
      id: n.id,
      kind: n.kind,
      label: n.label,
      details: [...n.details],
      objects: [...n.objects].sort((a, b) => compare(objectKey(a), objectKey(b))),
      inInput: n.inInput,
      findings: [...n.findings].sort((a, b) => compare(a.code, b.code) || compare(a.message, b.message)
        || compare(objectKey(a.object), objectKey(b.object))),
    }));
    const edges = [...this.edges.values()].sort((a, b) =>
      compare(a.from, b.from) || compare(a.to, b.to) || compare(a.kind, b.kind) || compare(a.label ?? '', b.label ?? ''));
    return { nodes, edges };
  }
}
