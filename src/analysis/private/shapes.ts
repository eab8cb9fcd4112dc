/**
 * The JSON shape of the fields the rules read, per known kind: a wrong type here is a malformed object
 * (AIM100), which the API server would refuse. Paths use `[]` for "each element of the list".
 */

/** What a field must be. `map` is a string-to-string map (labels, selectors, ConfigMap data). */
export type Shape = 'string' | 'integer' | 'boolean' | 'object' | 'map' | 'string[]' | 'object[]';

const METADATA: Record<string, Shape> = {
  'metadata': 'object',
  'metadata.name': 'string',
  'metadata.namespace': 'string',
  'metadata.labels': 'map',
  'metadata.annotations': 'map',
};

const DESTINATION = (p: string): Record<string, Shape> => ({
  [p]: 'object',
  [`${p}.host`]: 'string',
  [`${p}.subset`]: 'string',
  [`${p}.port`]: 'object',
  [`${p}.port.number`]: 'integer',
});

const ROUTE_RULES = (kind: string): Record<string, Shape> => ({
  [`spec.${kind}`]: 'object[]',
  [`spec.${kind}[].name`]: 'string',
  [`spec.${kind}[].match`]: 'object[]',
  [`spec.${kind}[].match[].port`]: 'integer',
  [`spec.${kind}[].route`]: 'object[]',
  [`spec.${kind}[].route[].weight`]: 'integer',
  ...DESTINATION(`spec.${kind}[].route[].destination`),
});

const VIRTUAL_SERVICE: Record<string, Shape> = {
  'spec.hosts': 'string[]',
  'spec.gateways': 'string[]',
  'spec.exportTo': 'string[]',
  ...ROUTE_RULES('http'),
  ...ROUTE_RULES('tcp'),
  ...ROUTE_RULES('tls'),
  'spec.http[].match[].uri': 'object',
  'spec.http[].match[].method': 'object',
  'spec.http[].match[].authority': 'object',
  'spec.http[].match[].headers': 'object',
  'spec.http[].match[].queryParams': 'object',
  'spec.http[].match[].ignoreUriCase': 'boolean',
  'spec.tls[].match[].sniHosts': 'string[]',
  'spec.http[].mirrors': 'object[]',
  ...DESTINATION('spec.http[].mirror'),
  ...DESTINATION('spec.http[].mirrors[].destination'),
};

const ISTIO_GATEWAY: Record<string, Shape> = {
  'spec.selector': 'map',
  'spec.servers': 'object[]',
  'spec.servers[].port': 'object',
  'spec.servers[].port.number': 'integer',
  'spec.servers[].port.protocol': 'string',
  'spec.servers[].port.name': 'string',
  'spec.servers[].hosts': 'string[]',
  'spec.servers[].bind': 'string',
  'spec.servers[].tls': 'object',
  'spec.servers[].tls.mode': 'string',
  'spec.servers[].tls.credentialName': 'string',
};

const DESTINATION_RULE: Record<string, Shape> = {
  'spec.host': 'string',
  'spec.exportTo': 'string[]',
  'spec.trafficPolicy': 'object',
  'spec.subsets': 'object[]',
  'spec.subsets[].name': 'string',
  'spec.subsets[].labels': 'map',
};

const SERVICE_ENTRY: Record<string, Shape> = {
  'spec.hosts': 'string[]',
  'spec.addresses': 'string[]',
  'spec.exportTo': 'string[]',
  'spec.ports': 'object[]',
  'spec.ports[].number': 'integer',
  'spec.ports[].protocol': 'string',
  'spec.ports[].name': 'string',
  'spec.ports[].targetPort': 'integer',
  'spec.resolution': 'string',
  'spec.location': 'string',
  'spec.endpoints': 'object[]',
};

const PARENT_AND_BACKENDS: Record<string, Shape> = {
  'spec.parentRefs': 'object[]',
  'spec.parentRefs[].name': 'string',
  'spec.parentRefs[].namespace': 'string',
  'spec.parentRefs[].sectionName': 'string',
  'spec.parentRefs[].port': 'integer',
  'spec.hostnames': 'string[]',
  'spec.rules': 'object[]',
  'spec.rules[].matches': 'object[]',
  'spec.rules[].filters': 'object[]',
  'spec.rules[].backendRefs': 'object[]',
  'spec.rules[].backendRefs[].name': 'string',
  'spec.rules[].backendRefs[].namespace': 'string',
  'spec.rules[].backendRefs[].group': 'string',
  'spec.rules[].backendRefs[].kind': 'string',
  'spec.rules[].backendRefs[].port': 'integer',
  'spec.rules[].backendRefs[].weight': 'integer',
};

const GATEWAY_API_GATEWAY: Record<string, Shape> = {
  'spec.gatewayClassName': 'string',
  'spec.addresses': 'object[]',
  'spec.addresses[].value': 'string',
  'spec.listeners': 'object[]',
  'spec.listeners[].name': 'string',
  'spec.listeners[].port': 'integer',
  'spec.listeners[].protocol': 'string',
  'spec.listeners[].hostname': 'string',
  'spec.listeners[].tls': 'object',
  'spec.listeners[].tls.mode': 'string',
  'spec.listeners[].tls.certificateRefs': 'object[]',
  'spec.listeners[].allowedRoutes': 'object',
  'spec.listeners[].allowedRoutes.kinds': 'object[]',
  'spec.listeners[].allowedRoutes.namespaces': 'object',
  'spec.listeners[].allowedRoutes.namespaces.from': 'string',
  'spec.listeners[].allowedRoutes.namespaces.selector': 'object',
  'spec.listeners[].allowedRoutes.namespaces.selector.matchLabels': 'map',
};

const ISTIO = 'networking.istio.io';
const GWAPI = 'gateway.networking.k8s.io';

const SHAPES_BY_KIND: Record<string, Record<string, Shape>> = {
  [`${ISTIO}|VirtualService`]: VIRTUAL_SERVICE,
  [`${ISTIO}|Gateway`]: ISTIO_GATEWAY,
  [`${ISTIO}|DestinationRule`]: DESTINATION_RULE,
  [`${ISTIO}|ServiceEntry`]: SERVICE_ENTRY,
  [`${ISTIO}|Sidecar`]: { 'spec.egress': 'object[]', 'spec.egress[].hosts': 'string[]', 'spec.workloadSelector': 'object', 'spec.workloadSelector.labels': 'map' },
  ['telemetry.istio.io|Telemetry']: { 'spec.selector': 'object', 'spec.selector.matchLabels': 'map', 'spec.targetRefs': 'object[]' },
  ['|Pod']: {},
  [`${ISTIO}|EnvoyFilter`]: { 'spec.configPatches': 'object[]' },
  [`${GWAPI}|Gateway`]: GATEWAY_API_GATEWAY,
  [`${GWAPI}|HTTPRoute`]: PARENT_AND_BACKENDS,
  [`${GWAPI}|GRPCRoute`]: PARENT_AND_BACKENDS,
  [`${GWAPI}|TLSRoute`]: PARENT_AND_BACKENDS,
  [`${GWAPI}|TCPRoute`]: PARENT_AND_BACKENDS,
  [`${GWAPI}|UDPRoute`]: PARENT_AND_BACKENDS,
  [`${GWAPI}|ReferenceGrant`]: { 'spec.from': 'object[]', 'spec.to': 'object[]', 'spec.from[].namespace': 'string', 'spec.to[].name': 'string' },
  ['|Service']: { 'spec.ports': 'object[]', 'spec.ports[].port': 'integer', 'spec.ports[].name': 'string', 'spec.selector': 'map', 'spec.type': 'string' },
  ['|Namespace']: {},
  ['|ConfigMap']: { data: 'map' },
  ['apps|Deployment']: { 'spec.replicas': 'integer', 'spec.template': 'object', 'spec.template.metadata': 'object', 'spec.template.metadata.labels': 'map' },
  ['security.istio.io|AuthorizationPolicy']: { 'spec.selector': 'object', 'spec.selector.matchLabels': 'map', 'spec.action': 'string', 'spec.rules': 'object[]' },
  ['security.istio.io|PeerAuthentication']: { 'spec.selector': 'object', 'spec.selector.matchLabels': 'map', 'spec.mtls': 'object', 'spec.mtls.mode': 'string' },
  ['secrets-store.csi.x-k8s.io|SecretProviderClass']: { 'spec.secretObjects': 'object[]', 'spec.secretObjects[].secretName': 'string', 'spec.parameters': 'map' },
};


/** One field whose value has the wrong type. */
export interface ShapeProblem {
  /** The concrete path, for example `spec.servers[0].port.number`. */
  readonly path: string;
  readonly expected: Shape;
  readonly got: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Loops rather than `every(callback)` or `Object.values`: this runs for every field of every object the
// analysis sees, and must not allocate.
function fits(value: unknown, shape: Shape): boolean {
  switch (shape) {
    case 'string': return typeof value === 'string';
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'object': return isRecord(value);
    case 'map': {
      if (!isRecord(value)) return false;
      for (const k in value) if (typeof value[k] !== 'string') return false;
      return true;
    }
    case 'string[]': {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
      return true;
    }
    case 'object[]': {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!isRecord(value[i])) return false;
      return true;
    }
  }
}

/** The shape patterns of one kind as a tree, so an object is walked once, not once per pattern. */
interface ShapeNode {
  /**
   * What the value here must be.
   * @default - anything: only the fields below are checked
   */
  shape?: Shape;
  /** The checked fields below this one, as an array: iterating a Map costs an iterator per visit. */
  readonly fields: ShapeField[];
  /**
   * The node for each element, when patterns go into the list (`a[].b`).
   * @default - the elements are not checked
   */
  elements?: ShapeNode;
}

interface ShapeField {
  readonly key: string;
  readonly node: ShapeNode;
}

const newNode = (): ShapeNode => ({ fields: [] });
function compile(shapes: Record<string, Shape>): ShapeNode {
  const root = newNode();
  for (const [pattern, shape] of Object.entries(shapes)) {
    let node = root;
    for (const segment of pattern.split('.')) {
      const each = segment.endsWith('[]');
      const key = each ? segment.slice(0, -2) : segment;
      let child = node.fields.find(f => f.key === key)?.node;
      if (!child) { child = newNode(); node.fields.push({ key, node: child }); }
      node = child;
      if (each) node = node.elements ??= newNode();
    }
    node.shape = shape;
  }
  return root;
}

// A compiled check per kind decides whether an object is well-formed; `walk` runs only for one that is not, to
// say where. Generated code rather than a walk of the tree: each field read is then a property load at its own
// site, which V8 caches for the one object shape it sees there, where the walk's `value[key]` is one load site
// shared by every field of every kind (about 1.7 times faster over the bench mesh's 37,000 objects, which nearly
// all pass). The code is built from the fixed patterns above, never from input.

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Statements that `return false` unless the value in variable `v` fits `shape` (never null or undefined here). */
function fitsCode(v: string, shape: Shape, fresh: () => string): string {
  const notRecord = (x: string): string => `typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})`;
  switch (shape) {
    case 'string': return `if (typeof ${v} !== 'string') return false;`;
    case 'integer': return `if (typeof ${v} !== 'number' || !Number.isInteger(${v})) return false;`;
    case 'boolean': return `if (typeof ${v} !== 'boolean') return false;`;
    case 'object': return `if (${notRecord(v)}) return false;`;
    case 'map': {
      const k = fresh();
      return `if (${notRecord(v)}) return false; for (const ${k} in ${v}) if (typeof ${v}[${k}] !== 'string') return false;`;
    }
    case 'string[]': {
      const i = fresh();
      return `if (!Array.isArray(${v})) return false; for (let ${i} = 0; ${i} < ${v}.length; ${i}++) if (typeof ${v}[${i}] !== 'string') return false;`;
    }
    case 'object[]': {
      const i = fresh();
      const e = fresh();
      return `if (!Array.isArray(${v})) return false; for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${e} = ${v}[${i}]; if (${notRecord(e)}) return false; }`;
    }
  }
}

/** Statements that `return false` when `walk` would report a problem below the value in variable `v`. */
function nodeCode(node: ShapeNode, v: string, fresh: () => string): string {
  let code = '';
  if (node.fields.length > 0) {
    let fields = '';
    for (const { key, node: child } of node.fields) {
      const c = fresh();
      fields += `const ${c} = ${v}${IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`};`;
      let body = child.shape !== undefined ? fitsCode(c, child.shape, fresh) : '';
      if (child.fields.length > 0 || child.elements) body += nodeCode(child, c, fresh);
      if (body !== '') fields += `if (${c} !== undefined && ${c} !== null) { ${body} }`;
    }
    code += `if (typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v})) { ${fields} }`;
  }
  if (node.elements) {
    const i = fresh();
    const e = fresh();
    code += `if (Array.isArray(${v})) for (let ${i} = 0; ${i} < ${v}.length; ${i}++) { const ${e} = ${v}[${i}]; ${nodeCode(node.elements, e, fresh)} }`;
  }
  return code;
}

/** `(object) => true` exactly when `walk(object, tree)` finds no problem. */
function compileCheck(tree: ShapeNode): (object: unknown) => boolean {
  let n = 0;
  const fresh = (): string => `v${n++}`;
  try {
    return new Function('o', `'use strict'; ${nodeCode(tree, 'o', fresh)} return true;`) as (object: unknown) => boolean;
  } catch {
    // Code generation can be turned off (`node --disallow-code-generation-from-strings`, some sandboxes): the walk decides.
    return object => {
      const problems: ShapeProblem[] = [];
      walk(object, tree, [], problems);
      return problems.length === 0;
    };
  }
}

/** One kind AIM100 checks: its field patterns (with metadata, and spec where the kind has one), as a tree and as a check. */
interface KindShapes {
  readonly group: string;
  readonly kind: string;
  readonly patterns: Readonly<Record<string, Shape>>;
  readonly tree: ShapeNode;
  readonly fits: (object: unknown) => boolean;
}

const KNOWN_KINDS: readonly KindShapes[] = Object.entries(SHAPES_BY_KIND).map(([key, own]) => {
  const bar = key.indexOf('|');
  const kind = key.slice(bar + 1);
  const spec: Record<string, Shape> = kind === 'ConfigMap' || kind === 'Namespace' || kind === 'Pod' ? {} : { spec: 'object' };
  const patterns = { ...METADATA, ...spec, ...own };
  const tree = compile(patterns);
  return { group: key.slice(0, bar), kind, patterns, tree, fits: compileCheck(tree) };
});

/** The known kinds by group, then kind: two lookups of the object's own strings, no key to build per object. */
const BY_GROUP = new Map<string, Map<string, KindShapes>>();
for (const shapes of KNOWN_KINDS) {
  let kinds = BY_GROUP.get(shapes.group);
  if (!kinds) BY_GROUP.set(shapes.group, kinds = new Map());
  kinds.set(shapes.kind, shapes);
}

/**
 * True when `kindShapeProblems` would find nothing: every field AIM100 knows for this group and kind has its
 * type (always true for a kind it does not know). Allocates nothing.
 */
export function kindShapeFits(object: unknown, group: string, kind: string): boolean {
  const shapes = BY_GROUP.get(group)?.get(kind);
  return shapes === undefined || shapes.fits(object);
}

/** Every kind AIM100 knows, with its field patterns, for tests that compare `kindShapeFits` with `kindShapeProblems`. */
export function knownShapes(): readonly Pick<KindShapes, 'group' | 'kind' | 'patterns'>[] {
  return KNOWN_KINDS;
}

/** `spec.servers[0].port` from `['spec', 'servers', 0, 'port']`. */
function pathOf(segments: readonly (string | number)[]): string {
  let path = '';
  for (const s of segments) path = typeof s === 'number' ? `${path}[${s}]` : path === '' ? s : `${path}.${s}`;
  return path;
}

/** Walks `value` along `node`; the path is kept as segments and turned into text only for a problem. */
function walk(value: unknown, node: ShapeNode, segments: (string | number)[], out: ShapeProblem[]): void {
  const fields = node.fields;
  if (fields.length > 0 && isRecord(value)) {
    for (let f = 0; f < fields.length; f++) {
      const { key, node: child } = fields[f];
      const v = value[key];
      if (v === undefined || v === null) continue;
      segments.push(key);
      // A wrong parent is its own problem; its children are not judged.
      if (child.shape !== undefined && !fits(v, child.shape)) out.push({ path: pathOf(segments), expected: child.shape, got: v });
      else if (child.fields.length > 0 || child.elements) walk(v, child, segments, out);
      segments.pop();
    }
  }
  if (node.elements && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      walk(value[i], node.elements, segments, out);
      segments.pop();
    }
  }
}

/**
 * Every field of an object of `group` and `kind` whose value has the wrong type (null counts as absent), appended
 * to `out`; nothing for a kind AIM100 does not know.
 * `segments` is scratch space the caller reuses across objects (empty on entry and on return).
 */
export function kindShapeProblems(object: unknown, group: string, kind: string, segments: (string | number)[], out: ShapeProblem[]): void {
  const shapes = BY_GROUP.get(group)?.get(kind);
  if (shapes !== undefined) walk(object, shapes.tree, segments, out);
}
