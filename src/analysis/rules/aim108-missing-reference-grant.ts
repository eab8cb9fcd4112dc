import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { at, pushTo, recs, str } from '../private/json';
import { routes } from '../private/gateway-api';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM108: a backendRef to another namespace with no ReferenceGrant there allowing it; the backend is refused.
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
export const MissingReferenceGrant: MeshRule = {
  code: 'AIM108',
  severity: Severity.ERROR,
  explanation: "A route's backendRef (or a Gateway listener's certificateRef) points to another namespace, and no ReferenceGrant in that namespace allows it.",
  fix: "add a ReferenceGrant in the backend's namespace from the route's kind and namespace to the backend kind",
  check: index => {
    const grants = new Map<string, IndexedObject[]>();
    for (const g of index.ofKind(Groups.GATEWAY_API, 'ReferenceGrant')) {
      pushTo(grants, g.ref.namespace ?? '', g);
    }
    const out: RuleViolation[] = [];
    for (const route of routes(index)) {
      // Nested loops, not a flatMap: most routes have no cross-namespace backend and should allocate nothing.
      for (const rule of recs(route.spec.rules)) for (const backend of recs(rule.backendRefs)) {
        const ns = str(backend.namespace);
        if (ns === undefined || ns === route.ref.namespace) continue;
        const group = str(backend.group) ?? Groups.CORE;
        const kind = str(backend.kind) ?? 'Service';
        const name = str(backend.name) ?? '';
        const allowed = (grants.get(ns) ?? []).some(g =>
          recs(at(g.spec, 'from')).some(f => f.group === route.group && f.kind === route.ref.kind && f.namespace === route.ref.namespace)
          && recs(at(g.spec, 'to')).some(t => (str(t.group) ?? '') === group && t.kind === kind && (t.name === undefined || t.name === name)));
        if (!allowed) {
          out.push({ target: route, message: `${describeObject(route.ref)} has a backendRef to ${kind} ${ns}/${name}, but no ReferenceGrant in "${ns}" allows ${route.ref.kind} from "${route.ref.namespace ?? ''}"` });
        }
      }
    }
    // A listener's certificateRef to a Secret in another namespace needs a grant there from Gateways of its namespace.
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      for (const listener of recs(gw.spec.listeners)) {
        for (const ref of recs(at(listener, 'tls', 'certificateRefs'))) {
          const ns = str(ref.namespace);
          if (ns === undefined || ns === gw.ref.namespace || (str(ref.group) ?? '') !== '' || (str(ref.kind) ?? 'Secret') !== 'Secret') continue;
          const name = str(ref.name) ?? '';
          const allowed = (grants.get(ns) ?? []).some(g =>
            recs(at(g.spec, 'from')).some(f => f.group === Groups.GATEWAY_API && f.kind === 'Gateway' && f.namespace === gw.ref.namespace)
            && recs(at(g.spec, 'to')).some(t => (str(t.group) ?? '') === '' && t.kind === 'Secret' && (t.name === undefined || t.name === name)));
          if (!allowed) {
            out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" has a certificateRef to Secret ${ns}/${name}, but no ReferenceGrant in "${ns}" allows Gateway from "${gw.ref.namespace ?? ''}"`,
              fix: `add a ReferenceGrant in "${ns}" from Gateways in "${gw.ref.namespace ?? ''}" to Secret "${name}" (GrantFrom.gateways, GrantTo.secrets), or keep the certificate in the Gateway's namespace` });
          }
        }
      }
    }
    return out;
  },
};
