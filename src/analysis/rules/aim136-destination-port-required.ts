import { describeObject, Severity } from '../finding';
import { destinationPath, isIstioDestination, virtualServiceDestinations } from '../private/destinations';
import { str, strs } from '../private/json';
import { namespaceOf, ServiceRegistry } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM136: a route destination without `port` to a host that serves several ports; Istio cannot tell which one is meant.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0112/
 */
export const DestinationPortRequired: MeshRule = {
  code: 'AIM136',
  severity: Severity.ERROR,
  istioCode: 'IST0112',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0112/',
  explanation: 'A VirtualService destination omits port.number, but its Service or ServiceEntry serves more than one port.',
  fix: 'set destination.port.number to the port the route is for',
  check: (index, context) => {
    let registry: ServiceRegistry | undefined;
    const out: RuleViolation[] = [];
    for (const d of virtualServiceDestinations(index)) {
      // The port check first: it is a property read, the host lookup is not.
      if (d.destination === undefined || d.destination.port !== undefined || !isIstioDestination(d)) continue;
      const host = str(d.destination.host);
      if (host === undefined) continue;
      const vs = d.vs;
      registry ??= ServiceRegistry.of(index, context);
      const found = registry.lookup(namespaceOf(vs), strs(vs.spec.exportTo), host);
      if (!found?.source || found.ports.length < 2) continue;
      out.push({ target: vs, message: `${describeObject(vs.ref)} ${destinationPath(d)} to host "${host}" has no port, but ${describeObject(found.source.ref)} serves ports ${found.ports.join(', ')}` });
    }
    return out;
  },
};
