import { AksNames } from '../../mesh/aks-names';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, labels, recs, str, strs } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { conditionsOf, isNamespaceWide, SECURITY_GROUP, selectorCovers, sourcesOf, TELEMETRY_GROUP } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

const UPSTREAM = MeshIdentity.UPSTREAM_NAMESPACE;
const AKS_INGRESS_PRINCIPAL = `${MeshIdentity.principal(AksNames.INGRESS_NAMESPACE, MeshIdentity.ingressServiceAccountName('external'))} (or -internal)`;
const AKS_INGRESS_SELECTOR = `${AksNames.GATEWAY_SELECTOR_LABEL}: ${AksNames.ingressServiceName('external')} (or -internal), in namespace ${AksNames.INGRESS_NAMESPACE}`;
const NAMESPACE_HINT = `${AksNames.SYSTEM_NAMESPACE} for the control plane and mesh-wide policies, ${AksNames.INGRESS_NAMESPACE} for the managed ingress gateways`;
const UPSTREAM_NAMESPACE_HINT = `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`;
const SECURITY_KINDS = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];
const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * What the set itself defines under upstream names: a user may run their own gateway or namespace
 * with those names on AKS, and references to them are then correct.
 */
class DefinedUpstream {
  public readonly namespace: boolean;
  private podLabels?: Record<string, string>[];

  public constructor(private readonly index: ManifestIndex) {
    this.namespace = index.get(Groups.CORE, 'Namespace', undefined, UPSTREAM) !== undefined;
  }

  public serviceAccount(namespace: string, name: string): boolean {
    return this.index.get(Groups.CORE, 'ServiceAccount', namespace, name) !== undefined;
  }

  /** True when a workload template in the set carries every label of `selector` (read once, on first use). */
  public workload(selector: Record<string, string>): boolean {
    this.podLabels ??= WORKLOAD_KINDS.flatMap(k => this.index.ofKind(Groups.APPS, k)).map(w => labels(at(w.spec, 'template', 'metadata', 'labels')));
    return this.podLabels.some(l => selectorCovers(selector, l));
  }
}

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
    const defined = new DefinedUpstream(index);
    const out: RuleViolation[] = [];
    const report = (target: IndexedObject, field: string, value: string, hint: string, quoted = true) => {
      out.push({ target, message: `${describeObject(target.ref)} ${field} ${quoted ? JSON.stringify(value) : value} names ${hint}` });
    };
    const namespaceHint = (ns: string | undefined) => (ns === UPSTREAM && !defined.namespace ? UPSTREAM_NAMESPACE_HINT : undefined);
    const principalHint = (value: string): string | undefined => {
      const parsed = MeshIdentity.parsePrincipal(value);
      const sa = parsed?.serviceAccount ?? value.split('/sa/')[1];
      const ns = parsed?.namespace ?? value.split('/ns/')[1]?.split('/')[0];
      if (sa !== undefined && MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa) && !(ns !== undefined && defined.serviceAccount(ns, sa))) {
        return `the upstream ingress gateway; on AKS use ${AKS_INGRESS_PRINCIPAL}`;
      }
      return namespaceHint(ns);
    };
    const hostHint = (host: string, namespace: string | undefined): string | undefined => {
      const full = normalizeHost(host, namespace);
      if (full.startsWith('istio-ingressgateway.') && !defined.namespace) {
        return `the upstream ingress gateway Service; on AKS it is ${AksNames.serviceFqdn(AksNames.ingressServiceName('external'), AksNames.INGRESS_NAMESPACE)} (or -internal)`;
      }
      return full.endsWith(`.${UPSTREAM}.svc.cluster.local`) ? namespaceHint(UPSTREAM) : undefined;
    };
    const selectorHint = (selector: Record<string, string>): string | undefined => {
      const upstream = MeshIdentity.UPSTREAM_INGRESS_SELECTORS.find(s => selector[s.key] === s.value);
      if (!upstream || defined.workload(selector)) return undefined;
      return `the upstream ingress gateway (${upstream.key}: ${upstream.value}); on AKS select ${AKS_INGRESS_SELECTOR}`;
    };
    const refHint = (ref: string) => (ref.startsWith(`${UPSTREAM}/`) ? namespaceHint(UPSTREAM) : undefined);

    const policies = [
      ...SECURITY_KINDS.flatMap(k => index.ofKind(SECURITY_GROUP, k)),
      ...index.ofKind(TELEMETRY_GROUP, 'Telemetry'),
    ];
    for (const p of policies) {
      // Selector-less policies in istio-system are AIM121's (mesh-wide policy in the wrong root namespace).
      const nsHint = isNamespaceWide(p) ? undefined : namespaceHint(p.ref.namespace);
      if (nsHint) report(p, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS, so the workloads it selects never exist; on AKS use ${NAMESPACE_HINT}`);
      const selector = labels(at(p.spec, 'selector', 'matchLabels'));
      const sHint = selectorHint(selector);
      if (sHint) report(p, 'selector', JSON.stringify(selector), sHint, false);
      if (p.ref.kind !== 'AuthorizationPolicy') continue;
      for (const { path, source } of sourcesOf(p)) {
        for (const f of ['principals', 'notPrincipals']) {
          strs(source[f]).forEach((v, i) => {
            const h = principalHint(v);
            if (!h) return;
            // In aks-istio-ingress the namespace is right; the account name may be a deliberate override
            // (AKS does not document it), so that case is only a warning.
            if (MeshIdentity.parsePrincipal(v)?.namespace === AksNames.INGRESS_NAMESPACE) {
              out.push({
                target: p,
                severity: Severity.WARNING,
                message: `${describeObject(p.ref)} ${path}.${f}[${i}] ${JSON.stringify(v)} uses the upstream ingress gateway's service account name in ${AksNames.INGRESS_NAMESPACE}; `
                  + `the AKS managed gateways run as ${MeshIdentity.ingressServiceAccountName('external')} / ${MeshIdentity.ingressServiceAccountName('internal')} (check with kubectl if your cluster differs)`,
              });
              return;
            }
            report(p, `${path}.${f}[${i}]`, v, h);
          });
        }
        for (const f of ['namespaces', 'notNamespaces']) {
          strs(source[f]).forEach((v, i) => { const h = namespaceHint(v); if (h) report(p, `${path}.${f}[${i}]`, v, h); });
        }
        for (const f of ['serviceAccounts', 'notServiceAccounts']) {
          strs(source[f]).forEach((v, i) => {
            const [ns, sa] = v.split('/');
            const h = MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa) && !defined.serviceAccount(ns, sa)
              ? `the upstream ingress gateway; on AKS use ${AksNames.INGRESS_NAMESPACE}/${AksNames.ingressServiceName('external')} (or -internal)` : namespaceHint(ns);
            if (h) report(p, `${path}.${f}[${i}]`, v, h);
          });
        }
      }
      for (const c of conditionsOf(p)) {
        [...c.values, ...c.notValues].forEach(v => {
          const h = c.key === 'source.namespace' ? namespaceHint(v) : c.key === 'source.principal' ? principalHint(v) : undefined;
          if (h) report(p, `${c.path} (${c.key})`, v, h);
        });
      }
    }
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const selector = labels(gw.spec.selector);
      const h = selectorHint(selector);
      if (h) report(gw, 'selector', JSON.stringify(selector), h, false);
    }
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      if (namespaceHint(vs.ref.namespace)) report(vs, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS; on AKS use ${NAMESPACE_HINT}`);
      strs(vs.spec.gateways).forEach((g, i) => { const h = refHint(g); if (h) report(vs, `gateways[${i}]`, g, h); });
      for (const kind of ['http', 'tcp', 'tls']) {
        recs(vs.spec[kind]).forEach((r, i) => recs(r.route).forEach((d, j) => {
          const host = str(at(d, 'destination', 'host'));
          const h = host && hostHint(host, vs.ref.namespace);
          if (host && h) report(vs, `${kind}[${i}].route[${j}].destination.host`, host, h);
        }));
      }
    }
    for (const dr of index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule')) {
      const host = str(dr.spec.host);
      const h = host && hostHint(host, dr.ref.namespace);
      if (host && h) report(dr, 'host', host, h);
    }
    for (const sc of index.ofKind(Groups.ISTIO_NETWORKING, 'Sidecar')) {
      recs(sc.spec.egress).forEach((e, i) => strs(e.hosts).forEach((host, j) => {
        const h = refHint(host);
        if (h) report(sc, `egress[${i}].hosts[${j}]`, host, h);
      }));
    }
    for (const kind of ROUTE_KINDS) {
      for (const route of index.ofKind(Groups.GATEWAY_API, kind)) {
        recs(route.spec.parentRefs).forEach((p, i) => {
          const h = namespaceHint(str(p.namespace));
          if (h) report(route, `parentRefs[${i}].namespace`, UPSTREAM, h);
        });
        recs(route.spec.rules).forEach((r, i) => recs(r.backendRefs).forEach((b, j) => {
          const h = namespaceHint(str(b.namespace));
          if (h) report(route, `rules[${i}].backendRefs[${j}].namespace`, UPSTREAM, h);
        }));
      }
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      recs(gw.spec.addresses).forEach((a, i) => {
        const value = str(a.value);
        const h = value && str(a.type) === 'Hostname' ? hostHint(value, gw.ref.namespace) : undefined;
        if (value && h) report(gw, `addresses[${i}].value`, value, h);
      });
    }
    return out;
  },
};
