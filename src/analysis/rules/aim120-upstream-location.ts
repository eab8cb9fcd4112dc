import { AksNames } from '../../mesh/aks-names';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, labels, rec, recs, str, strs } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import {
  conditionPath, isNamespaceWide, SECURITY_GROUP, someCondition, someSource, sourcePath, TELEMETRY_GROUP,
} from '../private/security-policies';
import { selectorMatches } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

const UPSTREAM = MeshIdentity.UPSTREAM_NAMESPACE;
const AKS_INGRESS_PRINCIPAL = `${MeshIdentity.principal(AksNames.INGRESS_NAMESPACE, MeshIdentity.ingressServiceAccountName('external'))} (or -internal)`;
const AKS_INGRESS_SELECTOR = `${AksNames.GATEWAY_SELECTOR_LABEL}: ${AksNames.ingressServiceName('external')} (or -internal), in namespace ${AksNames.INGRESS_NAMESPACE}`;
const NAMESPACE_HINT = `${AksNames.SYSTEM_NAMESPACE} for the control plane and mesh-wide policies, ${AksNames.INGRESS_NAMESPACE} for the managed ingress gateways`;
const UPSTREAM_NAMESPACE_HINT = `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`;
/** The policies AIM120 reads, in report order. */
const POLICY_KINDS: readonly (readonly [string, string])[] = [
  [SECURITY_GROUP, 'AuthorizationPolicy'],
  [SECURITY_GROUP, 'PeerAuthentication'],
  [SECURITY_GROUP, 'RequestAuthentication'],
  [TELEMETRY_GROUP, 'Telemetry'],
];
const PRINCIPAL_FIELDS = ['principals', 'notPrincipals'];
const NAMESPACE_FIELDS = ['namespaces', 'notNamespaces'];
const SERVICE_ACCOUNT_FIELDS = ['serviceAccounts', 'notServiceAccounts'];
/** `.istio-system.svc.cluster.local`: the suffix of every host in the upstream namespace. */
const UPSTREAM_HOST_SUFFIX = `.${UPSTREAM}.svc.cluster.local`;
const UPSTREAM_REF_PREFIX = `${UPSTREAM}/`;
const UPSTREAM_SELECTORS = MeshIdentity.UPSTREAM_INGRESS_SELECTORS;
/**
 * A substring of every upstream name this rule reports (namespace istio-system, the istio-ingressgateway service
 * accounts and Service): a value without it can be passed over without parsing it.
 */
const UPSTREAM_MARK = 'istio';
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * What the set itself defines under upstream names: a user may run their own gateway or namespace
 * with those names on AKS, and references to them are then correct.
 */
class DefinedUpstream {
  public readonly namespace: boolean;
  private podLabels?: Readonly<Record<string, string>>[];

  public constructor(private readonly index: ManifestIndex) {
    this.namespace = index.get(Groups.CORE, 'Namespace', undefined, UPSTREAM) !== undefined;
  }

  public serviceAccount(namespace: string, name: string): boolean {
    return this.index.get(Groups.CORE, 'ServiceAccount', namespace, name) !== undefined;
  }

  /** True when a workload template in the set carries every label of `selector` (read once, on first use). */
  public workload(selector: Readonly<Record<string, string>>): boolean {
    this.podLabels ??= WORKLOAD_KINDS.flatMap(k => this.index.ofKind(Groups.APPS, k)).map(w => labels(at(w.spec, 'template', 'metadata', 'labels')));
    return this.podLabels.some(l => selectorMatches(selector, l));
  }
}

/** What an empty set defines: the scanner's state between passes. */
const NO_SET = new DefinedUpstream(new ManifestIndex([]));

/**
 * One AIM120 pass over a set. A class with one small method per object kind rather than one function with
 * a loop per kind: each method is hot after a few hundred objects and optimized on its own, where one long
 * function is optimized loop by loop (and again at every loop it has not run yet) on each analysis.
 * Every value is first checked for `istio` (a substring of every upstream name), so nothing is parsed,
 * normalized or allocated for the objects that name no upstream location; field paths are built only for a report.
 *
 * One instance serves every analysis (`reset` per set): with a new instance per analysis, V8 threw away the
 * methods' optimized code at every garbage collection ("weak objects" deoptimization, measured on the bench
 * mesh) and recompiled them on each run.
 */
class UpstreamScan {
  public out: RuleViolation[] = [];
  private defined = NO_SET;
  private upstreamMissing = false;

  /** Starts a pass over `index`: the findings of the previous one stay with whoever took `out`. */
  public reset(index: ManifestIndex): void {
    this.out = [];
    this.defined = new DefinedUpstream(index);
    this.upstreamMissing = !this.defined.namespace;
  }

  /** Ends the pass: returns its findings and lets go of the set, which the shared instance must not keep alive. */
  public finish(): RuleViolation[] {
    const out = this.out;
    this.out = [];
    this.defined = NO_SET;
    return out;
  }

  public policy(p: IndexedObject, isAuthorization: boolean): void {
    // Selector-less policies in istio-system are AIM121's (mesh-wide policy in the wrong root namespace).
    if (this.namespaceHint(p.ref.namespace) !== undefined && !isNamespaceWide(p)) {
      this.report(p, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS, so the workloads it selects never exist; on AKS use ${NAMESPACE_HINT}`);
    }
    this.selector(p, rec(p.spec.selector)?.matchLabels);
    if (!isAuthorization) return;
    someSource(p, (source, i, j) => this.source(p, i, j, source));
    someCondition(p, (when, key, i, j) => {
      if (key !== 'source.namespace' && key !== 'source.principal') return;
      this.condition(p, i, j, key, strs(when.values));
      this.condition(p, i, j, key, strs(when.notValues));
    });
  }

  public istioGateway(gw: IndexedObject): void {
    this.selector(gw, gw.spec.selector);
  }

  public virtualService(vs: IndexedObject): void {
    const ns = vs.ref.namespace;
    if (this.namespaceHint(ns)) this.report(vs, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS; on AKS use ${NAMESPACE_HINT}`);
    const gateways = strs(vs.spec.gateways);
    for (let i = 0; i < gateways.length; i++) {
      const h = this.refHint(gateways[i]);
      if (h) this.report(vs, `gateways[${i}]`, gateways[i], h);
    }
    this.routeHosts(vs, 'http', recs(vs.spec.http));
    this.routeHosts(vs, 'tcp', recs(vs.spec.tcp));
    this.routeHosts(vs, 'tls', recs(vs.spec.tls));
  }

  public destinationRule(dr: IndexedObject): void {
    const host = str(dr.spec.host);
    const h = host && this.hostHint(host, dr.ref.namespace);
    if (host && h) this.report(dr, 'host', host, h);
  }

  public sidecar(sc: IndexedObject): void {
    const egress = recs(sc.spec.egress);
    for (let i = 0; i < egress.length; i++) {
      const hosts = strs(egress[i].hosts);
      for (let j = 0; j < hosts.length; j++) {
        const h = this.refHint(hosts[j]);
        if (h) this.report(sc, `egress[${i}].hosts[${j}]`, hosts[j], h);
      }
    }
  }

  public gatewayApiRoute(route: IndexedObject): void {
    const parentRefs = recs(route.spec.parentRefs);
    for (let i = 0; i < parentRefs.length; i++) {
      const h = this.namespaceHint(str(parentRefs[i].namespace));
      if (h) this.report(route, `parentRefs[${i}].namespace`, UPSTREAM, h);
    }
    const rules = recs(route.spec.rules);
    for (let i = 0; i < rules.length; i++) {
      const backendRefs = recs(rules[i].backendRefs);
      for (let j = 0; j < backendRefs.length; j++) {
        const h = this.namespaceHint(str(backendRefs[j].namespace));
        if (h) this.report(route, `rules[${i}].backendRefs[${j}].namespace`, UPSTREAM, h);
      }
    }
  }

  public gatewayApiGateway(gw: IndexedObject): void {
    const addresses = recs(gw.spec.addresses);
    for (let i = 0; i < addresses.length; i++) {
      const value = str(addresses[i].value);
      const h = value && str(addresses[i].type) === 'Hostname' ? this.hostHint(value, gw.ref.namespace) : undefined;
      if (value && h) this.report(gw, `addresses[${i}].value`, value, h);
    }
  }

  private routeHosts(vs: IndexedObject, kind: string, routes: readonly Record<string, unknown>[]): void {
    for (let i = 0; i < routes.length; i++) {
      const destinations = recs(routes[i].route);
      for (let j = 0; j < destinations.length; j++) {
        const host = str(rec(destinations[j].destination)?.host);
        const h = host && this.hostHint(host, vs.ref.namespace);
        if (host && h) this.report(vs, `${kind}[${i}].route[${j}].destination.host`, host, h);
      }
    }
  }

  private source(p: IndexedObject, i: number, j: number, source: Record<string, unknown>): void {
    for (const f of PRINCIPAL_FIELDS) {
      const values = strs(source[f]);
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        const h = this.principalHint(v);
        if (!h) continue;
        // In aks-istio-ingress the namespace is right; the account name may be a deliberate override
        // (AKS does not document it), so that case is only a warning.
        if (MeshIdentity.parsePrincipal(v)?.namespace === AksNames.INGRESS_NAMESPACE) {
          this.out.push({
            target: p,
            severity: Severity.WARNING,
            message: `${describeObject(p.ref)} ${sourcePath(i, j)}.${f}[${k}] ${JSON.stringify(v)} uses the upstream ingress gateway's service account name in ${AksNames.INGRESS_NAMESPACE}; `
              + `the AKS managed gateways run as ${MeshIdentity.ingressServiceAccountName('external')} / ${MeshIdentity.ingressServiceAccountName('internal')} (check with kubectl if your cluster differs)`,
          });
          continue;
        }
        this.report(p, `${sourcePath(i, j)}.${f}[${k}]`, v, h);
      }
    }
    for (const f of NAMESPACE_FIELDS) {
      const values = strs(source[f]);
      for (let k = 0; k < values.length; k++) {
        const h = this.namespaceHint(values[k]);
        if (h) this.report(p, `${sourcePath(i, j)}.${f}[${k}]`, values[k], h);
      }
    }
    for (const f of SERVICE_ACCOUNT_FIELDS) {
      const values = strs(source[f]);
      for (let k = 0; k < values.length; k++) {
        const v = values[k];
        if (!v.includes(UPSTREAM_MARK)) continue;
        const [ns, sa] = v.split('/');
        const h = MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa) && !this.defined.serviceAccount(ns, sa)
          ? `the upstream ingress gateway; on AKS use ${AksNames.INGRESS_NAMESPACE}/${AksNames.ingressServiceName('external')} (or -internal)` : this.namespaceHint(ns);
        if (h) this.report(p, `${sourcePath(i, j)}.${f}[${k}]`, v, h);
      }
    }
  }

  private condition(p: IndexedObject, i: number, j: number, key: string, values: readonly string[]): void {
    for (const v of values) {
      const h = key === 'source.namespace' ? this.namespaceHint(v) : this.principalHint(v);
      if (h) this.report(p, `${conditionPath(i, j)} (${key})`, v, h);
    }
  }

  private report(target: IndexedObject, field: string, value: string, hint: string, quoted = true): void {
    this.out.push({ target, message: `${describeObject(target.ref)} ${field} ${quoted ? JSON.stringify(value) : value} names ${hint}` });
  }

  private namespaceHint(ns: string | undefined): string | undefined {
    return ns === UPSTREAM && this.upstreamMissing ? UPSTREAM_NAMESPACE_HINT : undefined;
  }

  private principalHint(value: string): string | undefined {
    if (!value.includes(UPSTREAM_MARK)) return undefined;
    const parsed = MeshIdentity.parsePrincipal(value);
    const sa = parsed?.serviceAccount ?? value.split('/sa/')[1];
    const ns = parsed?.namespace ?? value.split('/ns/')[1]?.split('/')[0];
    if (sa !== undefined && MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa) && !(ns !== undefined && this.defined.serviceAccount(ns, sa))) {
      return `the upstream ingress gateway; on AKS use ${AKS_INGRESS_PRINCIPAL}`;
    }
    return this.namespaceHint(ns);
  }

  private hostHint(host: string, namespace: string | undefined): string | undefined {
    // Both hints need the upstream namespace missing from the set; a short name is read in `namespace`, so
    // the normalized host mentions istio only when the host or that namespace does.
    if (!this.upstreamMissing || !(host.includes(UPSTREAM_MARK) || (namespace !== undefined && namespace.includes(UPSTREAM_MARK)))) return undefined;
    const full = normalizeHost(host, namespace);
    if (full.startsWith('istio-ingressgateway.')) {
      return `the upstream ingress gateway Service; on AKS it is ${AksNames.serviceFqdn(AksNames.ingressServiceName('external'), AksNames.INGRESS_NAMESPACE)} (or -internal)`;
    }
    return full.endsWith(UPSTREAM_HOST_SUFFIX) ? UPSTREAM_NAMESPACE_HINT : undefined;
  }

  /** Reports a selector (`matchLabels` or an Istio Gateway's `selector`) that picks the upstream ingress gateway's pods. */
  private selector(target: IndexedObject, value: unknown): void {
    // The upstream labels are looked up in the raw map: a non-string value equals none of them, as after `labels()`,
    // which reads every value and is only needed for a report.
    const raw = rec(value);
    if (raw === undefined) return;
    let upstream: { key: string; value: string } | undefined;
    for (let i = 0; i < UPSTREAM_SELECTORS.length; i++) {
      if (raw[UPSTREAM_SELECTORS[i].key] === UPSTREAM_SELECTORS[i].value) { upstream = UPSTREAM_SELECTORS[i]; break; }
    }
    if (!upstream) return;
    const selector = labels(raw);
    if (this.defined.workload(selector)) return;
    this.report(target, 'selector', JSON.stringify(selector), `the upstream ingress gateway (${upstream.key}: ${upstream.value}); on AKS select ${AKS_INGRESS_SELECTOR}`, false);
  }

  private refHint(ref: string): string | undefined {
    return ref.startsWith(UPSTREAM_REF_PREFIX) ? this.namespaceHint(UPSTREAM) : undefined;
  }
}

/** The one scanner (see `UpstreamScan`); `check` runs synchronously, so passes never overlap. */
const SCAN = new UpstreamScan();

/**
 * AIM120: a security policy or route names upstream Istio locations that do not exist on an AKS add-on
 * cluster (namespace `istio-system`, the `istio-ingressgateway` service accounts, Service or pod labels).
 * References to a namespace, service account or workload the analysed set itself defines are not reported.
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export const UpstreamLocation: MeshRule = {
  code: 'AIM120',
  severity: Severity.ERROR,
  explanation: 'A security policy or route names namespace istio-system, the istio-ingressgateway service account, Service or pod labels of upstream Istio; the AKS add-on has none of them, so the reference matches nothing.',
  fix: 'use the AKS names: aks-istio-system (control plane, mesh-wide policies), aks-istio-ingress with aks-istio-ingressgateway-external / -internal (ingress gateways)',
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  check: index => {
    const scan = SCAN;
    scan.reset(index);
    // `finish` also on a throw: the shared scanner must not keep the set alive.
    try {
      for (const [group, kind] of POLICY_KINDS) {
        const isAuthorization = kind === 'AuthorizationPolicy';
        const policies = index.ofKind(group, kind);
        for (let i = 0; i < policies.length; i++) scan.policy(policies[i], isAuthorization);
      }
      const istioGateways = index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway');
      for (let i = 0; i < istioGateways.length; i++) scan.istioGateway(istioGateways[i]);
      const virtualServices = index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService');
      for (let i = 0; i < virtualServices.length; i++) scan.virtualService(virtualServices[i]);
      const destinationRules = index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule');
      for (let i = 0; i < destinationRules.length; i++) scan.destinationRule(destinationRules[i]);
      const sidecars = index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar');
      for (let i = 0; i < sidecars.length; i++) scan.sidecar(sidecars[i]);
      for (const kind of ROUTE_KINDS) {
        const routes = index.ofKind(Groups.GATEWAY_API, kind);
        for (let i = 0; i < routes.length; i++) scan.gatewayApiRoute(routes[i]);
      }
      const gateways = index.ofKind(Groups.GATEWAY_API, 'Gateway');
      for (let i = 0; i < gateways.length; i++) scan.gatewayApiGateway(gateways[i]);
    } catch (e) {
      scan.finish();
      throw e;
    }
    return scan.finish();
  },
};
