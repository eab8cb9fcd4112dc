/** Input checks shared by the constructs: each throws an Error naming the construct path and the value. */
import { IConstruct } from 'constructs';

const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Throws `[path] message`. */
export function fail(scope: IConstruct, message: string): never {
  throw new Error(`[${scope.node.path}] ${message}`);
}

/** A DNS-1123 label (namespace, Service, port names). */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS_LABEL.test(value);
}

/** A DNS-1123 subdomain (object names). */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_NAME.test(value);
}

/** A hostname with an optional leading `*.` wildcard, or `*` when `allowStar`. */
export function isHostname(value: string, allowStar: boolean): boolean {
  if (value === '*') return allowStar;
  const bare = value.startsWith('*.') ? value.slice(2) : value;
  return value.length <= 253 && DNS_NAME.test(bare);
}

export function checkPort(scope: IConstruct, field: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    fail(scope, `'${field}' must be a port number from 1 to 65535, got ${typeof port === 'number' ? String(port) : JSON.stringify(port)}`);
  }
}

export function checkObjectName(scope: IConstruct, field: string, name: string | undefined): void {
  if (name !== undefined && !isDnsSubdomain(name)) {
    fail(scope, `'${field}' ${JSON.stringify(name)} is not a valid Kubernetes name (lowercase letters, digits, '-' and '.', starting and ending with a letter or digit)`);
  }
}

export function checkNamespaceName(scope: IConstruct, field: string, name: string | undefined): void {
  if (name !== undefined && !isDnsLabel(name)) {
    fail(scope, `'${field}' ${JSON.stringify(name)} is not a valid namespace name (at most 63 lowercase letters, digits and '-')`);
  }
}

/**
 * Istio host forms: `host`, `*.host`, `*`, and on Gateways `namespace/host`, `./host` and `*` followed by `/host`.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Server
 */
export function checkIstioHost(scope: IConstruct, field: string, host: string, options: { namespaced: boolean }): void {
  let name = host;
  const slash = host.indexOf('/');
  if (slash >= 0) {
    const ns = host.slice(0, slash);
    name = host.slice(slash + 1);
    if (!options.namespaced) {
      fail(scope, `'${field}' ${JSON.stringify(host)}: the 'namespace/host' form is only valid in Gateway servers; use the plain host name`);
    }
    if (ns !== '*' && ns !== '.' && !isDnsLabel(ns)) {
      fail(scope, `'${field}' ${JSON.stringify(host)}: ${JSON.stringify(ns)} is not a namespace, '.' or '*'`);
    }
  }
  if (!isHostname(name, true)) {
    fail(scope, `'${field}' ${JSON.stringify(host)} is not a valid host: use a lowercase DNS name, optionally starting with '*.', or '*'`);
  }
}

/** The characters the HTTPRoute CRD allows in Exact and PathPrefix paths (RFC 3986 pchar and '/'). */
const PATH_CHARACTERS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;

/**
 * The path rules the Gateway API CRD enforces with CEL, applied to Istio paths too so one route
 * description renders validly both ways.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmatch
 */
export function checkPath(scope: IConstruct, field: string, path: string): void {
  const problems: string[] = [];
  if (!path.startsWith('/')) problems.push("must start with '/'");
  if (path.length > 1024) problems.push('must be at most 1024 characters');
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (path.includes(bad)) problems.push(`must not contain '${bad}'`);
  }
  if (path.endsWith('/..') || path.endsWith('/.')) problems.push("must not end with '/.' or '/..'");
  if (!PATH_CHARACTERS.test(path)) {
    problems.push("must contain only letters, digits, -/._~!$&'()*+,;=:@ and %-escapes (percent-encode the rest, for example %C3%A9 for é)");
  }
  if (problems.length > 0) {
    fail(scope, `'${field}' ${JSON.stringify(path)} is not a valid path: it ${problems.join(', ')}`);
  }
}

export function checkUnique(scope: IConstruct, field: string, values: readonly (string | number)[]): void {
  const seen = new Set<string | number>();
  for (const v of values) {
    if (seen.has(v)) fail(scope, `'${field}' lists ${JSON.stringify(v)} twice`);
    seen.add(v);
  }
}

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** A Kubernetes label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (name.length > 63 || !LABEL_NAME.test(name)) return false;
  return slash < 0 || isDnsSubdomain(key.slice(0, slash));
}

/**
 * Label keys and values as Kubernetes (and the Istio CRDs' schemas) accept them.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
export function checkLabels(scope: IConstruct, field: string, labels: Record<string, string>): void {
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) {
      fail(scope, `'${field}' key ${JSON.stringify(key)} is not a valid label key ([prefix/]name: the name at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)`);
    }
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      fail(scope, `'${field}.${key}' ${JSON.stringify(value)} is not a valid label value (at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)`);
    }
  }
}

/** Longest duration the Gateway API's duration format can carry (99999h); Istio has no use for more. */
const MAX_DURATION_MS = 99999 * 3600 * 1000;

/**
 * A duration Istio and the Gateway API both accept: a whole number of milliseconds, at least 1 ms.
 * @see https://gateway-api.sigs.k8s.io/geps/gep-2257/
 */
export function checkDuration(scope: IConstruct, field: string, duration: { toMilliseconds(): number } | undefined): void {
  if (duration === undefined) return;
  let ms: number;
  try {
    ms = duration.toMilliseconds();
  } catch (e) {
    return fail(scope, `'${field}' is not a whole number of milliseconds (${(e as Error).message})`);
  }
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_DURATION_MS) {
    fail(scope, `'${field}' must be from 1 ms to 99999 h, got ${ms} ms`);
  }
}

/** A count field of the Istio API: a whole number from `min` to 2^31-1 (int32). */
export function checkCount(scope: IConstruct, field: string, value: number | undefined, min = 0, max = 2 ** 31 - 1): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    fail(scope, `'${field}' must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
}

/** The metadata fields a construct passes through to its object. */
interface PassedMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * The object metadata the API server validates (outside the OpenAPI schemas): name, namespace,
 * label keys and values, annotation keys.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export function checkMetadata(scope: IConstruct, metadata: PassedMetadata | undefined): void {
  if (metadata === undefined) return;
  checkObjectName(scope, 'metadata.name', metadata.name);
  checkNamespaceName(scope, 'metadata.namespace', metadata.namespace);
  if (metadata.labels) checkLabels(scope, 'metadata.labels', metadata.labels);
  if (metadata.annotations) checkAnnotations(scope, 'metadata.annotations', metadata.annotations);
}

/** The API server's limit on all annotations of one object together, keys and values. */
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/**
 * Annotation keys (the label key syntax) and the 256 KiB the API server allows for all of them.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 */
export function checkAnnotations(scope: IConstruct, field: string, annotations: Record<string, string>): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    if (!isLabelKey(key)) fail(scope, `'${field}' key ${JSON.stringify(key)} is not a valid annotation key ([prefix/]name, as for labels)`);
    if (typeof value !== 'string') fail(scope, `'${field}.${key}' must be a string, got ${JSON.stringify(value)}`);
    bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (bytes > MAX_ANNOTATIONS_BYTES) fail(scope, `'${field}' hold ${bytes} bytes; the API server allows at most ${MAX_ANNOTATIONS_BYTES} for all annotations of an object`);
}

/**
 * `metadata` without its undefined fields. cdk8s spreads the metadata over the generated name, so
 * `{ name: undefined }` would leave the object without a name, which the API server refuses.
 */
export function definedMetadata<T extends object>(metadata: T | undefined): T | undefined {
  if (metadata === undefined) return undefined;
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as T;
}
