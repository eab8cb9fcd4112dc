/**
 * Type guards for reading untyped manifests: a wrong shape reads as absent, never throws.
 *
 * The list and map readers return the manifest's own array or object when it already has the asked-for shape
 * (the usual case), so reading allocates nothing; their results are `readonly` because they may be the manifest.
 *
 * The analysis's hot loops (over every object of a kind, every server, every policy) are index loops, not `for…of`:
 * code V8 has not optimized yet allocates an iterator result per element.
 */

export type JsonRecord = Record<string, unknown>;

const EMPTY: readonly never[] = Object.freeze([]);
const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});

export function rec(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as JsonRecord : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : EMPTY;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** The elements of `value` that pass `keep`: `value` itself when all do. */
function only<T>(value: unknown, keep: (v: unknown) => v is T): readonly T[] {
  if (!Array.isArray(value)) return EMPTY;
  for (let i = 0; i < value.length; i++) {
    if (!keep(value[i])) return value.filter(keep);
  }
  return value as T[];
}

/** The records of an array, skipping anything else. */
export function recs(value: unknown): readonly JsonRecord[] {
  return only(value, isRecord);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strs(value: unknown): readonly string[] {
  return only(value, isString);
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** A string-to-string map such as labels or a selector; non-string values are skipped. */
export function labels(value: unknown): Readonly<Record<string, string>> {
  const r = rec(value);
  if (r === undefined) return NO_LABELS;
  for (const k in r) {
    if (typeof r[k] !== 'string') {
      const out: Record<string, string> = {};
      for (const [key, v] of Object.entries(r)) {
        if (typeof v === 'string') out[key] = v;
      }
      return out;
    }
  }
  return r as Record<string, string>;
}

/** True when a string map has at least one key (a `for…in` instead of `Object.keys`: nothing is allocated). */
export function hasKeys(map: Readonly<Record<string, string>>): boolean {
  for (const _ in map) return true;
  return false;
}

/** Reads `obj.a.b.c`. */
export function at(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    const r = rec(cur);
    if (!r) return undefined;
    cur = r[key];
  }
  return cur;
}

/** Appends to the list under `key` in place (copying would make building a lookup quadratic). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

/** Adds to the set under `key`, creating it on first use. */
export function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value); else map.set(key, new Set([value]));
}
