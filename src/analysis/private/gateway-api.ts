import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { JsonRecord, num, recs, str } from './json';

/** Route kinds that attach to Gateways through `parentRefs`. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/** Every route object of the Gateway API in the index. */
export function routes(index: ManifestIndex): IndexedObject[] {
  return ROUTE_KINDS.flatMap(kind => [...index.ofKind(Groups.GATEWAY_API, kind)]);
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
  readonly listeners: JsonRecord[];
}

/** The parentRefs of `route` that point at Gateways (refs to Services, for mesh routing, are left out). */
export function gatewayParents(index: ManifestIndex, route: IndexedObject): GatewayParent[] {
  const out: GatewayParent[] = [];
  for (const ref of recs(route.spec.parentRefs)) {
    const group = str(ref.group) ?? Groups.GATEWAY_API;
    const kind = str(ref.kind) ?? 'Gateway';
    const name = str(ref.name);
    if (group !== Groups.GATEWAY_API || kind !== 'Gateway' || name === undefined) continue;
    const namespace = str(ref.namespace) ?? route.ref.namespace;
    const sectionName = str(ref.sectionName);
    const port = num(ref.port);
    const gateway = index.get(Groups.GATEWAY_API, 'Gateway', namespace, name);
    const listeners = gateway ? recs(gateway.spec.listeners).filter(l =>
      (sectionName === undefined || l.name === sectionName) && (port === undefined || l.port === port)) : [];
    out.push({ ref, namespace, name, sectionName, port, gateway, listeners });
  }
  return out;
}

/** True when a Gateway API Gateway is bound by `addresses` to the external managed ingress Service. */
export function isExternalGatewayApiGateway(gateway: IndexedObject, isExternalAddress: (value: string) => boolean): boolean {
  return recs(gateway.spec.addresses).some(a => isExternalAddress(str(a.value) ?? ''));
}

/**
 * Gateway API hostname intersection: equal, or a `*.` wildcard on either side covering the other
 * (the wildcard stands for one or more labels, never for the bare suffix).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutespec
 */
export function hostnamesIntersect(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('*.') && b.startsWith('*.')) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  if (a.startsWith('*.')) return b.endsWith(a.slice(1));
  if (b.startsWith('*.')) return a.endsWith(b.slice(1));
  return false;
}
