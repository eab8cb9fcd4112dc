import { closest, distance } from 'fastest-levenshtein';
import { MeshProfileProblem } from '../mesh-profile-error';

/**
 * A declarative description of one JSON value, checked by `checkField`. The profile's field table
 * (`profile-fields.ts`) is written in these; the walker is generic so a new field is one table entry.
 */
export type FieldSpec = StringSpec | BooleanSpec | IntegerSpec | ArraySpec | ObjectSpec | MapSpec;

/** A string of bounded length, optionally matching a rule. */
export interface StringSpec {
  readonly type: 'string';
  /** Longest accepted value, in UTF-16 code units. */
  readonly maxLength: number;
  /** @default 0 */
  readonly minLength?: number;
  /** @default - any string of the right length */
  readonly test?: (value: string) => boolean;
  /** What an accepted value looks like, for the message: `a revision name of the form asm-1-N`. */
  readonly expect: string;
}

/** `true` or `false`. */
export interface BooleanSpec {
  readonly type: 'boolean';
}

/** An integer in `[min, max]`. */
export interface IntegerSpec {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  /** Why the range is what it is: `AKS accepts /28 to /31`. */
  readonly expect: string;
}

/** An array of items of one spec. */
export interface ArraySpec {
  readonly type: 'array';
  readonly items: FieldSpec;
  /** @default 0 */
  readonly minItems?: number;
  readonly maxItems: number;
  /** What the array holds and its limits, for the message: `one revision, or two during a canary upgrade`. */
  readonly expect: string;
}

/** One field of an object. */
export interface FieldEntry {
  readonly spec: FieldSpec;
  /** @default false */
  readonly required?: boolean;
}

/** An object with a fixed set of fields; any other key is reported. */
export interface ObjectSpec {
  readonly type: 'object';
  readonly fields: Readonly<Record<string, FieldEntry>>;
}

/** An object used as a string map (labels): keys and values each checked by a string spec. */
export interface MapSpec {
  readonly type: 'map';
  readonly keys: StringSpec;
  readonly values: StringSpec;
  /** @default 0 */
  readonly minEntries?: number;
  readonly maxEntries: number;
  /** What the map is, for the message. */
  readonly expect: string;
}

/** Longest piece of a bad value quoted in a message, so a 50 MB string does not become a 50 MB error. */
const QUOTE_LIMIT = 60;
/** How many items past `maxItems` are still checked one by one. */
const ITEMS_PAST_LIMIT = 16;
/** Largest edit distance still offered as "did you mean". */
const SUGGEST_DISTANCE = 2;

/**
 * Checks `value` against `spec`, pushing one problem per bad field (with its JSON path) into `problems`.
 * It never throws, whatever `value` is.
 */
export function checkField(value: unknown, spec: FieldSpec, path: string, problems: MeshProfileProblem[]): void {
  switch (spec.type) {
    case 'string':
      checkString(value, spec, path, problems);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') problems.push({ path, message: `must be true or false, got ${describeValue(value)}` });
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        problems.push({ path, message: `must be an integer from ${spec.min} to ${spec.max} (${spec.expect}), got ${describeValue(value)}` });
      }
      return;
    case 'array':
      checkArray(value, spec, path, problems);
      return;
    case 'object':
      checkObject(value, spec, path, problems);
      return;
    case 'map':
      checkMap(value, spec, path, problems);
      return;
  }
}

function checkString(value: unknown, spec: StringSpec, path: string, problems: MeshProfileProblem[]): void {
  if (typeof value !== 'string') {
    problems.push({ path, message: `must be a string (${spec.expect}), got ${describeValue(value)}` });
    return;
  }
  const min = spec.minLength ?? 0;
  if (value.length < min || value.length > spec.maxLength) {
    const range = min > 0 ? `${min} to ${spec.maxLength}` : `at most ${spec.maxLength}`;
    problems.push({ path, message: `must be ${range} characters long (${spec.expect}), got ${value.length}: ${describeValue(value)}` });
    return;
  }
  if (spec.test && !spec.test(value)) {
    problems.push({ path, message: `${describeValue(value)} is not ${spec.expect}` });
  }
}

function checkArray(value: unknown, spec: ArraySpec, path: string, problems: MeshProfileProblem[]): void {
  if (!Array.isArray(value)) {
    problems.push({ path, message: `must be an array (${spec.expect}), got ${describeValue(value)}` });
    return;
  }
  const min = spec.minItems ?? 0;
  if (value.length < min || value.length > spec.maxItems) {
    problems.push({ path, message: `has ${value.length} item(s); it takes ${spec.expect}` });
  }
  // The items past the limit of an array far too long are not worth a problem each.
  const checked = Math.min(value.length, spec.maxItems + ITEMS_PAST_LIMIT);
  for (let i = 0; i < checked; i++) {
    checkField(value[i], spec.items, `${path}[${i}]`, problems);
  }
}

function checkObject(value: unknown, spec: ObjectSpec, path: string, problems: MeshProfileProblem[]): void {
  if (!isPlainRecord(value)) {
    problems.push({ path, message: `must be an object with the fields ${Object.keys(spec.fields).join(', ')}, got ${describeValue(value)}` });
    return;
  }
  const known = Object.keys(spec.fields);
  for (const key of Object.keys(value)) {
    if (!Object.prototype.hasOwnProperty.call(spec.fields, key)) {
      problems.push({ path: childPath(path, key), message: unknownFieldMessage(key, known) });
    }
  }
  for (const key of known) {
    const entry = spec.fields[key];
    const child = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
    if (child === undefined) {
      if (entry.required) problems.push({ path: childPath(path, key), message: `is required (${expectOf(entry.spec)})` });
      continue;
    }
    checkField(child, entry.spec, childPath(path, key), problems);
  }
}

function checkMap(value: unknown, spec: MapSpec, path: string, problems: MeshProfileProblem[]): void {
  if (!isPlainRecord(value)) {
    problems.push({ path, message: `must be an object of string keys and values (${spec.expect}), got ${describeValue(value)}` });
    return;
  }
  const keys = Object.keys(value);
  const min = spec.minEntries ?? 0;
  if (keys.length < min || keys.length > spec.maxEntries) {
    problems.push({ path, message: `has ${keys.length} entries; it takes ${min} to ${spec.maxEntries} (${spec.expect})` });
    if (keys.length > spec.maxEntries) return;
  }
  for (const key of keys) {
    const keyProblems: MeshProfileProblem[] = [];
    checkString(key, spec.keys, childPath(path, key), keyProblems);
    for (const p of keyProblems) problems.push({ path: p.path, message: `key ${p.message}` });
    checkString(value[key], spec.values, childPath(path, key), problems);
  }
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const quoted = describeValue(key);
  if (known.length === 0) return `unknown field ${quoted}; this object takes no fields`;
  const near = closest(key, known);
  if (distance(key, near) <= SUGGEST_DISTANCE) return `unknown field ${quoted}; did you mean '${near}'?`;
  return `unknown field ${quoted}; known fields are ${known.join(', ')}`;
}

function expectOf(spec: FieldSpec): string {
  switch (spec.type) {
    case 'boolean': return 'true or false';
    case 'object': return `an object with the fields ${Object.keys(spec.fields).join(', ')}`;
    default: return spec.expect;
  }
}

/** `$.a.b`, or `$["odd key"]` for keys that are not identifiers (long keys shortened like any quoted value). */
export function childPath(path: string, key: string): string {
  return key.length <= QUOTE_LIMIT && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${describeValue(key)}]`;
}

/** True for an object usable as a JSON object (not null, not an array). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, printable rendering of any value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > QUOTE_LIMIT ? `${JSON.stringify(value.slice(0, QUOTE_LIMIT))}... (${value.length} characters)` : JSON.stringify(value);
    return shown;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `the number ${String(value)}`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
