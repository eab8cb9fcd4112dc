import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Environment } from '@marcbachmann/cel-js';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

/**
 * Validates manifests against the real CRD schemas (Istio 1.30, Gateway API v1.3.0, kube-egress-gateway,
 * Secrets Store CSI driver) and the Kubernetes v1.33 core schemas, the way the API server would accept them:
 * unknown fields are errors, structural defaults are applied, then every `x-kubernetes-validations` CEL rule runs.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation
 * @see https://kubernetes.io/docs/reference/using-api/cel/
 */

/** One validation failure: which object, where in it, and what is wrong. */
export interface SchemaError {
  /** `kind namespace/name`, or `kind name` for cluster-scoped objects. */
  readonly object: string;
  /** Field path in the object, e.g. `spec.http[0].match[0].uri`; empty for the object itself. */
  readonly path: string;
  readonly message: string;
}

type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The CRD bundles the project targets; all must be present for schema tests to run. */
export const CRD_FILES: readonly string[] = [
  'istio-1.30-crds.yaml',
  'gateway-api-v1.3.0-standard.yaml',
  'kube-egress-gateway-v0.1.8-crds.yaml',
  'secrets-store-csi-driver-v1.6.0-crds.yaml',
];

/** Directory holding the upstream CRD files (env `AKS_ISTIO_MESH_CRDS_DIR` overrides). */
export function crdsDir(): string {
  return process.env.AKS_ISTIO_MESH_CRDS_DIR ?? path.resolve(REPO_ROOT, '..', 'shared', 'crds');
}

/** Kubernetes core JSON schemas (env `AKS_ISTIO_MESH_K8S_SCHEMAS_FILE` overrides). */
export function k8sDefinitionsFile(): string {
  return process.env.AKS_ISTIO_MESH_K8S_SCHEMAS_FILE
    ?? path.resolve(REPO_ROOT, '..', 'shared', 'k8s-schemas', 'v1.33', '_definitions.json');
}

/** True when every CRD bundle and the core schemas are on disk. */
export function crdSchemasAvailable(): boolean {
  return CRD_FILES.every((file) => fs.existsSync(path.join(crdsDir(), file))) && fs.existsSync(k8sDefinitionsFile());
}

/** `describe` when the schemas are available, otherwise `describe.skip` with a message saying why. */
export function describeIfSchemas(name: string, fn: () => void): void {
  if (crdSchemasAvailable()) {
    describe(name, fn);
    return;
  }
  const missing = `../shared/crds not found (looked in ${crdsDir()} and ${k8sDefinitionsFile()})`;
  // CI sets this so that a checkout without the schema files fails instead of skipping.
  if (process.env.AKS_ISTIO_MESH_REQUIRE_SCHEMAS === '1') throw new Error(`${name}: ${missing}; AKS_ISTIO_MESH_REQUIRE_SCHEMAS=1 requires them`);
  console.log(`${name}: skipped: ${missing}`);
  describe.skip(name, fn);
}

// ---------------------------------------------------------------------------------------------------------------
// OpenAPI v3 (CRD) -> JSON Schema
// ---------------------------------------------------------------------------------------------------------------

const COPIED_KEYWORDS = new Set([
  'type', 'required', 'enum', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'multipleOf',
]);
// Handled elsewhere (defaulting, CEL) or pure documentation / server-side list semantics.
const IGNORED_KEYWORDS = new Set([
  'description', 'default', 'example', 'title', 'nullable', 'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations', 'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);

/**
 * Turns a CRD openAPIV3Schema node into a JSON Schema ajv understands. `structural` is false inside
 * allOf/anyOf/oneOf/not, whose branches only add value checks and must not close objects.
 */
function crdToJsonSchema(node: JsonObject, structural: boolean, formats: Set<string>): JsonObject {
  const out: JsonObject = {};
  const sub = (value: unknown, keyword: string, inStructure: boolean): JsonObject => {
    if (!isObject(value)) throw new Error(`schema keyword '${keyword}' is not an object`);
    return crdToJsonSchema(value, inStructure, formats);
  };
  for (const [keyword, value] of Object.entries(node)) {
    if (COPIED_KEYWORDS.has(keyword)) {
      out[keyword] = value;
      if (keyword === 'format' && typeof value === 'string') formats.add(value);
    } else if (keyword === 'properties') {
      if (!isObject(value)) throw new Error('schema keyword \'properties\' is not an object');
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sub(v, k, structural)]));
    } else if (keyword === 'items' || keyword === 'not') {
      out[keyword] = sub(value, keyword, keyword === 'items' && structural);
    } else if (keyword === 'additionalProperties') {
      out.additionalProperties = typeof value === 'boolean' ? value : sub(value, keyword, structural);
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      if (!Array.isArray(value)) throw new Error(`schema keyword '${keyword}' is not a list`);
      out[keyword] = value.map((branch: unknown) => sub(branch, keyword, false));
    } else if (!IGNORED_KEYWORDS.has(keyword)) {
      // A keyword we do not translate would otherwise be silently unchecked.
      throw new Error(`unsupported CRD schema keyword '${keyword}'`);
    }
  }
  if (node['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  // The API server prunes fields a structural schema does not declare; we flag them instead.
  const isObjectSchema = out.properties !== undefined || out.type === 'object';
  if (structural && isObjectSchema && out.additionalProperties === undefined
    && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** Same closing of objects for the Kubernetes core definitions (already JSON Schema). */
function closeCoreSchema(node: unknown, structural: boolean, formats: Set<string>): unknown {
  if (Array.isArray(node)) return node.map((n: unknown) => closeCoreSchema(n, structural, formats));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (keyword === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closeCoreSchema(v, structural, formats)]));
    } else if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf' || keyword === 'not') {
      out[keyword] = closeCoreSchema(value, false, formats);
    } else if (keyword === 'enum' || keyword === 'default' || keyword.startsWith('x-kubernetes-')) {
      out[keyword] = value;
    } else {
      if (keyword === 'format' && typeof value === 'string') formats.add(value);
      out[keyword] = closeCoreSchema(value, structural, formats);
    }
  }
  if (structural && isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Structural defaulting and CEL
// ---------------------------------------------------------------------------------------------------------------

function childSchema(schema: JsonObject, key: string): JsonObject | undefined {
  const props = schema.properties;
  if (isObject(props) && isObject(props[key])) return props[key];
  return isObject(schema.additionalProperties) ? schema.additionalProperties : undefined;
}

/** Applies `default`s in place, recursively, as the API server does before validation. */
function applyDefaults(value: unknown, schema: JsonObject): void {
  if (Array.isArray(value)) {
    if (isObject(schema.items)) for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  const props = schema.properties;
  if (isObject(props)) {
    for (const [key, prop] of Object.entries(props)) {
      if (!isObject(prop) || prop.default === undefined) continue;
      // Nulls on non-nullable fields are pruned and then defaulted by the API server.
      if (value[key] === undefined || (value[key] === null && prop.nullable !== true)) {
        value[key] = cloneJson(prop.default);
      }
    }
  }
  for (const [key, child] of Object.entries(value)) {
    const sub = childSchema(schema, key);
    if (sub) applyDefaults(child, sub);
  }
}

/**
 * Deep copy in this realm: under jest, structuredClone returns arrays of the outer realm, which cel-js
 * does not recognise as lists.
 */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isIntegerSchema(schema: JsonObject | undefined): boolean {
  return schema !== undefined && (schema.type === 'integer' || schema['x-kubernetes-int-or-string'] === true);
}

/** Converts a value to what CEL sees: schema integers become BigInt, doubles stay numbers. */
function toCelValue(value: unknown, schema: JsonObject | undefined): unknown {
  if (typeof value === 'number') {
    const integer = isIntegerSchema(schema) || (schema?.type === undefined && Number.isInteger(value));
    return integer && Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) {
    const items = schema && isObject(schema.items) ? schema.items : undefined;
    return Array.from(value, (item: unknown) => toCelValue(item, items));
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCelValue(v, schema ? childSchema(schema, k) : undefined)]));
  }
  return value;
}

/** A Kubernetes CEL `URL` value (k8s.io/apiserver/pkg/cel/library/urls.go). */
class KubernetesUrl {
  constructor(public readonly scheme: string) {}
}

/**
 * Go's `url.ParseRequestURI`, the check Kubernetes' `isURL()`/`url()` use: an absolute URI or an absolute
 * path, no control characters, valid percent-escapes and a numeric port. Returns the scheme, or an error.
 */
function parseRequestUri(raw: string): { scheme: string } | { error: string } {
  if (raw === '') return { error: 'empty url' };
  if (/[\x00-\x1f\x7f]/.test(raw)) return { error: 'invalid control character in URL' };
  if (/%(?![0-9a-fA-F]{2})/.test(raw)) return { error: 'invalid URL escape' };
  if (raw === '*') return { scheme: '' };
  let scheme = '';
  let rest = raw;
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(raw);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = raw.slice(schemeMatch[0].length);
  } else if (raw.startsWith(':')) {
    return { error: 'missing protocol scheme' };
  }
  const queryAt = rest.indexOf('?');
  if (queryAt >= 0) rest = rest.slice(0, queryAt);
  if (!rest.startsWith('/')) return scheme !== '' ? { scheme } : { error: 'invalid URI for request' };
  if (scheme !== '' && rest.startsWith('//')) {
    const authority = rest.slice(2).split('/')[0];
    const host = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
    const port = host.startsWith('[') ? host.slice(host.indexOf(']') + 1) : host.slice(host.lastIndexOf(':') >= 0 ? host.lastIndexOf(':') : host.length);
    if (host.startsWith('[') && !host.includes(']')) return { error: 'missing \']\' in host' };
    if (port !== '' && !/^:[0-9]*$/.test(port)) return { error: `invalid port "${port}" after host` };
  }
  return { scheme };
}

/** RE2 (CEL `matches`) to a JS RegExp, for the RE2 syntax the CRDs use; anything else is refused. */
const regexCache = new Map<string, RegExp>();
function re2ToRegExp(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  let source = pattern;
  let flags = '';
  // A leading flag group applies to the whole pattern, which is exactly what JS flags mean.
  const flagGroup = /^(\^?)\(\?([ims]+)\)/.exec(source);
  if (flagGroup) {
    flags = [...new Set(flagGroup[2])].join('');
    source = flagGroup[1] + source.slice(flagGroup[0].length);
  }
  source = source.replace(/\(\?P</g, '(?<');
  if (/(^|[^\\])\(\?(?!:|<[A-Za-z])/.test(source)) {
    throw new Error(`RE2 construct not supported by this validator in ${JSON.stringify(pattern)}`);
  }
  const regExp = new RegExp(source, flags);
  regexCache.set(pattern, regExp);
  return regExp;
}

/** Index just past the string literal starting at `i` (CEL quotes, triple quotes, raw prefix). */
function skipString(rule: string, i: number): number {
  const quoteChar = rule[i];
  const raw = i > 0 && /[rR]/.test(rule[i - 1]) && (i === 1 || !/[A-Za-z0-9_]/.test(rule[i - 2]));
  const quote = rule.startsWith(quoteChar.repeat(3), i) ? quoteChar.repeat(3) : quoteChar;
  let j = i + quote.length;
  while (j < rule.length && !rule.startsWith(quote, j)) j += !raw && rule[j] === '\\' ? 2 : 1;
  return j + quote.length;
}

/** Index of the `)` closing the `(` at `open`, skipping string literals. */
function closingParen(rule: string, open: number): number {
  let depth = 0;
  for (let i = open; i < rule.length;) {
    const ch = rule[i];
    if (ch === '"' || ch === '\'') {
      i = skipString(rule, i);
      continue;
    }
    if (ch === '(') depth += 1;
    if (ch === ')' && --depth === 0) return i;
    i += 1;
  }
  return -1;
}

/**
 * Works around two cel-js gaps without changing a rule's meaning: `matches` uses JS regular expressions,
 * which reject RE2 syntax such as `(?i)` (built-in overloads cannot be replaced, so the method call is renamed
 * to an RE2 one); and `has()` only accepts `ident.field...`, so `has(self[0].f)` becomes
 * `cel.bind(hasOperand, self[0], has(hasOperand.f))`.
 */
function rewriteRule(rule: string): string {
  let out = '';
  let i = 0;
  while (i < rule.length) {
    const ch = rule[i];
    if (ch === '"' || ch === '\'') {
      const end = skipString(rule, i);
      out += rule.slice(i, end);
      i = end;
      continue;
    }
    const rest = rule.slice(i);
    const matchesCall = /^\.matches\s*\(/.exec(rest);
    if (matchesCall) {
      out += '.re2Matches(';
      i += matchesCall[0].length;
      continue;
    }
    const hasCall = /^has\s*\(/.exec(rest);
    if (hasCall && (i === 0 || !/[A-Za-z0-9_.]/.test(rule[i - 1]))) {
      const open = i + hasCall[0].length - 1;
      const close = closingParen(rule, open);
      if (close > open) {
        const operand = rewriteRule(rule.slice(open + 1, close)).trim();
        const selection = /^([\s\S]*\S)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)$/.exec(operand);
        const plainChain = /^[A-Za-z_][A-Za-z0-9_]*(\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)+$/.test(operand);
        out += selection && !plainChain
          ? `cel.bind(hasOperand, ${selection[1]}, has(hasOperand.${selection[2]}))`
          : `has(${operand})`;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}

function createCelEnvironment(): Environment {
  return new Environment({ homogeneousAggregateLiterals: false })
    .registerVariable('self', 'dyn')
    .registerType('URL', KubernetesUrl)
    .registerFunction('string.re2Matches(string): bool', (s: string, re: string) => re2ToRegExp(re).test(s))
    .registerFunction('isURL(string): bool', (s: string) => 'scheme' in parseRequestUri(s))
    .registerFunction('url(string): URL', (s: string) => {
      const parsed = parseRequestUri(s);
      if ('error' in parsed) throw new Error(`URL parse error during conversion from string: ${parsed.error}`);
      return new KubernetesUrl(parsed.scheme);
    })
    .registerFunction('URL.getScheme(): string', (u: KubernetesUrl) => u.scheme);
}

type CompiledRule = (context: { self: unknown }) => unknown;

// ---------------------------------------------------------------------------------------------------------------
// The validator
// ---------------------------------------------------------------------------------------------------------------

const LOOSE_METADATA: JsonObject = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

function formatPath(instancePath: string): string {
  return instancePath.split('/').slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc === '' ? segment : `${acc}.${segment}`), '');
}

function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function describeAjvError(error: ErrorObject): string {
  if (error.keyword === 'additionalProperties' && isObject(error.params)) {
    return `unknown field "${String(error.params.additionalProperty)}"`;
  }
  const allowed = isObject(error.params) && Array.isArray(error.params.allowedValues)
    ? ` (${JSON.stringify(error.params.allowedValues)})` : '';
  return `${error.message ?? error.keyword}${allowed}`;
}

/** Schema-checks manifests (see the module comment). Build once with {@link CrdSchemaValidator.load}. */
export class CrdSchemaValidator {
  private static instance: CrdSchemaValidator | undefined;

  /** The shared validator over the default (or env-overridden) schema locations. */
  public static load(): CrdSchemaValidator {
    CrdSchemaValidator.instance ??= new CrdSchemaValidator(crdsDir(), k8sDefinitionsFile());
    return CrdSchemaValidator.instance;
  }

  /**
   * A validator over other CRD bundles of `../shared/crds` (for example an older Istio or Gateway API release
   * AKS still installs), built once per set.
   */
  public static loadBundles(files: readonly string[]): CrdSchemaValidator {
    const key = files.join('|');
    let validator = CrdSchemaValidator.others.get(key);
    if (!validator) {
      validator = new CrdSchemaValidator(crdsDir(), k8sDefinitionsFile(), files);
      CrdSchemaValidator.others.set(key, validator);
    }
    return validator;
  }

  private static readonly others = new Map<string, CrdSchemaValidator>();

  private readonly crdSchemas = new Map<string, JsonObject>();
  private readonly crdGroups = new Set<string>();
  private readonly coreDefinitions = new Map<string, string>();
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly celRules = new Map<string, CompiledRule>();
  private readonly cel = createCelEnvironment();

  constructor(crdDirectory: string, definitionsFile: string, crdFiles: readonly string[] = CRD_FILES) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const formats = new Set<string>();

    for (const file of crdFiles) {
      for (const crd of readCrdFile(path.join(crdDirectory, file))) {
        if (!isObject(crd) || crd.kind !== 'CustomResourceDefinition' || !isObject(crd.spec)) continue;
        const { group, names, versions } = crd.spec;
        if (typeof group !== 'string' || !isObject(names) || typeof names.kind !== 'string' || !Array.isArray(versions)) {
          throw new Error(`${file}: malformed CustomResourceDefinition`);
        }
        this.crdGroups.add(group);
        for (const version of versions) {
          if (!isObject(version) || version.served !== true || !isObject(version.schema)) continue;
          const schema = version.schema.openAPIV3Schema;
          if (!isObject(schema)) continue;
          this.crdSchemas.set(`${group}/${String(version.name)}|${names.kind}`, schema);
        }
      }
    }

    const definitions: unknown = JSON.parse(fs.readFileSync(definitionsFile, 'utf8'));
    if (!isObject(definitions) || !isObject(definitions.definitions)) throw new Error(`${definitionsFile}: no "definitions"`);
    for (const [name, definition] of Object.entries(definitions.definitions)) {
      if (!isObject(definition) || !Array.isArray(definition['x-kubernetes-group-version-kind'])) continue;
      for (const gvk of definition['x-kubernetes-group-version-kind']) {
        if (!isObject(gvk)) continue;
        const apiVersion = gvk.group ? `${String(gvk.group)}/${String(gvk.version)}` : String(gvk.version);
        this.coreDefinitions.set(`${apiVersion}|${String(gvk.kind)}`, name);
      }
    }
    this.ajv.addSchema({ definitions: closeCoreSchema(definitions.definitions, true, formats) }, 'k8s');
    // Precompute the CRD JSON schemas' formats lazily in compile(); core formats are known now.
    this.registerUnknownFormats(formats);
  }

  /** Every error in one manifest (empty when valid). */
  public validate(manifest: unknown): SchemaError[] {
    if (!isObject(manifest)) return [{ object: '(not an object)', path: '', message: 'manifest is not an object' }];
    const object = describeObject(manifest);
    const { apiVersion, kind } = manifest;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return [{ object, path: '', message: 'apiVersion and kind must be strings' }];
    }
    const key = `${apiVersion}|${kind}`;
    const crdSchema = this.crdSchemas.get(key);
    if (crdSchema) return this.validateCustomResource(manifest, key, crdSchema, object);
    const definition = this.coreDefinitions.get(key);
    if (definition) {
      return this.errorsOf(this.validator(key, () => ({ $ref: `k8s#/definitions/${definition}` })), manifest, object).map(stripTypeFlag);
    }
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const why = this.crdGroups.has(group) ? `the ${group} CRDs do not serve ${apiVersion} ${kind}` : `no schema known for ${apiVersion} ${kind}`;
    return [{ object, path: '', message: why }];
  }

  /** Every error in all manifests. */
  public validateAll(manifests: readonly unknown[]): SchemaError[] {
    return manifests.flatMap((m) => this.validate(m));
  }

  private validateCustomResource(manifest: JsonObject, key: string, schema: JsonObject, object: string): SchemaError[] {
    const defaulted = cloneJson(manifest);
    applyDefaults(defaulted, schema);
    const errors = this.errorsOf(this.validator(key, () => {
      const formats = new Set<string>();
      const jsonSchema = crdToJsonSchema(schema, true, formats);
      this.registerUnknownFormats(formats);
      const properties = isObject(jsonSchema.properties) ? jsonSchema.properties : {};
      // Some CRDs (Istio) leave apiVersion/kind/metadata undeclared at the root; the API server always has them.
      return { ...jsonSchema, properties: { ...properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: LOOSE_METADATA } };
    }), defaulted, object);
    // Like the API server, skip CEL when a value has the wrong type: the rules would only fail to evaluate.
    if (errors.some((e) => e.typeError)) return errors.map(stripTypeFlag);
    const all = errors.map(stripTypeFlag);
    this.runCel(defaulted, schema, '', object, all);
    return all;
  }

  private runCel(value: unknown, schema: JsonObject, at: string, object: string, errors: SchemaError[]): void {
    const rules = schema['x-kubernetes-validations'];
    if (Array.isArray(rules) && value !== undefined) {
      const self = toCelValue(value, schema);
      for (const rule of rules) {
        if (!isObject(rule) || typeof rule.rule !== 'string') continue;
        // Transition rules compare with the stored object; a fresh create has none.
        if (/\boldSelf\b/.test(rule.rule)) continue;
        const error = this.evaluateRule(rule.rule, self);
        if (error === undefined) continue;
        errors.push({ object, path: at, message: error === false ? String(rule.message ?? `failed rule: ${rule.rule}`) : error });
      }
    }
    if (Array.isArray(value)) {
      const items = schema.items;
      if (isObject(items)) value.forEach((item: unknown, i) => this.runCel(item, items, joinPath(at, i), object, errors));
    } else if (isObject(value)) {
      for (const [key, child] of Object.entries(value)) {
        const sub = childSchema(schema, key);
        if (sub) this.runCel(child, sub, joinPath(at, key), object, errors);
      }
    }
  }

  /** undefined when the rule holds, false when it does not, a message when it could not be evaluated. */
  private evaluateRule(rule: string, self: unknown): undefined | false | string {
    try {
      let compiled = this.celRules.get(rule);
      if (!compiled) {
        compiled = this.cel.parse(rewriteRule(rule));
        this.celRules.set(rule, compiled);
      }
      const result = compiled({ self });
      if (result === true) return undefined;
      if (result === false) return false;
      return `could not evaluate CEL rule ${JSON.stringify(rule)}: it returned ${String(result)}, not a bool`;
    } catch (e) {
      const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
      return `could not evaluate CEL rule ${JSON.stringify(rule)}: ${reason}`;
    }
  }

  private validator(key: string, schema: () => JsonObject): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema());
      this.validators.set(key, validate);
    }
    return validate;
  }

  private errorsOf(validate: ValidateFunction, value: unknown, object: string): FlaggedError[] {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => ({
      object, path: formatPath(e.instancePath), message: describeAjvError(e), typeError: e.keyword === 'type',
    }));
  }

  private registerUnknownFormats(formats: Set<string>): void {
    // Kubernetes ignores formats it does not know (e.g. 'int-or-string'); ajv would refuse to compile.
    for (const format of formats) if (!(format in this.ajv.formats)) this.ajv.addFormat(format, true);
  }
}

interface FlaggedError extends SchemaError {
  readonly typeError: boolean;
}

function stripTypeFlag({ object, path: at, message }: FlaggedError): SchemaError {
  return { object, path: at, message };
}

/**
 * Parses a CRD bundle, through a JSON copy in the temp directory keyed by the content hash: the `yaml`
 * package needs about 2 s for the Istio and Gateway API bundles, JSON.parse a few milliseconds, and every
 * jest worker loads them again.
 */
function readCrdFile(file: string): unknown[] {
  const text = fs.readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const cacheFile = path.join(os.tmpdir(), `aks-istio-mesh-crd-${path.basename(file, '.yaml')}-${hash}.json`);
  if (fs.existsSync(cacheFile)) {
    const cached: unknown = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (Array.isArray(cached)) return cached;
  }
  const docs = parseManifests(text);
  // Write-then-rename so a parallel worker never reads a half-written cache.
  const partial = `${cacheFile}.${process.pid}.tmp`;
  fs.writeFileSync(partial, JSON.stringify(docs));
  fs.renameSync(partial, cacheFile);
  return docs;
}

function describeObject(manifest: JsonObject): string {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '(no kind)';
  const metadata = isObject(manifest.metadata) ? manifest.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '(no name)';
  return typeof metadata.namespace === 'string' ? `${kind} ${metadata.namespace}/${name}` : `${kind} ${name}`;
}

/** Every object in a multi-document YAML string (empty documents skipped). */
export function parseManifests(text: string): unknown[] {
  return parseAllDocuments(text).map((doc) => doc.toJS()).filter((doc: unknown) => doc !== null && doc !== undefined);
}

/** Formats errors one per line for a readable failure message. */
export function formatErrors(errors: readonly SchemaError[]): string {
  return errors.map((e) => `${e.object}: ${e.path === '' ? '' : `${e.path}: `}${e.message}`).join('\n');
}
