import { IndexedObject, ManifestIndex, Groups } from '../manifest-index';
import { arr, JsonRecord, pushTo, rec, str } from './json';

/** A route rule that can never match, or a match that never takes a request, in one VirtualService. */
export interface MatchProblem {
  readonly vs: IndexedObject;
  readonly kind: 'unreachable' | 'ineffective';
  readonly message: string;
}

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * JSON with sorted keys, so equal matches compare equal whatever the key order; `withoutName` leaves out the
 * top-level `name`. Built in one string, without intermediate arrays (only objects of two keys or more are sorted).
 */
function canonical(value: unknown, withoutName = false): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      if (i in value) out += canonical(value[i]); // a hole joins as nothing, as `map().join()` did
    }
    return out + ']';
  }
  const r = rec(value);
  if (r) {
    const keys = Object.keys(r);
    if (keys.length > 1) keys.sort();
    let out = '{';
    for (const k of keys) {
      if (withoutName && k === 'name') continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(k)}:${canonical(r[k])}`;
    }
    return out + '}';
  }
  return JSON.stringify(value) ?? 'null';
}

/** Mixes `v` into hash `h`. */
function mix(h: number, v: number): number {
  const x = Math.imul(h ^ v, 0x5bd1e995);
  return x ^ (x >>> 15);
}

function stringHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A hash that is equal whenever `canonical` is (keys summed, so their order does not matter), computed without
 * allocating: two matches are compared through `canonical` only when their hashes meet, which is rare unless
 * they are duplicates.
 */
function canonicalHash(value: unknown, withoutName = false): number {
  if (Array.isArray(value)) {
    let h = 0x2545f491;
    for (let i = 0; i < value.length; i++) h = mix(h, i in value ? canonicalHash(value[i]) : 0x27d4eb2f);
    return mix(h, value.length);
  }
  const r = rec(value);
  if (r) {
    let h = 0x165667b1;
    for (const k in r) {
      if (hasOwn.call(r, k) && !(withoutName && k === 'name')) h = (h + mix(stringHash(k), canonicalHash(r[k]))) | 0;
    }
    return h;
  }
  if (typeof value === 'string') return stringHash(value);
  if (typeof value === 'number' && Number.isFinite(value)) return mix(0x61c88647, value | 0);
  if (typeof value === 'boolean') return value ? 1 : 2;
  return 3; // null, and everything JSON writes as null
}

/** The number of own enumerable keys of `r` (what `Object.keys(r).length` says, without the array). */
function keyCount(r: JsonRecord): number {
  let n = 0;
  for (const k in r) if (hasOwn.call(r, k)) n++;
  return n;
}

/** `exact:v`, `prefix:v`, or undefined for a string match Istio compares otherwise (regex) or that is absent. */
function stringMatch(value: unknown): { exact?: string; prefix?: string } | 'other' | undefined {
  const r = rec(value);
  if (!r) return undefined;
  const exact = str(r.exact);
  const prefix = str(r.prefix);
  if (exact !== undefined && keyCount(r) === 1) return { exact };
  if (prefix !== undefined && keyCount(r) === 1) return { prefix };
  return 'other';
}

/** True when string match `a` takes every value `b` takes (absent takes everything). */
function stringCovers(a: unknown, b: unknown): boolean {
  const ma = stringMatch(a);
  if (ma === undefined) return true;
  const mb = stringMatch(b);
  if (ma === 'other' || mb === undefined || mb === 'other') return canonical(a) === canonical(b);
  if (ma.prefix !== undefined) return (mb.exact ?? mb.prefix ?? '').startsWith(ma.prefix);
  return mb.exact !== undefined && mb.exact === ma.exact;
}

/** True when every condition of map `a` (headers, query parameters) is in `b` and covers it. */
function mapCovers(a: unknown, b: unknown): boolean {
  const ra = rec(a);
  if (!ra) return true;
  const rb = rec(b) ?? {};
  for (const k in ra) {
    if (hasOwn.call(ra, k) && !(k in rb && stringCovers(ra[k], rb[k]))) return false;
  }
  return true;
}

const MODELLED = new Set(['name', 'uri', 'method', 'authority', 'headers', 'queryParams', 'withoutHeaders', 'port', 'ignoreUriCase']);

/**
 * True when HTTP match `a` takes every request `b` takes. Like `istioctl analyze`, `a` must be a URI prefix
 * match and `b` a longer prefix (equal ones are the duplicate check's); across rules, `b` may also be an exact
 * URI under `a`'s prefix (within one rule that overlap is harmless, and upstream does not report it). Unlike
 * upstream, a condition `a` leaves out (method, port, a header) covers every value of `b`.
 */
function httpCovers(a: JsonRecord, b: JsonRecord, sameRule: boolean): boolean {
  // `a` without a URI prefix covers nothing: decided before anything else is read.
  const pa = str(rec(a.uri)?.prefix);
  if (pa === undefined) return false;
  const rb = rec(b.uri);
  const pb = str(rb?.prefix) ?? (sameRule || rb === undefined || keyCount(rb) !== 1 ? undefined : str(rb.exact));
  if (pb === undefined || pa === pb || !pb.startsWith(pa)) return false;
  for (const k in a) if (hasOwn.call(a, k) && !MODELLED.has(k)) return false;
  if (b.ignoreUriCase === true && a.ignoreUriCase !== true) return false;
  if (a.port !== undefined && a.port !== b.port) return false;
  if (!stringCovers(a.method, b.method) || !stringCovers(a.authority, b.authority)) return false;
  if (!mapCovers(a.headers, b.headers) || !mapCovers(a.queryParams, b.queryParams)) return false;
  // Requests without a header: `a` must exclude no more than `b` does.
  const wa = rec(a.withoutHeaders) ?? {};
  const wb = rec(b.withoutHeaders) ?? {};
  for (const k in wa) {
    if (hasOwn.call(wa, k) && !(k in wb && canonical(wa[k]) === canonical(wb[k]))) return false;
  }
  return true;
}

/** An HTTP match that takes every request: no conditions, or only the URI prefix `/`. */
function matchesEverything(m: JsonRecord): boolean {
  let uri = false;
  for (const k in m) {
    if (!hasOwn.call(m, k) || k === 'name' || k === 'ignoreUriCase') continue;
    if (k !== 'uri') return false;
    uri = true;
  }
  if (!uri) return true;
  // `canonical(m.uri)` is `{"prefix":"/"}` exactly when the URI match is that one key and value.
  const r = rec(m.uri);
  return r !== undefined && r.prefix === '/' && keyCount(r) === 1;
}

function ruleName(rule: JsonRecord, i: number): string {
  const name = str(rule.name);
  return name !== undefined && name !== '' ? `"${name}"` : `#${i}`;
}

/** Where a rule is, for messages: `spec.http[2] (rule "name")`. */
function where(kind: string, rule: JsonRecord, i: number): string {
  return `spec.${kind}[${i}] (rule ${ruleName(rule, i)})`;
}

/** The number of matches (records) over all rules of a section, stopping at 2: one alone has nothing to repeat or cover. */
function atLeastTwoMatches(rules: readonly unknown[]): boolean {
  let n = 0;
  for (let i = 0; i < rules.length; i++) {
    const rule = rec(rules[i]);
    if (!rule) continue;
    const matches = arr(rule.match);
    for (let j = 0; j < matches.length; j++) if (rec(matches[j]) && ++n > 1) return true;
  }
  return false;
}

/** A match already seen in a section (not a duplicate of an earlier one), for the duplicate and cover checks. */
interface PriorMatch {
  readonly rule: number;
  readonly match: number;
  readonly m: JsonRecord;
}

/** The first earlier match that takes every request of match `m` of rule `rule`. */
function firstCover(prior: readonly PriorMatch[], m: JsonRecord, rule: number): PriorMatch | undefined {
  for (const p of prior) if (httpCovers(p.m, m, p.rule === rule)) return p;
  return undefined;
}

/** The earlier match among `candidates` (same hash) that is the same as `m`. */
function sameMatch(candidates: readonly PriorMatch[] | undefined, m: JsonRecord, withoutName: boolean): PriorMatch | undefined {
  if (candidates === undefined) return undefined;
  const key = canonical(m, withoutName);
  for (const p of candidates) if (canonical(p.m, withoutName) === key) return p;
  return undefined;
}

function analyzeRules(vs: IndexedObject, kind: 'http' | 'tcp' | 'tls', out: MatchProblem[]): void {
  const rules = arr(vs.spec[kind]);
  if (rules.length === 0) return;
  // Duplicates and covers need two matches: the usual VirtualService has one, and then no key is built.
  const compare = atLeastTwoMatches(rules);
  // Matches by `canonicalHash` (HTTP matches compare without their `name`).
  const seen = compare ? new Map<number, PriorMatch[]>() : undefined;
  const prior: PriorMatch[] | undefined = compare && kind === 'http' ? [] : undefined;
  let catchAll = -1;
  for (let i = 0; i < rules.length; i++) {
    const rule = rec(rules[i]);
    if (!rule) continue;
    const matches = arr(rule.match);
    if (catchAll >= 0) {
      const before = rec(rules[catchAll]) ?? {};
      out.push({ vs, kind: 'unreachable', message: `${where(kind, rule, i)} can never be reached: rule ${ruleName(before, catchAll)} before it ${arr(before.match).length === 0 ? 'has no match' : 'matches every request'} and takes all traffic` });
      continue;
    }
    if (matches.length === 0) {
      catchAll = i;
      continue;
    }
    let used = 0;
    let everything = false;
    for (let j = 0; j < matches.length; j++) {
      const m = rec(matches[j]);
      if (!m) continue;
      if (kind === 'http' && !everything) everything = matchesEverything(m);
      if (seen === undefined) continue;
      const hash = canonicalHash(m, kind === 'http');
      const dup = sameMatch(seen.get(hash), m, kind === 'http');
      if (dup !== undefined) {
        used++;
        out.push({ vs, kind: 'ineffective', message: `${where(kind, rule, i)} match ${j} is never used: rule ${ruleName(rec(rules[dup.rule]) ?? {}, dup.rule)} has the same match` });
        continue;
      }
      const entry: PriorMatch = { rule: i, match: j, m };
      pushTo(seen, hash, entry);
      if (prior !== undefined) {
        const cover = firstCover(prior, m, i);
        if (cover) {
          const uri = rec(m.uri);
          const what = str(uri?.prefix) !== undefined ? `prefix "${str(uri?.prefix)}"` : `exact "${str(uri?.exact)}"`;
          out.push({ vs, kind: 'ineffective', message: `${where(kind, rule, i)} match ${j} (${what}) is never used: rule ${ruleName(rec(rules[cover.rule]) ?? {}, cover.rule)} match ${cover.match} (prefix "${str(rec(cover.m.uri)?.prefix)}") takes its requests first` });
        }
        prior.push(entry);
      }
    }
    if (used === matches.length) {
      out.push({ vs, kind: 'unreachable', message: `${where(kind, rule, i)} can never be reached: earlier rules have all its matches` });
    }
    if (everything) catchAll = i;
  }
}

/**
 * Unreachable rules and ineffective matches of every VirtualService, computed once for AIM134 and AIM135,
 * following Istio's own validation (`analyzeUnreachableHTTPRules` and the TCP/TLS variants).
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0130/
 */
export function matchProblems(index: ManifestIndex): readonly MatchProblem[] {
  return index.derived('virtual-service-match-problems', findMatchProblems);
}

/**
 * A module-level function, not a closure made per call: V8 keeps the optimized code of a function across
 * analyses, while a fresh closure for each `derived` call ran its one long loop unoptimized (three times slower).
 */
function findMatchProblems(index: ManifestIndex): MatchProblem[] {
  const out: MatchProblem[] = [];
  for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
    analyzeRules(vs, 'http', out);
    analyzeRules(vs, 'tcp', out);
    analyzeRules(vs, 'tls', out);
  }
  return out;
}
