import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { strs } from '../private/json';
import { hostsOverlap } from '../private/mesh-knowledge';
import { EXPORT_ALL, exportScopes, namespaceOf, toFqdn } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

/**
 * The VirtualServices that claim each host, one group per scope and FQDN in order of first claim, looked up
 * through nested maps (scope -> FQDN) so no key is concatenated or split. A class, not a closure made per
 * analysis, so its optimized code is kept.
 */
class MeshHostClaims {
  public readonly groups: { scope: string; fqdn: string; claimants: IndexedObject[] }[] = [];
  /** The claims of the `*` scope, by FQDN. */
  public readonly exportedToAll = new Map<string, IndexedObject[]>();
  /** The wildcard FQDNs of `exportedToAll`, in order. */
  public readonly wildcardsToAll: string[] = [];
  private readonly byScope = new Map<string, Map<string, IndexedObject[]>>([[EXPORT_ALL, this.exportedToAll]]);

  public claim(scope: string, fqdn: string, vs: IndexedObject): void {
    let hosts = this.byScope.get(scope);
    if (!hosts) this.byScope.set(scope, hosts = new Map());
    const claimants = hosts.get(fqdn);
    if (claimants) {
      claimants.push(vs);
      return;
    }
    const list = [vs];
    hosts.set(fqdn, list);
    this.groups.push({ scope, fqdn, claimants: list });
    if (scope === EXPORT_ALL && fqdn.startsWith('*')) this.wildcardsToAll.push(fqdn);
  }
}

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
    const claims = new MeshHostClaims();
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const gateways = strs(vs.spec.gateways);
      if (gateways.length > 0 && !gateways.includes('mesh')) continue;
      const ns = namespaceOf(vs);
      const hosts = strs(vs.spec.hosts);
      for (const scope of exportScopes(strs(vs.spec.exportTo), ns)) {
        for (let h = 0; h < hosts.length; h++) {
          // Each distinct host once per VirtualService (an `indexOf`, not a Set: host lists are short).
          if (hosts.indexOf(hosts[h]) === h) claims.claim(scope, toFqdn(hosts[h], ns), vs);
        }
      }
    }
    const out: RuleViolation[] = [];
    const reported = new Set<IndexedObject>();
    const { exportedToAll, wildcardsToAll } = claims;
    for (const { scope, fqdn, claimants } of claims.groups) {
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
