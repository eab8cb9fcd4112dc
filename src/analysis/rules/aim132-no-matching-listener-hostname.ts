import { describeObject, Severity } from '../finding';
import { JsonRecord, str, strs } from '../private/json';
import { gatewayParents, hostnamesIntersect, routes } from '../private/gateway-api';
import { MeshRule, RuleViolation } from '../rule';

/** Listener protocols each route kind attaches to. */
const PROTOCOLS: Record<string, string[]> = {
  HTTPRoute: ['HTTP', 'HTTPS'],
  GRPCRoute: ['HTTP', 'HTTPS'],
  TLSRoute: ['TLS'],
};

/** True when some listener takes the route's kind and none of those takes one of `hostnames`. */
function refusesAll(listeners: readonly JsonRecord[], protocols: readonly string[], hostnames: readonly string[]): boolean {
  let taking = false;
  for (const l of listeners) {
    if (!protocols.includes(str(l.protocol) ?? '')) continue;
    taking = true;
    const hostname = str(l.hostname);
    if (hostname === undefined || hostname === '' || hostname === '*') return false;
    for (const h of hostnames) if (hostnamesIntersect(h, hostname)) return false;
  }
  return taking;
}

/**
 * AIM132: a route's `hostnames` intersect none of the hostnames of the listeners it attaches to; the
 * Gateway does not accept it (Accepted=False, NoMatchingListenerHostname).
 *
 * A listener without `hostname` (or `*`) accepts every hostname, and so does a route without `hostnames`; a
 * wildcard matches by suffix, one label or more, never the bare domain.
 * Only listeners whose protocol takes the route's kind count (the kind mismatch is AIM107's).
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason
 */
export const NoMatchingListenerHostname: MeshRule = {
  code: 'AIM132',
  severity: Severity.ERROR,
  docs: 'https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason',
  explanation: "A route's hostnames intersect none of its Gateway listeners' hostname; the route is not accepted (NoMatchingListenerHostname).",
  fix: "add a hostname the listener serves to the route's hostnames, or widen the listener's hostname (for example '*.example.com')",
  check: index => {
    const out: RuleViolation[] = [];
    for (const route of routes(index)) {
      const hostnames = strs(route.spec.hostnames);
      const protocols = PROTOCOLS[route.ref.kind];
      if (hostnames.length === 0 || !protocols) continue;
      for (const parent of gatewayParents(index, route)) {
        // Judged in place; the listener list is filtered only for the message.
        if (!refusesAll(parent.listeners, protocols, hostnames)) continue;
        const listeners = parent.listeners.filter(l => protocols.includes(str(l.protocol) ?? ''));
        out.push({
          target: route,
          message: `${describeObject(route.ref)} hostnames ${hostnames.map(h => `"${h}"`).join(', ')} match no listener of Gateway ${parent.namespace ?? ''}/${parent.name} `
            + `(listener hostnames ${listeners.map(l => `"${str(l.hostname) ?? ''}"`).join(', ')})`,
        });
      }
    }
    return out;
  },
};
