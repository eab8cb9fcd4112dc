import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { pushTo, strs } from '../private/json';
import { hostsOverlap } from '../private/mesh-knowledge';
import { EXPORT_ALL, exportScopes, namespaceOf, toFqdn } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM127: two VirtualServices bound to the `mesh` gateway (or to no gateway) claim the same host where both are visible.
 *
 * As `istioctl analyze` does, hosts are compared as FQDNs (short names in the VirtualService's namespace)
 * per `exportTo` scope: a host exported to one namespace also conflicts with an overlapping host exported
 * to every namespace. Istio applies only one of them, so the other's routes silently do nothing.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0109/
 */
export const ConflictingMeshHosts: MeshRule = {
  code: 'AIM127',
  severity: Severity.ERROR,
  istioCode: 'IST0109',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0109/',
  explanation: 'Two VirtualServices bound to the mesh gateway (or to no gateway) claim the same host in the same exportTo scope; only one of them takes effect.',
  fix: 'merge the routes into one VirtualService per host, or narrow exportTo so the two are never visible in the same namespace',
  check: index => {
    // One group per scope and FQDN, in order of first claim; looked up through nested maps (scope -> FQDN),
    // so no key is concatenated or split.
    const groups: { scope: string; fqdn: string; claimants: IndexedObject[] }[] = [];
    const byScope = new Map<string, Map<string, IndexedObject[]>>();
    const exportedToAll = new Map<string, IndexedObject[]>();
    const wildcardsToAll: string[] = [];
    const claim = (scope: string, fqdn: string, vs: IndexedObject): void => {
      let hosts = byScope.get(scope);
      if (!hosts) byScope.set(scope, hosts = new Map());
      const claimants = hosts.get(fqdn);
      if (claimants) {
        claimants.push(vs);
      } else {
        const list = [vs];
        hosts.set(fqdn, list);
        groups.push({ scope, fqdn, claimants: list });
      }
      if (scope === EXPORT_ALL) {
        if (!exportedToAll.has(fqdn) && fqdn.startsWith('*')) wildcardsToAll.push(fqdn);
        pushTo(exportedToAll, fqdn, vs);
      }
    };
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const gateways = strs(vs.spec.gateways);
      if (gateways.length > 0 && !gateways.includes('mesh')) continue;
      const ns = namespaceOf(vs);
      const hosts = strs(vs.spec.hosts);
      for (const scope of exportScopes(strs(vs.spec.exportTo), ns)) {
        for (let h = 0; h < hosts.length; h++) {
          // Each distinct host once per VirtualService (an `indexOf`, not a Set: host lists are short).
          if (hosts.indexOf(hosts[h]) === h) claim(scope, toFqdn(hosts[h], ns), vs);
        }
      }
    }
    const out: RuleViolation[] = [];
    const reported = new Set<IndexedObject>();
    for (const { scope, fqdn, claimants } of groups) {
      // Exported everywhere and claimed once: nothing to compare (the usual case).
      if (scope === EXPORT_ALL && claimants.length < 2) continue;
      const all = [...claimants];
      if (scope !== EXPORT_ALL) {
        // A host visible in one namespace also meets every overlapping host visible everywhere.
        const overlapping = fqdn.startsWith('*') ? [...exportedToAll.keys()].filter(h => hostsOverlap(h, fqdn)) : [fqdn, ...wildcardsToAll.filter(w => hostsOverlap(w, fqdn))];
        for (const h of new Set(overlapping)) all.push(...exportedToAll.get(h) ?? []);
      }
      const distinct = [...new Set(all)];
      if (distinct.length < 2) continue;
      for (const vs of distinct) {
        if (reported.has(vs)) continue;
        reported.add(vs);
        const names = distinct.filter(v => v !== vs).map(v => `${namespaceOf(v)}/${v.ref.name}`).sort().join(', ');
        out.push({
          target: vs,
          message: `${describeObject(vs.ref)} claims host "${fqdn}" on the mesh gateway${scope === EXPORT_ALL ? '' : ` in namespace "${scope}"`}, as do ${names}; Istio applies only one of them`,
        });
      }
    }
    return out;
  },
};
