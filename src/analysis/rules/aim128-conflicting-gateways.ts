import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { JsonRecord, labels, num, pushTo, rec, recs, str, strs } from '../private/json';
import { selectorMatches, workloadLabels } from '../private/workloads';
import { MeshRule, RuleViolation } from '../rule';

/** The Gateway, or the Gateways in order, serving one port, bind and host (an array only once a second one comes). */
type Servers = IndexedObject | IndexedObject[];

/** The Istio Gateways with one selector, and the hosts their servers claim. */
interface SelectorGroup {
  /** `k=v,...` sorted: the selector's name in messages, and what makes two selectors one. */
  readonly key: string;
  readonly selector: Record<string, string>;
  readonly gateways: IndexedObject[];
  /** port -> bind -> host -> Gateways: nested, so looking a server up builds no key string. */
  readonly claims: Map<number, Map<string, Map<string, Servers>>>;
  /** The groups whose selectors pick a workload of this one's (itself included). */
  readonly related: SelectorGroup[];
  /** True once two Gateways of the group serve one port, bind and host. */
  shared: boolean;
}

/** `k=v,...` sorted, as a stable name for a selector. */
function selectorKey(selector: Record<string, string>): string {
  return Object.entries(selector).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join(',');
}

/**
 * The Gateways by selector. A one-label selector (nearly all: `istio: aks-istio-ingressgateway-external`) finds its
 * group through a label -> value cache, so the sorted key is built once per distinct selector, not per Gateway.
 */
class SelectorGroups {
  /** Groups in the order of their first Gateway. */
  public readonly all: SelectorGroup[] = [];
  private readonly byKey = new Map<string, SelectorGroup>();
  private readonly oneLabel = new Map<string, Map<string, SelectorGroup>>();

  public groupOf(selector: Record<string, string>): SelectorGroup {
    let label: string | undefined;
    let count = 0;
    for (const k in selector) {
      if (count++ > 0) break;
      label = k;
    }
    if (count === 1) {
      const cached = this.oneLabel.get(label!)?.get(selector[label!]);
      if (cached) return cached;
    }
    const key = selectorKey(selector);
    let group = this.byKey.get(key);
    if (!group) {
      group = { key, selector, gateways: [], claims: new Map(), related: [], shared: false };
      group.related.push(group);
      this.byKey.set(key, group);
      this.all.push(group);
    }
    if (count === 1) {
      let values = this.oneLabel.get(label!);
      if (!values) this.oneLabel.set(label!, values = new Map());
      values.set(selector[label!], group);
    }
    return group;
  }
}

/** The port number of a server, read in place. */
function portOf(server: JsonRecord): number | undefined {
  return num(rec(server.port)?.number);
}

function addClaim(group: SelectorGroup, port: number, bind: string, host: string, gateway: IndexedObject): void {
  let binds = group.claims.get(port);
  if (!binds) group.claims.set(port, binds = new Map());
  let hosts = binds.get(bind);
  if (!hosts) binds.set(bind, hosts = new Map());
  const servers = hosts.get(host);
  if (servers === undefined) {
    hosts.set(host, gateway);
  } else if (Array.isArray(servers)) {
    if (!servers.includes(gateway)) servers.push(gateway);
  } else if (servers !== gateway) {
    hosts.set(host, [servers, gateway]);
    group.shared = true;
  }
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
    const groups = new SelectorGroups();
    // Groups in the order of their first server with a port, the order of the findings.
    const claiming: SelectorGroup[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const selector = labels(gw.spec.selector);
      const group = groups.groupOf(selector);
      let claims = false;
      for (const server of recs(gw.spec.servers)) {
        const port = portOf(server);
        if (port === undefined) continue;
        claims = true;
        const bind = str(server.bind) ?? '';
        for (const h of strs(server.hosts)) addClaim(group, port, bind, h, gw);
      }
      if (!claims) continue;
      if (group.gateways.length === 0) claiming.push(group);
      group.gateways.push(gw);
    }
    relate(index, groups.all);
    const out: RuleViolation[] = [];
    for (const group of claiming) {
      // A group whose hosts each have one Gateway, and that no other group's selector overlaps, has no finding:
      // the usual case, so its servers are not looked up again.
      if (!group.shared && group.related.length === 1) continue;
      for (const gateway of group.gateways) {
        for (const server of recs(gateway.spec.servers)) {
          const port = portOf(server);
          if (port === undefined) continue;
          const bind = str(server.bind) ?? '';
          // Allocated only when another Gateway serves one of the hosts.
          let others: Set<IndexedObject> | undefined;
          let shared: Set<string> | undefined;
          for (const h of strs(server.hosts)) {
            for (const peer of group.related) {
              const servers = peer.claims.get(port)?.get(bind)?.get(h);
              if (servers === undefined || servers === gateway) continue;
              for (const gw of Array.isArray(servers) ? servers : [servers]) {
                if (gw === gateway) continue;
                (others ??= new Set()).add(gw);
                (shared ??= new Set()).add(h);
              }
            }
          }
          if (others === undefined || shared === undefined) continue;
          out.push({
            target: gateway,
            message: `${describeObject(gateway.ref)} serves ${[...shared].map(h => `"${h}"`).join(', ')} on port ${port} for selector {${group.key}}, `
              + `as do ${[...others].map(o => `${o.ref.namespace ?? ''}/${o.ref.name}`).sort().join(', ')}; only one server takes effect`,
          });
        }
      }
    }
    return out;
  },
};

/** Relates the groups whose selectors pick the same workload: pairs where one contains the other and a workload has both. */
function relate(index: ManifestIndex, groups: readonly SelectorGroup[]): void {
  // Candidate supersets of a selector share its first entry: look those up instead of trying every pair.
  const byEntry = new Map<string, SelectorGroup[]>();
  for (const g of groups) for (const [lk, lv] of Object.entries(g.selector)) pushTo(byEntry, `${lk}=${lv}`, g);
  for (const a of groups) {
    const first = Object.entries(a.selector)[0];
    const candidates = first ? byEntry.get(`${first[0]}=${first[1]}`) ?? [] : groups;
    for (const b of candidates) {
      if (b === a || !selectorMatches(a.selector, b.selector)) continue;
      if (workloadLabels(index).some(l => selectorMatches(b.selector, l))) {
        a.related.push(b);
        b.related.push(a);
      }
    }
  }
}
