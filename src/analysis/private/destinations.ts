import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { JsonRecord, rec, recs } from './json';

/** Where in a route rule a destination is: a `route` entry, the HTTP `mirror`, or an HTTP `mirrors` entry. */
export type DestinationVia = 'route' | 'mirror' | 'mirrors';

/**
 * One destination of a VirtualService, with where it was read from.
 *
 * The position is kept as numbers: the field path (`path`) is a string only a violation needs, so it is
 * built then, not for every destination of every analysis.
 */
export interface RouteDestination {
  readonly vs: IndexedObject;
  /** The `destination` (or `mirror`) object; undefined when the route entry has none. */
  readonly destination: JsonRecord | undefined;
  /** The route section: `http`, `tcp` or `tls`. */
  readonly section: 'http' | 'tcp' | 'tls';
  /** Index of the rule in its section. */
  readonly rule: number;
  /** Index in the rule's `route` or `mirrors` list (0 for `mirror`). */
  readonly entry: number;
  readonly via: DestinationVia;
}

const SECTIONS = ['http', 'tcp', 'tls'] as const;

/** Where a destination is, for example `spec.http[0].route[1].destination`. */
export function destinationPath(d: RouteDestination): string {
  if (d.via === 'mirror') return `spec.${d.section}[${d.rule}].mirror`;
  return `spec.${d.section}[${d.rule}].${d.via}[${d.entry}].destination`;
}

/** True for the destinations Istio sends traffic to: `http`, `tcp` and `tls` routes, HTTP `mirror` and `mirrors`. */
export function isIstioDestination(d: RouteDestination): boolean {
  return d.via !== 'mirror' || d.section === 'http';
}

/** The builder of `virtualServiceDestinations`: a module-level function, so its optimized code is kept across analyses. */
function readDestinations(i: ManifestIndex): RouteDestination[] {
  const out: RouteDestination[] = [];
  for (const vs of i.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
    for (const section of SECTIONS) {
      const rules = recs(vs.spec[section]);
      for (let r = 0; r < rules.length; r++) {
        const rule = rules[r];
        const routes = recs(rule.route);
        for (let j = 0; j < routes.length; j++) {
          out.push({ vs, destination: rec(routes[j].destination), section, rule: r, entry: j, via: 'route' });
        }
        const mirror = rec(rule.mirror);
        if (mirror) out.push({ vs, destination: mirror, section, rule: r, entry: 0, via: 'mirror' });
        if (section !== 'http') continue;
        const mirrors = recs(rule.mirrors);
        for (let j = 0; j < mirrors.length; j++) {
          out.push({ vs, destination: rec(mirrors[j].destination), section, rule: r, entry: j, via: 'mirrors' });
        }
      }
    }
  }
  return out;
}

/**
 * Every destination of every VirtualService, in input order (per VirtualService: `http`, `tcp`, `tls` rules,
 * each rule's `route` entries, then its `mirror` and `mirrors`), read in one pass and shared by the rules that
 * follow routes (AIM105, AIM130, AIM136).
 *
 * A `mirror` on a TCP or TLS rule is not an Istio field; it is listed (AIM105 has always checked its subset),
 * and `isIstioDestination` leaves it out for the rules that resolve hosts.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#Destination
 */
export function virtualServiceDestinations(index: ManifestIndex): readonly RouteDestination[] {
  return index.derived('virtual-service-destinations', readDestinations);
}
