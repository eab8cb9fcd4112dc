import { IndexedObject } from '../manifest-index';
import { JsonRecord, rec, recs } from './json';

/** One destination of a VirtualService, with the path it was read from. */
export interface RouteDestination {
  /** The `destination` (or `mirror`) object; undefined when the route entry has none. */
  readonly destination: JsonRecord | undefined;
  /** Where it is, for example `spec.http[0].route[1].destination`. */
  readonly path: string;
  readonly mirror: boolean;
}

/**
 * Every destination a VirtualService sends traffic to: `http`, `tcp` and `tls` routes, and HTTP `mirror` and `mirrors`.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
 */
export function routeDestinations(vs: IndexedObject): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const kind of ['http', 'tcp', 'tls']) {
    recs(vs.spec[kind]).forEach((rule, i) => {
      recs(rule.route).forEach((r, j) => out.push({ destination: rec(r.destination), path: `spec.${kind}[${i}].route[${j}].destination`, mirror: false }));
      if (kind !== 'http') return;
      const mirror = rec(rule.mirror);
      if (mirror) out.push({ destination: mirror, path: `spec.http[${i}].mirror`, mirror: true });
      recs(rule.mirrors).forEach((m, j) => out.push({ destination: rec(m.destination), path: `spec.http[${i}].mirrors[${j}].destination`, mirror: true }));
    });
  }
  return out;
}
