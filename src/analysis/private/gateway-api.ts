import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { JsonRecord, num, recs, str } from './json';
import { parseGatewayRef } from './mesh-knowledge';

/** Route kinds that attach to Gateways through `parentRefs`. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** Every route object of the Gateway API in the index, built once per analysis (several rules walk it). */
export function routes(index: ManifestIndex): readonly IndexedObject[] {
  return index.derived('gateway-api-routes', i => {
    const out: IndexedObject[] = [];
    for (const kind of ROUTE_KINDS) for (const route of i.ofKind(Groups.GATEWAY_API, kind)) out.push(route);
    return out;
  });
}

/**
 * The Gateway a VirtualService `gateways` entry (`ns/name`, or `name` relative to `namespace`) binds to: an Istio
 * Gateway, else a Gateway API Gateway of that name (as Istio binds them).
 *
 * A bare name, the usual entry, is looked up as it is; only an `ns/name` entry is split.
 */
export function boundGateway(index: ManifestIndex, ref: string, namespace: string | undefined): IndexedObject | undefined {
  if (!ref.includes('/')) {
    return index.get(Groups.ISTIO_NETWORKING, 'Gateway', namespace, ref) ?? index.get(Groups.GATEWAY_API, 'Gateway', namespace, ref);
  }
  const [ns, name] = parseGatewayRef(ref, namespace);
  return index.get(Groups.ISTIO_NETWORKING, 'Gateway', ns, name) ?? index.get(Groups.GATEWAY_API, 'Gateway', ns, name);
}

/** A route's parentRef to a Gateway, resolved against the index. */
export interface GatewayParent {
  readonly ref: JsonRecord;
  readonly namespace: string | undefined;
  readonly name: string;
  readonly sectionName?: string;
  readonly port?: number;
  readonly gateway?: IndexedObject;
  /** Listeners the ref selects (by `sectionName` and `port`), empty when the Gateway is missing. */
  readonly listeners: readonly JsonRecord[];
}

const NO_PARENTS: readonly GatewayParent[] = Object.freeze([]);
const NO_LISTENERS: readonly JsonRecord[] = Object.freeze([]);

/** The parentRefs of `route` that point at Gateways (refs to Services, for mesh routing, are left out). */
export function gatewayParents(index: ManifestIndex, route: IndexedObject): readonly GatewayParent[] {
  // Resolved once per route and analysis: AIM106, AIM107, AIM132 and the topology all walk them.
  const cache = index.derived('gateway-parents', () => new Map<IndexedObject, readonly GatewayParent[]>());
  let parents = cache.get(route);
  if (parents === undefined) cache.set(route, parents = resolveParents(index, route));
  return parents;
}

function resolveParents(index: ManifestIndex, route: IndexedObject): readonly GatewayParent[] {
  let out: GatewayParent[] | undefined;
  for (const ref of recs(route.spec.parentRefs)) {
    const group = str(ref.group) ?? Groups.GATEWAY_API;
    const kind = str(ref.kind) ?? 'Gateway';
    const name = str(ref.name);
    if (group !== Groups.GATEWAY_API || kind !== 'Gateway' || name === undefined) continue;
    const namespace = str(ref.namespace) ?? route.ref.namespace;
    const sectionName = str(ref.sectionName);
    const port = num(ref.port);
    const gateway = index.get(Groups.GATEWAY_API, 'Gateway', namespace, name);
    const all = gateway ? recs(gateway.spec.listeners) : NO_LISTENERS;
    // Without sectionName and port the ref selects every listener: share the Gateway's own list.
    const listeners = sectionName === undefined && port === undefined ? all
      : all.filter(l => (sectionName === undefined || l.name === sectionName) && (port === undefined || l.port === port));
    (out ??= []).push({ ref, namespace, name, sectionName, port, gateway, listeners });
  }
  return out ?? NO_PARENTS;
}

/** True when a Gateway API Gateway is bound by `addresses` to the external managed ingress Service. */
export function isExternalGatewayApiGateway(gateway: IndexedObject, isExternalAddress: (value: string) => boolean): boolean {
  return recs(gateway.spec.addresses).some(a => isExternalAddress(str(a.value) ?? ''));
}

/** True when `s` from `sFrom` on ends with `p` from `pFrom` on: `s.slice(sFrom).endsWith(p.slice(pFrom))` without the slices. */
function tailEndsWith(s: string, sFrom: number, p: string, pFrom: number): boolean {
  const n = p.length - pFrom;
  const start = s.length - n;
  if (start < sFrom) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(start + i) !== p.charCodeAt(pFrom + i)) return false;
  return true;
}

/**
 * Gateway API hostname intersection: equal, or a `*.` wildcard on either side covering the other
 * (the wildcard stands for one or more labels, never for the bare suffix).
 *
 * Compares in place (no suffix strings): it runs for every route and listener.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  const aWild = a.startsWith('*.');
  const bWild = b.startsWith('*.');
  if (aWild && bWild) return tailEndsWith(a, 1, b, 1) || tailEndsWith(b, 1, a, 1);
  if (aWild) return tailEndsWith(b, 0, a, 1);
  if (bWild) return tailEndsWith(a, 0, b, 1);
  return false;
}

/** The marker Istio puts in the names of the Istio Gateways it generates from Gateway API listeners. */
const INTERNAL_MARKER = '~istio-autogenerated-k8s-gateway~';

/**
 * True when a VirtualService `gateways` entry names an Istio Gateway that Istio generates internally
 * for a Gateway API listener (`<gateway>~istio-autogenerated-k8s-gateway~<listener>`).
 */
export function isInternalGatewayReference(ref: string): boolean {
  // The name part only (after the first `/`), searched in place.
  return ref.indexOf(INTERNAL_MARKER, ref.indexOf('/') + 1) >= 0;
}
