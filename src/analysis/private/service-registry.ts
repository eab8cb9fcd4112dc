import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { RuleContext } from '../rule';
import { at, JsonRecord, num, recs, str, strs } from './json';
import { MeshKnowledge } from './mesh-knowledge';

/** Istio's `exportTo` value for every namespace. */
export const EXPORT_ALL = '*';

/** The namespace an object is read in: its own, else `default` (as kubectl applies it). */
export function namespaceOf(o: IndexedObject): string {
  return o.ref.namespace ?? 'default';
}

/**
 * Istio's short-name rule, exactly as `istioctl analyze` applies it: a host without a dot (and not a
 * wildcard) is `<host>.<namespace>.svc.cluster.local`; anything with a dot is taken as written.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
 */
export function toFqdn(host: string, namespace: string): string {
  return !host.startsWith('*') && !host.includes('.') ? `${host}.${namespace}.svc.cluster.local` : host;
}

/** `exportScopes` of an object exported everywhere: one shared array, since nearly every object is. */
const ALL_SCOPES: readonly string[] = Object.freeze([EXPORT_ALL]);

/**
 * The namespaces an `exportTo` list makes an object visible in: `*` for all (also when the list is
 * empty), `.` for the object's own namespace.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-export_to
 */
export function exportScopes(exportTo: readonly string[], namespace: string): readonly string[] {
  if (exportTo.length === 0 || exportTo.includes(EXPORT_ALL)) return ALL_SCOPES;
  return [...new Set(exportTo.map(e => (e === '.' ? namespace : e)))];
}

/** The numbers under `field` of each port, skipping ports without one. */
function numbers(ports: readonly JsonRecord[], field: string): number[] {
  const out: number[] = [];
  for (const p of ports) {
    const n = num(p[field]);
    if (n !== undefined) out.push(n);
  }
  return out;
}

/** A host the mesh knows, with the ports it serves. */
export interface RegisteredHost {
  /**
   * The object that defines the host.
   * @default - none: an AKS-managed gateway Service, which is not in the set
   */
  readonly source?: IndexedObject;
  /** Port numbers; a ServiceEntry without ports has none. */
  readonly ports: readonly number[];
}

/**
 * Every host Services and ServiceEntries define, keyed by the namespace scope they are exported to,
 * as `istioctl analyze` builds it (`InitServiceEntryHostMap`); the AKS-managed gateway Services count
 * as defined everywhere.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0101/
 */
export class ServiceRegistry {
  /** Built once per index and shared by the rules that resolve hosts. */
  public static of(index: ManifestIndex, context: RuleContext): ServiceRegistry {
    return index.derived('service-registry', i => new ServiceRegistry(i, context));
  }

  /** True when the set has at least one Kubernetes Service, so a missing host is meaningful. */
  public readonly hasServices: boolean;
  /** Namespaces with at least one Service in the set: only there is a missing `*.svc.cluster.local` host meaningful. */
  public readonly serviceNamespaces: ReadonlySet<string>;
  /** scope -> FQDN -> definition: nested, so a lookup concatenates no key. */
  private readonly byScope = new Map<string, Map<string, RegisteredHost>>();
  private readonly exportedToAll = new Map<string, RegisteredHost>();
  private readonly wildcards: { scope: string; suffix: string; entry: RegisteredHost }[] = [];
  private readonly mesh: MeshKnowledge;

  private constructor(index: ManifestIndex, context: RuleContext) {
    this.mesh = new MeshKnowledge(context);
    this.byScope.set(EXPORT_ALL, this.exportedToAll);
    for (const se of index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) {
      const ns = namespaceOf(se);
      const entry: RegisteredHost = { source: se, ports: numbers(recs(se.spec.ports), 'number') };
      const hosts = strs(se.spec.hosts);
      for (const scope of exportScopes(strs(se.spec.exportTo), ns)) {
        for (const host of hosts) this.add(scope, toFqdn(host, ns), entry);
      }
    }
    const services = index.ofKind(Groups.CORE, 'Service');
    this.hasServices = services.length > 0;
    const serviceNamespaces = new Set<string>();
    for (const svc of services) {
      const ns = namespaceOf(svc);
      serviceNamespaces.add(ns);
      const entry: RegisteredHost = { source: svc, ports: numbers(recs(svc.spec.ports), 'port') };
      const fqdn = toFqdn(svc.ref.name, ns);
      const anno = str(at(svc.object, 'metadata', 'annotations', 'networking.istio.io/exportTo'));
      if (anno === undefined || anno.trim() === '') {
        this.add(EXPORT_ALL, fqdn, entry);
        continue;
      }
      for (const s of anno.split(',')) {
        const scope = s.trim();
        this.add(scope === '.' ? ns : scope, fqdn, entry);
      }
    }
    this.serviceNamespaces = serviceNamespaces;
    for (const type of [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL]) {
      const fqdn = AksNames.serviceFqdn(AksNames.ingressServiceName(type), AksNames.INGRESS_NAMESPACE);
      if (!this.exportedToAll.has(fqdn)) this.add(EXPORT_ALL, fqdn, { ports: [15021, ...AksNames.INGRESS_SERVICE_PORTS] });
    }
  }

  /**
   * The definition a destination `host` written in `namespace` resolves to, looking in the scopes
   * the referring object is exported to (upstream's `GetDestinationHost`), or undefined.
   */
  public lookup(namespace: string, exportTo: readonly string[], host: string): RegisteredHost | undefined {
    const fqdn = toFqdn(host, namespace);
    const all = this.exportedToAll.get(fqdn);
    if (all) return all;
    if (exportTo.length === 0) {
      const found = this.byScope.get(namespace)?.get(fqdn);
      if (found) return found;
    }
    for (const e of exportTo) {
      const found = this.byScope.get(e === '.' ? namespace : e)?.get(fqdn);
      if (found) return found;
    }
    if (this.wildcards.length > 0) {
      const bare = fqdn.startsWith('*') ? fqdn.slice(1) : fqdn;
      for (const w of this.wildcards) {
        if ((w.scope === EXPORT_ALL || w.scope === namespace) && bare.endsWith(w.suffix)) return w.entry;
      }
    }
    // AKS creates the egress gateways' Services from the cluster profile, outside the set.
    if (this.mesh.isEgressService(fqdn)) return { ports: [] };
    return undefined;
  }

  /**
   * True when the set says enough to call `host` (written in `namespace`) missing: it has Services, and for
   * an in-cluster name (`name.ns.svc.cluster.local`) it has Services in that namespace.
   */
  public canJudge(namespace: string, host: string): boolean {
    if (!this.hasServices) return false;
    const m = /^[^.]+\.([^.]+)\.svc\.cluster\.local$/.exec(toFqdn(host, namespace));
    return m === null || this.serviceNamespaces.has(m[1]);
  }

  private add(scope: string, fqdn: string, entry: RegisteredHost): void {
    const hosts = this.byScope.get(scope);
    if (hosts) hosts.set(fqdn, entry); else this.byScope.set(scope, new Map([[fqdn, entry]]));
    if (fqdn.startsWith('*')) this.wildcards.push({ scope, suffix: fqdn.slice(1), entry });
  }
}
