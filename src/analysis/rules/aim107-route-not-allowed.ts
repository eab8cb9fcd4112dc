import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, JsonRecord, labels, rec, recs, str, strs } from '../private/json';
import { gatewayParents, routes } from '../private/gateway-api';
import { MeshRule, RuleViolation } from '../rule';

const DEFAULT_KINDS: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/**
 * AIM107: a route attaches to a listener whose `allowedRoutes` does not admit the route's namespace or kind.
 *
 * `namespaces.from: Selector` is judged against the labels of the route's Namespace object (plus
 * `kubernetes.io/metadata.name`); when that object is not in the set, a warning says it cannot be judged.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#allowedroutes
 */
export const RouteNotAllowed: MeshRule = {
  code: 'AIM107',
  severity: Severity.ERROR,
  explanation: "A route attaches to a Gateway listener whose allowedRoutes does not admit the route's namespace or kind; the route is not accepted.",
  fix: "widen the listener's allowedRoutes (namespaces.from Same/Selector/All, kinds), or move the route",
  check: index => {
    const out: RuleViolation[] = [];
    for (const route of routes(index)) {
      for (const parent of gatewayParents(index, route)) {
        if (!parent.gateway || parent.listeners.length === 0) continue;
        // The usual case: a listener admits the route. Checked without building the refusal reasons.
        if (anyAdmits(index, parent.gateway, parent.listeners, route)) continue;
        // None admits it (`admits` is `refusal(...) === undefined`), so every listener has a reason or is Unknown.
        const reasons = parent.listeners.map(l => refusal(index, parent.gateway!, l, route));
        const unknown = reasons.filter((r): r is Unknown => typeof r !== 'string');
        if (unknown.length > 0) {
          // No info level exists: a warning says the check could not be made, rather than staying silent.
          out.push({
            target: route,
            severity: Severity.WARNING,
            fix: `add the Namespace object "${route.ref.namespace ?? ''}" with its labels to the analysed set, so the selector can be judged`,
            message: `${describeObject(route.ref)} attaches to Gateway ${parent.namespace ?? ''}/${parent.name}, whose ${unknown.map(u => u.listener).join(', ')} admit${unknown.length === 1 ? 's' : ''} `
              + `routes by namespace selector, but namespace "${route.ref.namespace ?? ''}" is not in the set, so whether it is admitted cannot be judged`,
          });
          continue;
        }
        out.push({
          target: route,
          message: `${describeObject(route.ref)} attaches to Gateway ${parent.namespace ?? ''}/${parent.name}, but no selected listener admits it: ${reasons.join('; ')}`,
        });
      }
    }
    return out;
  },
};

/** A listener whose namespace selector cannot be judged, because the route's Namespace object is not in the set. */
interface Unknown {
  readonly listener: string;
}

function anyAdmits(index: ManifestIndex, gateway: IndexedObject, listeners: readonly JsonRecord[], route: IndexedObject): boolean {
  for (const l of listeners) if (admits(index, gateway, l, route)) return true;
  return false;
}

/** True when `listener` admits `route`: exactly when `refusal` returns undefined, without building its reasons. */
function admits(index: ManifestIndex, gateway: IndexedObject, listener: JsonRecord, route: IndexedObject): boolean {
  const allowed = rec(listener.allowedRoutes);
  const kinds = recs(allowed?.kinds);
  if (kinds.length > 0) {
    let kindAdmitted = false;
    for (const k of kinds) {
      if ((str(k.group) ?? Groups.GATEWAY_API) === route.group && str(k.kind) === route.ref.kind) { kindAdmitted = true; break; }
    }
    if (!kindAdmitted) return false;
  } else {
    const defaults = DEFAULT_KINDS[str(listener.protocol) ?? ''];
    if (defaults !== undefined && !defaults.includes(route.ref.kind)) return false;
  }
  const namespaces = rec(allowed?.namespaces);
  const from = str(namespaces?.from) ?? 'Same';
  if (from === 'Same') return route.ref.namespace === gateway.ref.namespace;
  if (from !== 'Selector') return true;
  const ns = index.get(Groups.CORE, 'Namespace', undefined, route.ref.namespace ?? '');
  return ns !== undefined && selects(namespaces?.selector, labels(at(ns.object, 'metadata', 'labels')), ns.ref.name);
}

/** Why `listener` refuses `route`, `Unknown` when that cannot be told, or undefined when it admits it. */
function refusal(index: ManifestIndex, gateway: IndexedObject, listener: JsonRecord, route: IndexedObject): string | Unknown | undefined {
  const name = str(listener.name) ?? '?';
  const allowed = rec(listener.allowedRoutes);
  const namespaces = rec(allowed?.namespaces);
  const kinds = recs(allowed?.kinds);
  const admittedKinds = kinds.length > 0
    ? kinds.filter(k => (str(k.group) ?? Groups.GATEWAY_API) === route.group).map(k => str(k.kind))
    : DEFAULT_KINDS[str(listener.protocol) ?? ''] ?? [route.ref.kind];
  if (!admittedKinds.includes(route.ref.kind)) {
    return `listener "${name}" admits kinds ${admittedKinds.join(', ') || 'none'}, not ${route.ref.kind}`;
  }
  const from = str(namespaces?.from) ?? 'Same';
  if (from === 'Same' && route.ref.namespace !== gateway.ref.namespace) {
    return `listener "${name}" admits routes from namespace "${gateway.ref.namespace ?? ''}" only (from: Same), not "${route.ref.namespace ?? ''}"`;
  }
  if (from === 'Selector') {
    const ns = index.get(Groups.CORE, 'Namespace', undefined, route.ref.namespace ?? '');
    // Without the Namespace object its labels are unknown; do not guess either way.
    if (!ns) return { listener: `listener "${name}"` };
    const nsLabels = labels(at(ns.object, 'metadata', 'labels'));
    if (!selects(namespaces?.selector, nsLabels, ns.ref.name)) {
      return `listener "${name}" namespace selector does not match namespace "${ns.ref.name}" labels ${JSON.stringify({ ...nsLabels, [NAME_LABEL]: ns.ref.name })}`;
    }
  }
  return undefined;
}

/** The label Kubernetes sets on every Namespace to its name. */
const NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Kubernetes label selector semantics (matchLabels and matchExpressions) against a Namespace's labels plus
 * `kubernetes.io/metadata.name` (read as an overlay, not merged into a copy).
 */
function selects(selector: unknown, nsLabels: Readonly<Record<string, string>>, nsName: string): boolean {
  const value = (k: string): string | undefined => (k === NAME_LABEL ? nsName : nsLabels[k]);
  const has = (k: string): boolean => k === NAME_LABEL || k in nsLabels;
  const matchLabels = labels(at(selector, 'matchLabels'));
  for (const k in matchLabels) if (value(k) !== matchLabels[k]) return false;
  return recs(at(selector, 'matchExpressions')).every(e => {
    const k = str(e.key) ?? '';
    const values = strs(e.values);
    switch (str(e.operator)) {
      case 'In': return has(k) && values.includes(value(k)!);
      case 'NotIn': return !has(k) || !values.includes(value(k)!);
      case 'Exists': return has(k);
      case 'DoesNotExist': return !has(k);
      default: return false;
    }
  });
}
