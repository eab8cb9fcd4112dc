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

/** One document, byte-for-byte as cdk8s's `Yaml.stringify` would write it. */
function stringifyDocument(doc: unknown): string {
  // js-yaml is several times faster than the `yaml` package cdk8s uses; it writes only what it writes identically.
  return isPlainSafe(doc) ? jsyaml.dump(doc, JS_YAML_OPTIONS) : Yaml.stringify(doc);
}

/**
 * Multi-document YAML with exactly the bytes of cdk8s's `Yaml.stringify(...docs)`, written faster.
 *
 * Documents made only of plain-safe keys and scalars (most Kubernetes manifests) are written with js-yaml;
 * any other document (digit-initial strings, floats, multi-line text, YAML 1.1 booleans, ...) and an
 * undefined document are written by cdk8s's `Yaml.stringify` itself.
 */
export function stringifyManifests(docs: readonly unknown[]): string {
  return docs.map(stringifyDocument).join('---\n');
}
