import { describeObject, Severity } from '../finding';
import { gatewayParents, routes } from '../private/gateway-api';
import { isExternal, MeshRule, RuleViolation } from '../rule';

/**
 * AIM106: an HTTPRoute or GRPCRoute parentRef names a Gateway, `sectionName` or `port` that does not exist; the route is not accepted.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parentreference
 */
export const MissingParent: MeshRule = {
  code: 'AIM106',
  severity: Severity.ERROR,
  explanation: 'A route parentRef names a Gateway that is not defined, or a sectionName or port the Gateway has no listener for.',
  fix: "define the Gateway, or correct the parentRef's name, namespace, sectionName or port",
  check: (index, context) => {
    const out: RuleViolation[] = [];
    for (const route of routes(index)) {
      for (const parent of gatewayParents(index, route)) {
        // The usual case, a Gateway with a selected listener, builds no string.
        if (parent.gateway && parent.listeners.length > 0) continue;
        if (!parent.gateway && isExternal(context, 'gateway.networking.k8s.io', 'Gateway', parent.namespace, parent.name)) continue;
        const gw = `${parent.namespace ?? ''}/${parent.name}`;
        if (!parent.gateway) {
          out.push({ target: route, message: `${describeObject(route.ref)} parentRef names Gateway ${gw}, which is not defined` });
        } else {
          const what = [parent.sectionName !== undefined ? `sectionName "${parent.sectionName}"` : '', parent.port !== undefined ? `port ${parent.port}` : '']
            .filter(Boolean).join(' and ');
          out.push({ target: route, message: `${describeObject(route.ref)} parentRef to Gateway ${gw} names ${what || 'a listener'}, but the Gateway has no such listener` });
        }
      }
    }
    return out;
  },
};
