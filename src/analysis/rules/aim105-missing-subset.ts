import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { RouteDestination, virtualServiceDestinations } from '../private/destinations';
import { pushTo, recs, str } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/** The DestinationRules by normalized host (a wildcard one, `*.example.com` or `*`, under its wildcard host). */
function destinationRulesByHost(index: ManifestIndex): Map<string, IndexedObject[]> {
  const byHost = new Map<string, IndexedObject[]>();
  for (const dr of index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule')) {
    const host = str(dr.spec.host);
    if (host !== undefined) pushTo(byHost, normalizeHost(host, dr.ref.namespace), dr);
  }
  return byHost;
}

/** The DestinationRules for `host`: its own, else those of the nearest wildcard over it, else of `*`. */
function rulesFor(byHost: ReadonlyMap<string, IndexedObject[]>, host: string): IndexedObject[] | undefined {
  const found = byHost.get(host);
  if (found) return found;
  for (let dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
    const wild = byHost.get(`*${host.slice(dot)}`);
    if (wild) return wild;
  }
  return byHost.get('*');
}

/** The subset names the DestinationRules for one host define, in order. */
function subsetNames(rules: readonly IndexedObject[]): Set<string> {
  const names = new Set<string>();
  for (const dr of rules) {
    for (const s of recs(dr.spec.subsets)) { const n = str(s.name); if (n !== undefined) names.add(n); }
  }
  return names;
}

/**
 * AIM105: a route destination uses a subset no DestinationRule for its host defines; Envoy answers 503 (no healthy upstream).
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
 */
export const MissingSubset: MeshRule = {
  code: 'AIM105',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: 'A VirtualService route sends traffic to a subset that no DestinationRule for that host defines; the requests fail with 503.',
  fix: 'define the subset in a DestinationRule for the host, or remove the subset from the destination',
  check: index => {
    // First the destinations that name a subset (few): without any, the DestinationRules are not read.
    const withSubset: { d: RouteDestination; subset: string; host: string; key: string }[] = [];
    for (const d of virtualServiceDestinations(index)) {
      // Routes (all sections) and `mirror`, not `mirrors`, as this rule has always read them.
      if (d.via === 'mirrors' || d.destination === undefined) continue;
      const subset = str(d.destination.subset);
      const host = str(d.destination.host);
      if (subset === undefined || host === undefined) continue;
      const key = normalizeHost(host, d.vs.ref.namespace);
      withSubset.push({ d, subset, host, key });
    }
    if (withSubset.length === 0) return [];
    const byHost = destinationRulesByHost(index);
    // Subset names per host, read once: many routes share one host (an egress gateway's Service), and
    // rescanning its DestinationRules for each would be quadratic.
    const names = new Map<IndexedObject[], Set<string>>();
    const out: RuleViolation[] = [];
    for (const { d, subset, host, key } of withSubset) {
      const rules = rulesFor(byHost, key);
      let defined: Set<string> | undefined;
      if (rules) {
        defined = names.get(rules);
        if (defined === undefined) names.set(rules, defined = subsetNames(rules));
        if (defined.has(subset)) continue;
      }
      const vs = d.vs;
      out.push({
        target: vs,
        message: `${describeObject(vs.ref)} routes to subset "${subset}" of host "${host}", but `
          + (defined ? `its DestinationRule defines only ${[...defined].map(s => `"${s}"`).join(', ') || 'no subsets'}` : 'no DestinationRule for that host exists'),
      });
    }
    return out;
  },
};
