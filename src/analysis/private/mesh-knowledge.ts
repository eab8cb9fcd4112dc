import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { MeshProfile } from '../../mesh/mesh-profile';
import { RuleContext } from '../rule';
import { hasKeys } from './json';
import { selectorMatches } from './workloads';

const INGRESS_TYPES = [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL] as const;
const INGRESS_SERVICE_NAMES: Readonly<Record<IngressGatewayType, string>> = {
  [IngressGatewayType.EXTERNAL]: AksNames.ingressServiceName(IngressGatewayType.EXTERNAL),
  [IngressGatewayType.INTERNAL]: AksNames.ingressServiceName(IngressGatewayType.INTERNAL),
};
const INGRESS_SERVICE_FQDNS: Readonly<Record<IngressGatewayType, string>> = {
  [IngressGatewayType.EXTERNAL]: AksNames.serviceFqdn(INGRESS_SERVICE_NAMES[IngressGatewayType.EXTERNAL], AksNames.INGRESS_NAMESPACE),
  [IngressGatewayType.INTERNAL]: AksNames.serviceFqdn(INGRESS_SERVICE_NAMES[IngressGatewayType.INTERNAL], AksNames.INGRESS_NAMESPACE),
};

/** What the rules know about the mesh's gateways: from the profile when given, else from the AKS names alone. */
export class MeshKnowledge {
  public readonly profile?: MeshProfile;

  public constructor(context: RuleContext) {
    this.profile = context.profile;
  }

  /** The managed ingress gateway an Istio Gateway selector picks (`istio: aks-istio-ingressgateway-<type>`). */
  public ingressTypeOfSelector(selector: Readonly<Record<string, string>>): IngressGatewayType | undefined {
    const value = selector[AksNames.GATEWAY_SELECTOR_LABEL];
    // Compared with names made once: rules call this for every Istio Gateway of every analysis.
    for (const t of INGRESS_TYPES) if (value === INGRESS_SERVICE_NAMES[t]) return t;
    return undefined;
  }

  /** The managed ingress gateway a Gateway API address (`Hostname` value) names, by Service name or FQDN. */
  public ingressTypeOfAddress(value: string): IngressGatewayType | undefined {
    for (const t of INGRESS_TYPES) if (value === INGRESS_SERVICE_NAMES[t] || value === INGRESS_SERVICE_FQDNS[t]) return t;
    return undefined;
  }

  /** Without a profile both managed ingress gateways count as enabled. */
  public isIngressEnabled(type: IngressGatewayType): boolean {
    return this.profile ? this.profile.isIngressGatewayEnabled(type) : true;
  }

  /** The namespace of the profile's egress gateway whose selector `selector` contains, if any. */
  public egressNamespaceOfSelector(selector: Record<string, string>): string | undefined {
    for (const egress of this.profile?.egressGateways ?? []) {
      if (hasKeys(egress.selector) && selectorMatches(egress.selector, selector)) return egress.namespace;
    }
    return undefined;
  }

  /**
   * True when `fqdn` is an egress gateway's Service: one the profile declares, or without a profile any
   * Service in the AKS default egress namespace.
   */
  public isEgressService(fqdn: string): boolean {
    if (this.profile) return this.profile.egressGateways.some(e => e.fqdn === fqdn);
    return fqdn.endsWith(`.${AksNames.EGRESS_NAMESPACE}.svc.cluster.local`);
  }
}

/** Istio's short-name rule: `reviews` in namespace `ns` means `reviews.ns.svc.cluster.local`. */
export function normalizeHost(host: string, namespace: string | undefined): string {
  if (host === '*' || host.startsWith('*')) return host;
  if (!host.includes('.')) return `${host}.${namespace ?? 'default'}.svc.cluster.local`;
  if (host.endsWith('.svc')) return `${host}.cluster.local`;
  return host;
}

/**
 * True when two host patterns overlap (Istio's `host.Name.Matches`): equal, either is `*`, or a
 * `*.suffix` wildcard covers the other.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
 */
export function hostsOverlap(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  const aWild = a.startsWith('*.');
  const bWild = b.startsWith('*.');
  if (aWild && bWild) return coveredBy(a, b) || coveredBy(b, a);
  if (aWild) return coveredBy(b, a);
  if (bWild) return coveredBy(a, b);
  return false;
}

/**
 * True when `host` ends with the `.suffix` of the wildcard `*.suffix` (`*.b.com` covers `a.b.com` and `*.a.b.com`).
 * Compared in place rather than with `slice`: the analysis calls this for every host pair it matches.
 */
export function coveredBy(host: string, wildcard: string): boolean {
  const length = wildcard.length - 1;
  const offset = host.length - length;
  if (offset < 0) return false;
  for (let i = 0; i < length; i++) {
    if (host.charCodeAt(offset + i) !== wildcard.charCodeAt(i + 1)) return false;
  }
  return true;
}

/**
 * Splits an Istio Gateway server host (`ns/host`, `./host`, `*` + `/host` or plain `host`) into the
 * namespaces it exports to and the host.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export function parseServerHost(entry: string): { namespace: string; host: string } {
  const slash = entry.indexOf('/');
  return slash >= 0 ? { namespace: entry.slice(0, slash), host: entry.slice(slash + 1) } : { namespace: '*', host: entry };
}

/** `ns/name` or `name` (relative to `namespace`) as `[namespace, name]`. */
export function parseGatewayRef(ref: string, namespace: string | undefined): [string | undefined, string] {
  const slash = ref.indexOf('/');
  return slash >= 0 ? [ref.slice(0, slash), ref.slice(slash + 1)] : [namespace, ref];
}
