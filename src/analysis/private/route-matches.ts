import { IndexedObject, ManifestIndex, Groups } from '../manifest-index';
import { arr, JsonRecord, rec, str } from './json';

/** A route rule that can never match, or a match that never takes a request, in one VirtualService. */
export interface MatchProblem {
  readonly vs: IndexedObject;
  readonly kind: 'unreachable' | 'ineffective';
  readonly message: string;
}

/** JSON with sorted keys, so equal matches compare equal whatever the key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const r = rec(value);
  if (r) return `{${Object.keys(r).sort().map(k => `${JSON.stringify(k)}:${canonical(r[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** `exact:v`, `prefix:v`, or undefined for a string match Istio compares otherwise (regex) or that is absent. */
function stringMatch(value: unknown): { exact?: string; prefix?: string } | 'other' | undefined {
  const r = rec(value);
  if (!r) return undefined;
  const exact = str(r.exact);
  const prefix = str(r.prefix);
  if (exact !== undefined && Object.keys(r).length === 1) return { exact };
  if (prefix !== undefined && Object.keys(r).length === 1) return { prefix };
  return 'other';
}

/** True when string match `a` takes every value `b` takes (absent takes everything). */
function stringCovers(a: unknown, b: unknown): boolean {
  const ma = stringMatch(a);
  const mb = stringMatch(b);
  if (ma === undefined) return true;
  if (ma === 'other' || mb === undefined || mb === 'other') return canonical(a) === canonical(b);
  if (ma.prefix !== undefined) return (mb.exact ?? mb.prefix ?? '').startsWith(ma.prefix);
  return mb.exact !== undefined && mb.exact === ma.exact;
}

/** True when every condition of map `a` (headers, query parameters) is in `b` and covers it. */
function mapCovers(a: unknown, b: unknown): boolean {
  const rb = rec(b) ?? {};
  return Object.entries(rec(a) ?? {}).every(([k, v]) => k in rb && stringCovers(v, rb[k]));
}

const MODELLED = new Set(['name', 'uri', 'method', 'authority', 'headers', 'queryParams', 'withoutHeaders', 'port', 'ignoreUriCase']);

/**
 * True when HTTP match `a` takes every request `b` takes. Like `istioctl analyze`, `a` must be a URI prefix
 * match and `b` a longer prefix (equal ones are the duplicate check's); across rules, `b` may also be an exact
 * URI under `a`'s prefix (within one rule that overlap is harmless, and upstream does not report it). Unlike
 * upstream, a condition `a` leaves out (method, port, a header) covers every value of `b`.
 */
function httpCovers(a: JsonRecord, b: JsonRecord, sameRule: boolean): boolean {
  const pa = str(rec(a.uri)?.prefix);
  const rb = rec(b.uri);
  const pb = str(rb?.prefix) ?? (sameRule || Object.keys(rb ?? {}).length !== 1 ? undefined : str(rb?.exact));
  if (pa === undefined || pb === undefined || pa === pb || !pb.startsWith(pa)) return false;
  if (Object.keys(a).some(k => !MODELLED.has(k))) return false;
  if (b.ignoreUriCase === true && a.ignoreUriCase !== true) return false;
  if (a.port !== undefined && a.port !== b.port) return false;
  if (!stringCovers(a.method, b.method) || !stringCovers(a.authority, b.authority)) return false;
  if (!mapCovers(a.headers, b.headers) || !mapCovers(a.queryParams, b.queryParams)) return false;
  // Requests without a header: `a` must exclude no more than `b` does.
  const wa = rec(a.withoutHeaders) ?? {};
  const wb = rec(b.withoutHeaders) ?? {};
  return Object.entries(wa).every(([k, v]) => k in wb && canonical(v) === canonical(wb[k]));
}

/** An HTTP match that takes every request: no conditions, or only the URI prefix `/`. */
function matchesEverything(m: JsonRecord): boolean {
  const keys = Object.keys(m).filter(k => k !== 'name' && k !== 'ignoreUriCase');
  if (keys.length === 0) return true;
  return keys.length === 1 && keys[0] === 'uri' && canonical(m.uri) === canonical({ prefix: '/' });
}

function ruleName(rule: JsonRecord, i: number): string {
  const name = str(rule.name);
  return name !== undefined && name !== '' ? `"${name}"` : `#${i}`;
}

function analyzeRules(vs: IndexedObject, kind: 'http' | 'tcp' | 'tls', out: MatchProblem[]): void {
  const rules = arr(vs.spec[kind]);
  const seen = new Map<string, number>();
  const prior: { rule: number; match: number; m: JsonRecord }[] = [];
  let catchAll = -1;
  rules.forEach((raw, i) => {
    const rule = rec(raw);
    if (!rule) return;
    const where = `spec.${kind}[${i}] (rule ${ruleName(rule, i)})`;
    const matches = arr(rule.match).map(rec);
    if (catchAll >= 0) {
      const before = rec(rules[catchAll]) ?? {};
      out.push({ vs, kind: 'unreachable', message: `${where} can never be reached: rule ${ruleName(before, catchAll)} before it ${arr(before.match).length === 0 ? 'has no match' : 'matches every request'} and takes all traffic` });
      return;
    }
    if (matches.length === 0) {
      catchAll = i;
      return;
    }
    let used = 0;
    matches.forEach((m, j) => {
      if (!m) return;
      const { name: _ignored, ...routing } = m;
      const key = canonical(kind === 'http' ? routing : m);
      const dup = seen.get(key);
      if (dup !== undefined) {
        used++;
        out.push({ vs, kind: 'ineffective', message: `${where} match ${j} is never used: rule ${ruleName(rec(rules[dup]) ?? {}, dup)} has the same match` });
        return;
      }
      seen.set(key, i);
      if (kind === 'http') {
        const cover = prior.find(p => httpCovers(p.m, m, p.rule === i));
        if (cover) {
          const uri = rec(m.uri);
          const what = str(uri?.prefix) !== undefined ? `prefix "${str(uri?.prefix)}"` : `exact "${str(uri?.exact)}"`;
          out.push({ vs, kind: 'ineffective', message: `${where} match ${j} (${what}) is never used: rule ${ruleName(rec(rules[cover.rule]) ?? {}, cover.rule)} match ${cover.match} (prefix "${str(rec(cover.m.uri)?.prefix)}") takes its requests first` });
        }
        prior.push({ rule: i, match: j, m });
      }
    });
    if (used === matches.length) {
      out.push({ vs, kind: 'unreachable', message: `${where} can never be reached: earlier rules have all its matches` });
    }
    if (kind === 'http' && matches.some(m => m !== undefined && matchesEverything(m))) catchAll = i;
  });
}

/**
 * Unreachable rules and ineffective matches of every VirtualService, computed once for AIM134 and AIM135,
 * following Istio's own validation (`analyzeUnreachableHTTPRules` and the TCP/TLS variants).
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0130/
 */
export function matchProblems(index: ManifestIndex): readonly MatchProblem[] {
  return index.derived('virtual-service-match-problems', i => {
    const out: MatchProblem[] = [];
    for (const vs of i.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      for (const kind of ['http', 'tcp', 'tls'] as const) analyzeRules(vs, kind, out);
    }
    return out;
  });
}
