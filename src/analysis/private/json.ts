/** Type guards for reading untyped manifests: a wrong shape reads as absent, never throws. */

export type JsonRecord = Record<string, unknown>;

export function rec(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as JsonRecord : undefined;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The records of an array, skipping anything else. */
export function recs(value: unknown): JsonRecord[] {
  return arr(value).map(rec).filter((r): r is JsonRecord => r !== undefined);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function strs(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** A string-to-string map such as labels or a selector; non-string values are skipped. */
export function labels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec(value) ?? {})) {
    if (typeof v === 'string') out[k] = v;
  }
  return out;
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
