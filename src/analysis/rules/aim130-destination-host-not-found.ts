import { describeObject, Severity } from '../finding';
import { destinationPath, isIstioDestination, virtualServiceDestinations } from '../private/destinations';
import { num, rec, str, strs } from '../private/json';
import { namespaceOf, ServiceRegistry } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM130: a route destination (or mirror) that no Service, ServiceEntry or AKS-managed gateway Service defines.
 *
 * Judged only when the set contains Services, and for an in-cluster host only when the set has Services in
 * that host's namespace, since otherwise every Service deployed from elsewhere would look missing.
 * Hosts resolve as `istioctl analyze` resolves them: short names in the referring object's namespace,
 * Services visible per their `networking.istio.io/exportTo` annotation, ServiceEntries per `exportTo`,
 * wildcard ServiceEntry hosts covering their subdomains. A destination port the host does not serve is
 * reported too. DestinationRule hosts are AIM143's.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0101/
 */
export const DestinationHostNotFound: MeshRule = {
  code: 'AIM130',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: 'A VirtualService destination or mirror host (or destination port) that no Service or ServiceEntry in the set defines; traffic to it fails.',
  fix: "correct the host (short names resolve in the object's own namespace; use name.namespace.svc.cluster.local for other namespaces), or add the Service or ServiceEntry (check its exportTo)",
  check: (index, context) => {
    const registry = ServiceRegistry.of(index, context);
    if (!registry.hasServices) return [];
    const out: RuleViolation[] = [];
    for (const d of virtualServiceDestinations(index)) {
      if (!isIstioDestination(d)) continue;
      const vs = d.vs;
      const ns = namespaceOf(vs);
      const host = str(d.destination?.host);
      if (host === undefined || host === '') {
        out.push({ target: vs, message: `${describeObject(vs.ref)} ${destinationPath(d)} has no host` });
        continue;
      }
      const found = registry.lookup(ns, strs(vs.spec.exportTo), host);
      if (!found && !registry.canJudge(ns, host)) continue;
      if (!found) {
        out.push({ target: vs, message: `${describeObject(vs.ref)} ${d.via === 'route' ? 'routes to' : 'mirrors to'} host "${host}" (${destinationPath(d)}), which no Service or ServiceEntry visible in namespace "${ns}" defines` });
        continue;
      }
      const port = num(rec(d.destination?.port)?.number);
      if (port !== undefined && found.source !== undefined && !found.ports.includes(port)) {
        out.push({
          target: vs,
          message: `${describeObject(vs.ref)} ${destinationPath(d)} names port ${port} of host "${host}", which serves ${found.ports.length ? `only ${found.ports.join(', ')}` : 'no ports'} (${describeObject(found.source.ref)})`,
        });
      }
    }
    return out;
  },
};
