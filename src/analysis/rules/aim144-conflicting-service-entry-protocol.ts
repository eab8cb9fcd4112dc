import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { num, pushTo, recs, str, strs } from '../private/json';
import { EXPORT_ALL, exportScopes, namespaceOf, toFqdn } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

const ALL_PREFIX = `${EXPORT_ALL}|`;

/** True when every entry has the same protocol. */
function oneProtocol(list: readonly { protocol: string }[]): boolean {
  for (const e of list) if (e.protocol !== list[0].protocol) return false;
  return true;
}

/**
 * AIM144: ServiceEntries visible in the same namespace give the same host and port different protocols; Istio uses one of them.
 *
 * As `istioctl analyze` does, entries are compared per `exportTo` scope, and an entry exported to every
 * namespace meets the entries of each scope.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0177/
 */
export const ConflictingServiceEntryProtocol: MeshRule = {
  code: 'AIM144',
  severity: Severity.WARNING,
  istioCode: 'IST0177',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0177/',
  explanation: 'Two ServiceEntries visible in one namespace declare the same host and port with different protocols; only one protocol is used.',
  fix: 'declare each host and port once, with one protocol (or narrow exportTo so the entries never meet)',
  check: index => {
    const entries = new Map<string, { se: IndexedObject; protocol: string }[]>();
    for (const se of index.ofKind(Groups.ISTIO_NETWORKING, 'ServiceEntry')) {
      const ns = namespaceOf(se);
      for (const scope of exportScopes(strs(se.spec.exportTo), ns)) {
        for (const host of new Set(strs(se.spec.hosts))) {
          for (const port of recs(se.spec.ports)) {
            const number = num(port.number);
            if (number !== undefined) pushTo(entries, `${scope}|${toFqdn(host, ns)}|${number}`, { se, protocol: (str(port.protocol) ?? '').toUpperCase() });
          }
        }
      }
    }
    const out: RuleViolation[] = [];
    const reported = new Set<IndexedObject>();
    for (const [key, list] of entries) {
      // Exported everywhere with one protocol: nothing to compare (the usual case), decided without parsing the key.
      if (key.startsWith(ALL_PREFIX) && oneProtocol(list)) continue;
      const [scope, host, port] = key.split('|');
      const all = scope === EXPORT_ALL ? list : [...list, ...entries.get(`${EXPORT_ALL}|${host}|${port}`) ?? []];
      const protocols = [...new Set(all.map(e => e.protocol || 'unset'))].sort();
      if (protocols.length < 2) continue;
      const names = [...new Set(all.map(e => `${namespaceOf(e.se)}/${e.se.ref.name}`))].sort().join(', ');
      for (const { se } of all) {
        if (reported.has(se)) continue;
        reported.add(se);
        out.push({ target: se, message: `${describeObject(se.ref)} declares host "${host}" port ${port}, which ${names} declare with protocols ${protocols.join(', ')}` });
      }
    }
    return out;
  },
};
