import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject } from '../manifest-index';
import { at, labels, num, pushTo, recs, str, strs } from '../private/json';
import { selectorMatches, workloadLabels } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

interface ServerClaim {
  readonly gateway: IndexedObject;
  readonly port: number;
  readonly hosts: readonly string[];
  readonly bind: string;
}

/** `k=v,...` sorted, as a stable name for a selector. */
function selectorKey(selector: Record<string, string>): string {
  return Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
}

/**
 * AIM128: two Istio Gateways selecting the same gateway workload serve the same host on the same port (and bind).
 *
 * As in `istioctl analyze`, selectors select the same workload when they are equal, or when one is part
 * of the other and a workload in the set carries both; hosts are compared as written. Envoy keeps one
 * server per host and port, so the other Gateway's routes are dropped.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0145/
 */
export const ConflictingGateways: MeshRule = {
  code: 'AIM128',
  severity: Severity.ERROR,
  istioCode: 'IST0145',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0145/',
  explanation: 'Two Istio Gateways that select the same gateway workload serve the same host on the same port; Envoy keeps only one of the servers.',
  fix: 'serve the host from one Gateway (list several hosts on one server), or use another port or host',
  check: index => {
    const bySelector = new Map<string, ServerClaim[]>();
    const selectors = new Map<string, Record<string, string>>();
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const selector = labels(gw.spec.selector);
      const key = selectorKey(selector);
      selectors.set(key, selector);
      for (const server of recs(gw.spec.servers)) {
        const port = num(at(server, 'port', 'number'));
        if (port === undefined) continue;
        pushTo(bySelector, key, { gateway: gw, port, hosts: strs(server.hosts), bind: str(server.bind) ?? '' });
      }
    }
    // Selectors that pick the same workload: equal ones, and pairs where one contains the other and a workload has both.
    const related = new Map<string, string[]>();
    const keys = [...selectors.keys()];
    for (const a of keys) related.set(a, [a]);
    // Candidate supersets of a selector share its first entry: look those up instead of trying every pair.
    const byEntry = new Map<string, string[]>();
    for (const k of keys) for (const [lk, lv] of Object.entries(selectors.get(k)!)) pushTo(byEntry, `${lk}=${lv}`, k);
    for (const a of keys) {
      const sa = selectors.get(a)!;
      const first = Object.entries(sa)[0];
      const candidates = first ? byEntry.get(`${first[0]}=${first[1]}`) ?? [] : keys;
      for (const b of candidates) {
        if (b === a) continue;
        const sb = selectors.get(b)!;
        if (!selectorMatches(sa, sb)) continue;
        if (workloadLabels(index).some(l => selectorMatches(sb, l))) {
          related.get(a)!.push(b);
          related.get(b)!.push(a);
        }
      }
    }
    // selector -> `port|bind|host` -> Gateways, so each server looks up its hosts instead of scanning every other server.
    const claimed = new Map<string, Map<string, Set<IndexedObject>>>();
    for (const [key, claims] of bySelector) {
      const byHost = new Map<string, Set<IndexedObject>>();
      for (const c of claims) {
        for (const h of c.hosts) {
          const k = `${c.port}|${c.bind}|${h}`;
          const set = byHost.get(k) ?? new Set<IndexedObject>();
          set.add(c.gateway);
          byHost.set(k, set);
        }
      }
      claimed.set(key, byHost);
    }
    const out: RuleViolation[] = [];
    for (const [key, claims] of bySelector) {
      const peerMaps = (related.get(key) ?? [key]).map(k => claimed.get(k)!);
      for (const claim of claims) {
        const others = new Set<IndexedObject>();
        const shared = new Set<string>();
        for (const h of claim.hosts) {
          for (const m of peerMaps) {
            for (const gw of m.get(`${claim.port}|${claim.bind}|${h}`) ?? []) {
              if (gw === claim.gateway) continue;
              others.add(gw);
              shared.add(h);
            }
          }
        }
        if (others.size === 0) continue;
        out.push({
          target: claim.gateway,
          message: `${describeObject(claim.gateway.ref)} serves ${[...shared].map(h => `"${h}"`).join(', ')} on port ${claim.port} for selector {${key}}, `
            + `as do ${[...others].map(o => `${o.ref.namespace ?? ''}/${o.ref.name}`).sort().join(', ')}; only one server takes effect`,
        });
      }
    }
    return out;
  },
};
