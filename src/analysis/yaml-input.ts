import { isMap, isNode, isSeq, Lexer, LineCounter, parseAllDocuments } from 'yaml';
import { Manifest } from './finding';
import { isClusterScoped } from './private/cluster-scoped';
import { JsonRecord, rec } from './private/json';

/** YAML that does not parse, with the file and line of the first problem. */
export class ManifestParseError extends Error {
  public constructor(public readonly file: string, public readonly line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ManifestParseError';
  }
}

/** Options for `parseManifests`. */
export interface ParseManifestsOptions {
  /**
   * Namespace given to objects that set none, as `kubectl apply -n NAMESPACE` would; cluster-scoped kinds
   * (Namespace, GatewayClass, ClusterRole, ...) never get one.
   * @default - none: objects without a namespace keep none (as cdk8s synthesizes them)
   */
  readonly defaultNamespace?: string;
}

/**
 * The longest single token (scalar, key or comment) accepted, in characters. The API server refuses requests
 * over 3 MiB (`Request entity too large: limit is 3145728`; etcd stores at most 1.5 MiB per object), so a longer
 * value cannot belong to an object anyone can apply; refusing it before composing keeps a 50 MB quoted string
 * from costing gigabytes.
 *
 * @see https://github.com/kubernetes/kubernetes/issues/88968
 */
export const MAX_VALUE_CHARS = 3 * 1024 * 1024;

/** How many alias expansions one document may make (yaml's own default, named so the message can say it). */
const MAX_ALIAS_COUNT = 100;

/** Lexer tokens that mark structure without standing for source text. */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * Parses multi-document YAML (or JSON) into manifests, remembering each object's file and line.
 *
 * Empty documents and comment-only documents are skipped. `List` objects (`kind: List`, as
 * `kubectl get -o yaml` writes) are expanded into their items, each with its own line.
 * A document that is a scalar or a sequence is not a Kubernetes object and is refused, as kubectl refuses it.
 * A JSON text that is a mapping without apiVersion/kind (package.json, a lockfile) is read with `JSON.parse`,
 * with the same result as the YAML parser's and a fraction of its time.
 *
 * @throws ManifestParseError naming the file and line when the YAML does not parse, is nested too deeply (flow
 * nesting over 256 levels is refused before parsing),
 * expands too many aliases (a "billion laughs" bomb), holds a value over `MAX_VALUE_CHARS`, or is not a mapping
 * @see https://eemeli.org/yaml/#parsing-documents
 * @see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/
 */
export function parseManifests(text: string, file: string, options: ParseManifestsOptions = {}): Manifest[] {
  // `analyze .` at a repository root meets package.json, tsconfig.json and a lockfile of hundreds of KB (or MB);
  // parsing those with positions cost most of the run, and a mapping without apiVersion/kind never needs a line
  // beyond its first. JSON.parse decides them; everything else (and anything the YAML parser might read
  // differently) goes on to the YAML path.
  const json = readJson(text);
  if (json?.plain) return [{ object: withNamespace(json.plain, options.defaultNamespace), file, line: json.line }];
  refuseBeforeParsing(text, file, json);
  const lineCounter = new LineCounter();
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  } catch (e) {
    throw new ManifestParseError(file, 1, describeParserFailure(e));
  }
  const out: Manifest[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error) {
      const detail = error.message.split('\n')[0];
      throw new ManifestParseError(file, lineOf(error.pos[0]), /call stack/i.test(detail) ? tooDeep() : detail);
    }
    const contents = doc.contents;
    if (contents === null) continue;
    const line = contents.range ? lineOf(contents.range[0]) : 1;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new ManifestParseError(file, line, describeParserFailure(e));
    }
    if (value === null || value === undefined) continue;
    const object = rec(value);
    if (!object) {
      throw new ManifestParseError(file, line, `the document is ${Array.isArray(value) ? 'a sequence' : `a ${typeof value} scalar`}, not a Kubernetes object (a mapping with apiVersion and kind); put several objects in a "kind: List" or separate them with ---`);
    }
    if (object.kind === 'List' && Array.isArray(object.items)) {
      const itemNodes = isMap(contents) ? contents.get('items', true) : undefined;
      object.items.forEach((item: unknown, i: number) => {
        const node: unknown = isSeq(itemNodes) ? itemNodes.items[i] : undefined;
        const itemLine = isNode(node) && node.range ? lineOf(node.range[0]) : line;
        const r = rec(item);
        if (!r) throw new ManifestParseError(file, itemLine, `item ${i} of the List is ${Array.isArray(item) ? 'a sequence' : item === null ? 'null' : `a ${typeof item}`}, not a Kubernetes object`);
        out.push({ object: withNamespace(r, options.defaultNamespace), file, line: itemLine });
      });
    } else {
      out.push({ object: withNamespace(object, options.defaultNamespace), file, line });
    }
  }
  return out;
}

/**
 * Deepest JSON nesting the fast path takes: far below `MAX_FLOW_DEPTH`, and deeper than any package.json or lockfile.
 */
const MAX_PLAIN_JSON_DEPTH = 64;

/**
 * Deepest flow nesting (`[ ]` and `{ }`) read. The YAML parser recurses per level and overflows the stack at about
 * 650 levels; an overflow can abort the whole process in V8's regexp compiler ("RegExpCompiler Allocation failed",
 * exit 134) instead of throwing, for example with two deep documents in one file, so deeper nesting is refused
 * before parsing. No Kubernetes object comes near it.
 */
const MAX_FLOW_DEPTH = 256;

/** What a JSON text holds, read without the YAML parser. */
interface JsonReading {
  /**
   * The document, when JSON.parse may stand for the YAML path: a mapping that is neither a Kubernetes object
   * (string apiVersion and kind) nor a List, which the YAML parser would read to the same value.
   */
  readonly plain?: JsonRecord;
  /** The line of the opening brace. */
  readonly line: number;
  /** Offset of the first `[` or `{` nested deeper than `MAX_FLOW_DEPTH`, or -1. */
  readonly tooDeepAt: number;
}

/**
 * Reads a text that is JSON (a mapping at the top) the way the YAML parser would, or returns undefined when it is
 * not JSON or the YAML parser might read it differently.
 *
 * Every JSON text is YAML, and the YAML parser builds the same value from it, except for what this leaves to the
 * YAML path: duplicate keys (YAML refuses them, JSON.parse keeps the last: the colons outside strings must match the
 * keys parsed), a carriage return not followed by a line feed (not a line break to the YAML parser), a stretch
 * between two of `{}[]:,` (outside strings) longer than `MAX_VALUE_CHARS` (the YAML lexer may measure it as one
 * value), and anything JSON.parse rejects; `plain` is left out, too, for nesting deeper than `MAX_PLAIN_JSON_DEPTH`,
 * so that counting its keys recurses little. For the JSON it returns, the nesting it counts is the YAML flow nesting,
 * so `refuseBeforeParsing` needs no lexer. `test/analysis/yaml-input-json.test.ts` checks the equivalence on
 * random JSON.
 *
 * @see https://yaml.org/spec/1.2.2/#chapter-1-introduction-to-yaml (YAML 1.2 is a superset of JSON)
 */
function readJson(text: string): JsonReading | undefined {
  let start = 0;
  let line = 1;
  for (; start < text.length; start++) {
    const c = text.charCodeAt(start);
    if (c === 0x0a) line++;
    else if (c === 0x0d && text.charCodeAt(start + 1) !== 0x0a) return undefined;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
  }
  if (text.charCodeAt(start) !== 0x7b /* { */ || start > MAX_VALUE_CHARS) return undefined;
  let colons = 0;
  let depth = 0;
  let maxDepth = 0;
  let tooDeepAt = -1;
  let lastMark = start;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x3a || c === 0x2c /* {}[]:, */) {
      if (i - lastMark > MAX_VALUE_CHARS) return undefined;
      lastMark = i;
    }
    if (c === 0x22 /* " */) {
      // Skip the string; an unterminated one is invalid JSON, which JSON.parse rejects below.
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x3a /* : */) {
      colons++;
    } else if (c === 0x7b || c === 0x5b /* [ */) {
      if (++depth > maxDepth) maxDepth = depth;
      if (depth > MAX_FLOW_DEPTH && tooDeepAt < 0) tooDeepAt = i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) {
      return undefined;
    }
  }
  if (text.length - lastMark > MAX_VALUE_CHARS) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const object = rec(value);
  if (!object || maxDepth > MAX_PLAIN_JSON_DEPTH) return { line, tooDeepAt };
  if (typeof object.kind === 'string' && (typeof object.apiVersion === 'string' || object.kind === 'List')) return { line, tooDeepAt };
  return countKeys(object) === colons ? { plain: object, line, tooDeepAt } : { line, tooDeepAt };
}

/** How many keys the mappings in a parsed JSON value hold, all levels together (the depth is bounded already). */
function countKeys(value: unknown): number {
  if (Array.isArray(value)) {
    let n = 0;
    for (const item of value) n += countKeys(item);
    return n;
  }
  const object = rec(value);
  if (!object) return 0;
  const keys = Object.keys(object);
  let n = keys.length;
  for (const key of keys) n += countKeys(object[key]);
  return n;
}

/** The object with `metadata.namespace` set as kubectl would set it, or the object itself when nothing changes. */
function withNamespace(object: JsonRecord, namespace: string | undefined): JsonRecord {
  if (namespace === undefined) return object;
  const metadata = rec(object.metadata);
  if (!metadata || metadata.namespace !== undefined) return object;
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return object;
  if (isClusterScoped(object.apiVersion, object.kind)) return object;
  return { ...object, metadata: { ...metadata, namespace } };
}

/**
 * Refuses, before the YAML parser sees them, a single token longer than `MAX_VALUE_CHARS` (before the composer
 * spends memory on it) and flow nesting deeper than `MAX_FLOW_DEPTH` (before the parser overflows the stack).
 * JSON that `readJson` read has short tokens and a counted depth; other text is lexed only when it is longer than
 * `MAX_VALUE_CHARS` or holds more than `MAX_FLOW_DEPTH` opening brackets.
 */
function refuseBeforeParsing(text: string, file: string, json: JsonReading | undefined): void {
  if (json) {
    if (json.tooDeepAt >= 0) throw new ManifestParseError(file, countLines(text, json.tooDeepAt), tooDeepFlow());
    return;
  }
  if (text.length <= MAX_VALUE_CHARS && !hasMoreOpenBrackets(text, MAX_FLOW_DEPTH)) return;
  let offset = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.length > MAX_VALUE_CHARS) {
      const line = countLines(text, offset);
      const mib = (token.length / 1024 / 1024).toFixed(1);
      throw new ManifestParseError(file, line, `a single value of ${mib} MiB; the Kubernetes API server accepts at most 3 MiB per object, so this cannot be applied (values are limited to ${MAX_VALUE_CHARS} characters)`);
    }
    // The lexer gives flow indicators tokens of their own; brackets inside scalars and comments are part of theirs.
    if (token === '[' || token === '{') {
      if (++depth > MAX_FLOW_DEPTH) throw new ManifestParseError(file, countLines(text, offset), tooDeepFlow());
    } else if ((token === ']' || token === '}') && depth > 0) {
      depth--;
    }
    if (!CONTROL_TOKENS.has(token)) offset += token.length;
  }
}

/** Whether `text` holds more than `n` of `[` and `{`: if not, its flow nesting cannot be deeper than `n`. */
function hasMoreOpenBrackets(text: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 0x5b || c === 0x7b) && ++count > n) return true;
  }
  return false;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function tooDeepFlow(): string {
  return `nested too deeply to read (more than ${MAX_FLOW_DEPTH} levels of [ ] and { }); Kubernetes objects are never nested this deep`;
}

function tooDeep(): string {
  return 'nested too deeply to read (Maximum call stack size exceeded); Kubernetes objects are never nested this deep';
}

/** A parser failure in words: stack overflows and alias bombs are input problems, not crashes. */
function describeParserFailure(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return tooDeep();
  const message = e instanceof Error ? e.message : String(e);
  if (/alias count/i.test(message)) {
    return `too many alias expansions (more than ${MAX_ALIAS_COUNT}): a YAML "billion laughs" bomb, or anchors that no Kubernetes object needs; expand the aliases by hand`;
  }
  throw e;
}
