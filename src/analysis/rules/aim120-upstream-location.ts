import { AksNames } from '../../mesh/aks-names';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { at, labels, rec, recs, str, strs } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { conditionsOf, isNamespaceWide, SECURITY_GROUP, sourcesOf, TELEMETRY_GROUP } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

const UPSTREAM = MeshIdentity.UPSTREAM_NAMESPACE;
const AKS_INGRESS_PRINCIPAL = `${MeshIdentity.principal(AksNames.INGRESS_NAMESPACE, MeshIdentity.ingressServiceAccountName('external'))} (or -internal)`;
const AKS_INGRESS_SELECTOR = `${AksNames.GATEWAY_SELECTOR_LABEL}: ${AksNames.ingressServiceName('external')} (or -internal), in namespace ${AksNames.INGRESS_NAMESPACE}`;
const NAMESPACE_HINT = `${AksNames.SYSTEM_NAMESPACE} for the control plane and mesh-wide policies, ${AksNames.INGRESS_NAMESPACE} for the managed ingress gateways`;
const SECURITY_KINDS = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute'];

/** What an upstream principal stands for on AKS, or `undefined` when it names no upstream location. */
function principalHint(value: string): string | undefined {
  const parsed = MeshIdentity.parsePrincipal(value);
  const sa = parsed?.serviceAccount ?? value.split('/sa/')[1];
  if (sa !== undefined && MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa)) return `the upstream ingress gateway; on AKS use ${AKS_INGRESS_PRINCIPAL}`;
  if (value.includes(`/ns/${UPSTREAM}/`)) return `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`;
  return undefined;
}

function namespaceHint(value: string): string | undefined {
  return value === UPSTREAM ? `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}` : undefined;
}

function hostHint(host: string, namespace: string | undefined): string | undefined {
  const full = normalizeHost(host, namespace);
  if (full.startsWith('istio-ingressgateway.')) return `the upstream ingress gateway Service; on AKS it is ${AksNames.serviceFqdn(AksNames.ingressServiceName('external'), AksNames.INGRESS_NAMESPACE)} (or -internal)`;
  if (full.endsWith(`.${UPSTREAM}.svc.cluster.local`)) return `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`;
  return undefined;
}

function selectorHint(selector: Record<string, string>): string | undefined {
  const upstream = MeshIdentity.UPSTREAM_INGRESS_SELECTORS.find(s => selector[s.key] === s.value);
  return upstream ? `the upstream ingress gateway (${upstream.key}: ${upstream.value}); on AKS select ${AKS_INGRESS_SELECTOR}` : undefined;
}

/**
 * AIM120: a security policy or route names upstream Istio locations that do not exist on an AKS add-on
 * cluster (namespace `istio-system`, the `istio-ingressgateway` service accounts, Service or pod labels).
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
    const out: RuleViolation[] = [];
    const report = (target: IndexedObject, field: string, value: string, hint: string, quoted = true) => {
      out.push({ target, message: `${describeObject(target.ref)} ${field} ${quoted ? JSON.stringify(value) : value} names ${hint}` });
    };
    const selectorOf = (o: IndexedObject) => labels(at(o.spec, 'selector', 'matchLabels'));
    const policies = [
      ...SECURITY_KINDS.flatMap(k => index.ofKind(SECURITY_GROUP, k)),
      ...index.ofKind(TELEMETRY_GROUP, 'Telemetry'),
    ];
    for (const p of policies) {
      // Selector-less policies in istio-system are AIM121's (mesh-wide policy in the wrong root namespace).
      if (p.ref.namespace === UPSTREAM && !isNamespaceWide(p)) {
        report(p, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS, so the workloads it selects never exist; on AKS use ${NAMESPACE_HINT}`);
      }
      const sHint = selectorHint(selectorOf(p));
      if (sHint) report(p, 'selector', JSON.stringify(selectorOf(p)), sHint, false);
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
            const h = MeshIdentity.UPSTREAM_INGRESS_SERVICE_ACCOUNTS.includes(sa) ? `the upstream ingress gateway; on AKS use ${AksNames.INGRESS_NAMESPACE}/${AksNames.ingressServiceName('external')} (or -internal)` : namespaceHint(ns);
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
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      if (vs.ref.namespace === UPSTREAM) report(vs, 'is in namespace', UPSTREAM, `a namespace that does not exist on AKS; on AKS use ${NAMESPACE_HINT}`);
      strs(vs.spec.gateways).forEach((g, i) => {
        if (g.startsWith(`${UPSTREAM}/`)) report(vs, `gateways[${i}]`, g, `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`);
      });
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
      recs(sc.spec.egress).forEach((e, i) => strs(e.hosts).forEach((h, j) => {
        if (h.startsWith(`${UPSTREAM}/`)) report(sc, `egress[${i}].hosts[${j}]`, h, `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`);
      }));
    }
    for (const kind of ROUTE_KINDS) {
      for (const route of index.ofKind(Groups.GATEWAY_API, kind)) {
        recs(route.spec.parentRefs).forEach((p, i) => {
          if (str(p.namespace) === UPSTREAM) report(route, `parentRefs[${i}].namespace`, UPSTREAM, `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`);
        });
        recs(route.spec.rules).forEach((r, i) => recs(r.backendRefs).forEach((b, j) => {
          if (str(b.namespace) === UPSTREAM) report(route, `rules[${i}].backendRefs[${j}].namespace`, UPSTREAM, `namespace ${UPSTREAM}; on AKS use ${NAMESPACE_HINT}`);
        }));
      }
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      recs(gw.spec.addresses).forEach((a, i) => {
        const value = str(a.value);
        const h = value && rec(a) && str(a.type) === 'Hostname' ? hostHint(value, gw.ref.namespace) : undefined;
        if (value && h) report(gw, `addresses[${i}].value`, value, h);
      });
    }
    return out;
  },
};
