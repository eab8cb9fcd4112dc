import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { routeDestinations } from '../private/destinations';
import { at, str, strs } from '../private/json';
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
    const registry = ServiceRegistry.of(index, context);
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const ns = namespaceOf(vs);
      const exportTo = strs(vs.spec.exportTo);
      for (const d of routeDestinations(vs)) {
        const host = str(d.destination?.host);
        if (host === undefined || at(d.destination, 'port') !== undefined) continue;
        const found = registry.lookup(ns, exportTo, host);
        if (!found?.source || found.ports.length < 2) continue;
        out.push({ target: vs, message: `${describeObject(vs.ref)} ${d.path} to host "${host}" has no port, but ${describeObject(found.source.ref)} serves ports ${found.ports.join(', ')}` });
      }
    }
    return out;
  },
};
