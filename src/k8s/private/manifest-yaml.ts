import { Yaml } from 'cdk8s';
import * as jsyaml from 'js-yaml';

/** js-yaml options under which it writes the same bytes as cdk8s's `Yaml.stringify` for plain-safe documents. */
const JS_YAML_OPTIONS: jsyaml.DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"' };

/**
 * Strings both writers emit unquoted (or, for a leading `*`, quoted the same way): a letter, `/` or `*`,
 * then only characters that are never YAML indicators here.
 */
const PLAIN_SAFE = /^[A-Za-z/*][\w./:*-]*$/;

/**
 * Letter-initial strings that YAML 1.1 or 1.2 reads as something other than a string (booleans, null, and
 * the `yaml` package's 1.1 float with an empty mantissa, `e1`). The writers quote some of them differently.
 */
const RESERVED = /^(?:[Yy]|[Yy]es|YES|[Nn]|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL|[eE][-+]?[0-9]+)$/;

function isPlainSafeString(s: string): boolean {
  return PLAIN_SAFE.test(s) && !RESERVED.test(s);
}

/**
 * True when every key and scalar of `value` is of a kind for which js-yaml and cdk8s's `Yaml.stringify`
 * write identical text: plain-safe strings, safe integers, booleans, null, and plain data objects and
 * arrays, as `ApiObject.toJson()` returns them. Not: a collection that occurs twice (`yaml` writes an anchor
 * and an alias), or one `yaml` reads differently from js-yaml (a `toJSON()` method, symbol keys, which
 * include a custom `Symbol.iterator`, holes or extra properties on an array).
 */
export function isPlainSafe(value: unknown): boolean {
  return plainSafe(value, new Set());
}

function plainSafe(value: unknown, seen: Set<object>): boolean {
  switch (typeof value) {
    case 'string': return isPlainSafeString(value);
    case 'number': return Number.isSafeInteger(value) && !Object.is(value, -0);
    case 'boolean': return true;
    case 'object': {
      if (value === null) return true;
      if (seen.has(value)) return false;
      seen.add(value);
      if (Array.isArray(value)) {
        // Own keys are the indices plus `length` exactly when there are no holes, extras or symbols.
        if (Object.getPrototypeOf(value) !== Array.prototype || Reflect.ownKeys(value).length !== value.length + 1) return false;
        for (let i = 0; i < value.length; i++) if (!plainSafe(value[i], seen)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      if (Object.getOwnPropertySymbols(value).length > 0 || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
      for (const key of Object.keys(value)) {
        if (!isPlainSafeString(key) || !plainSafe((value as Record<string, unknown>)[key], seen)) return false;
      }
      return true;
    }
    default: return false;
  }
}

/** Keys longer than this get js-yaml's explicit `? key` form; documents with one are left to js-yaml itself. */
const MAX_IMPLICIT_KEY = 1024;

/** js-yaml's rendering of a plain-safe string: plain, or double-quoted when it starts with `*` or ends with `:`. */
function scalarText(s: string): string {
  return s.charCodeAt(0) === 42 || s.charCodeAt(s.length - 1) === 58 ? `"${s}"` : s;
}

/** Thrown inside the emitter when a value is not plain-safe; the document then goes to cdk8s's writer. */
const NOT_PLAIN = Symbol('not plain-safe');

/**
 * Writes plain-safe documents exactly as js-yaml's `dump` does with `JS_YAML_OPTIONS` (block style, two-space
 * indent, sequences indented under their key, compact `- key: value` and `- - item`, `{}` and `[]` for empty
 * collections), checking plain-safety in the same pass: one walk instead of a check and a dump.
 */
class PlainEmitter {
  private readonly seen = new Set<object>();
  public out = '';
  /** Set when a key is too long for this emitter (js-yaml writes it differently). */
  public longKey = false;

  /** The text of a scalar or empty collection, or undefined for a non-empty collection. */
  public inline(value: unknown): string | undefined {
    switch (typeof value) {
      case 'string':
        if (!isPlainSafeString(value)) throw NOT_PLAIN;
        return scalarText(value);
      case 'number':
        if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw NOT_PLAIN;
        return String(value);
      case 'boolean': return value ? 'true' : 'false';
      case 'object': {
        if (value === null) return 'null';
        if (this.seen.has(value)) throw NOT_PLAIN;
        this.seen.add(value);
        if (Array.isArray(value)) {
          // Own keys are the indices plus `length` exactly when there are no holes, extras or symbols.
          if (Object.getPrototypeOf(value) !== Array.prototype || Reflect.ownKeys(value).length !== value.length + 1) throw NOT_PLAIN;
          return value.length === 0 ? '[]' : undefined;
        }
        const proto = Object.getPrototypeOf(value) as unknown;
        if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
        if (Object.getOwnPropertySymbols(value).length > 0 || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
        return Object.keys(value).length === 0 ? '{}' : undefined;
      }
      default: throw NOT_PLAIN;
    }
  }

  /** A non-empty mapping; its first entry goes on the current line when `inlineFirst`. */
  public mapping(value: Record<string, unknown>, indent: string, inlineFirst: boolean): void {
    let first = inlineFirst;
    for (const key of Object.keys(value)) {
      if (!isPlainSafeString(key)) throw NOT_PLAIN;
      if (key.length > MAX_IMPLICIT_KEY) this.longKey = true;
      this.out += `${first ? '' : indent}${scalarText(key)}:`;
      first = false;
      const v = value[key];
      const text = this.inline(v);
      if (text !== undefined) {
        this.out += ` ${text}\n`;
      } else {
        this.out += '\n';
        this.block(v, `${indent}  `, false);
      }
    }
  }

  /** A non-empty sequence; its first item goes on the current line when `inlineFirst`. */
  public sequence(value: readonly unknown[], indent: string, inlineFirst: boolean): void {
    for (let i = 0; i < value.length; i++) {
      this.out += `${i === 0 && inlineFirst ? '' : indent}- `;
      const v = value[i];
      const text = this.inline(v);
      if (text !== undefined) this.out += `${text}\n`;
      else this.block(v, `${indent}  `, true);
    }
  }

  /** A non-empty collection (`inline` returned undefined for it). */
  public block(value: unknown, indent: string, inlineFirst: boolean): void {
    if (Array.isArray(value)) this.sequence(value, indent, inlineFirst);
    else this.mapping(value as Record<string, unknown>, indent, inlineFirst);
  }
}

/** The document as js-yaml would write it, or undefined when it is not plain-safe. */
function emitPlain(doc: unknown): string | undefined {
  const emitter = new PlainEmitter();
  try {
    const text = emitter.inline(doc);
    if (text !== undefined) return `${text}\n`;
    emitter.block(doc, '', false);
  } catch (e) {
    if (e === NOT_PLAIN) return undefined;
    throw e;
  }
  return emitter.longKey ? jsyaml.dump(doc, JS_YAML_OPTIONS) : emitter.out;
}

/** One document, byte-for-byte as cdk8s's `Yaml.stringify` would write it. */
function stringifyDocument(doc: unknown): string {
  // For plain-safe documents js-yaml's output is `yaml`'s (the tests compare them); the emitter above writes
  // js-yaml's bytes without js-yaml's general machinery. Anything else is written by cdk8s itself.
  return emitPlain(doc) ?? Yaml.stringify(doc);
}

/**
 * Multi-document YAML with exactly the bytes of cdk8s's `Yaml.stringify(...docs)`, written faster.
 *
 * Documents made only of plain-safe keys and scalars (most Kubernetes manifests) are written as js-yaml writes them;
 * any other document (digit-initial strings, floats, multi-line text, YAML 1.1 booleans, ...) and an
 * undefined document are written by cdk8s's `Yaml.stringify` itself.
 */
export function stringifyManifests(docs: readonly unknown[]): string {
  return docs.map(stringifyDocument).join('---\n');
}
