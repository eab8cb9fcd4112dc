import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, recs, str } from '../private/json';
import { normalizeHost } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

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
    const subsets = new Map<string, Set<string>>();
    for (const dr of index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule')) {
      const host = str(dr.spec.host);
      if (host === undefined) continue;
      const k = normalizeHost(host, dr.ref.namespace);
      const set = subsets.get(k) ?? new Set<string>();
      for (const s of recs(dr.spec.subsets)) { const n = str(s.name); if (n !== undefined) set.add(n); }
      subsets.set(k, set);
    }
    // A wildcard DestinationRule (`*.example.com`) applies to every host under it: look up each suffix.
    const defined = (host: string): Set<string> | undefined => {
      const found = subsets.get(host);
      if (found) return found;
      const labels = host.split('.');
      for (let i = 1; i < labels.length; i++) {
        const wild = subsets.get(`*.${labels.slice(i).join('.')}`);
        if (wild) return wild;
      }
      return subsets.get('*');
    };
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      const routes = ['http', 'tcp', 'tls'].flatMap(kind => recs(vs.spec[kind]));
      const destinations = routes.flatMap(r => [...recs(r.route).map(d => d.destination), r.mirror]);
      for (const destination of destinations) {
        const subset = str(at(destination, 'subset'));
        const host = str(at(destination, 'host'));
        if (subset === undefined || host === undefined) continue;
        const set = defined(normalizeHost(host, vs.ref.namespace));
        if (!set?.has(subset)) {
          out.push({
            target: vs,
            message: `${describeObject(vs.ref)} routes to subset "${subset}" of host "${host}", but `
              + (set ? `its DestinationRule defines only ${[...set].map(s => `"${s}"`).join(', ') || 'no subsets'}` : 'no DestinationRule for that host exists'),
          });
        }
      }
    }
    return out;
  },
};
