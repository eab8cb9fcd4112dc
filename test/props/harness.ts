import * as fs from 'fs';
import { App, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { analyze, errorsOf } from '../../src/analysis/analyze';
import { parseManifests } from '../../src/analysis/yaml-input';
import { MeshChart } from '../../src/k8s/mesh-chart';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { MeshProfileError } from '../../src/mesh/mesh-profile-error';
import { CrdSchemaValidator, crdSchemasAvailable, crdsDir, formatErrors } from '../support/crd-schema';
import { testProfile } from '../support/mesh-chart';

/**
 * Property harness for the constructs: every generated input must end in the library's own
 * validation error (naming the construct path and a field or rule) or in objects that pass the
 * real CRD schemas with CEL and the analysis rules. `PROPS_RUNS` sets the inputs per property
 * (default 200, `npm run test:props` uses 10,000), `PROPS_SEED` the seed, `PROPS_SHRINK=1` stops
 * at the first failure and shrinks it, `PROPS_STATS_FILE` collects the counts for the summary line.
 */

export const RUNS = Number(process.env.PROPS_RUNS ?? 200);
const SEED = Number(process.env.PROPS_SEED ?? 20261126);
const SHRINK = process.env.PROPS_SHRINK === '1';
/** Debugging aid: also keep samples of the library's own errors (the test then fails, listing them). */
const OWN_SAMPLES = process.env.PROPS_OWN_SAMPLES === '1';
const STATS_FILE = process.env.PROPS_STATS_FILE;
const KEEP_EXAMPLES = Number(process.env.PROPS_EXAMPLES ?? 5);

/** What one property run saw. */
export interface PropStats {
  readonly property: string;
  inputs: number;
  ownErrors: number;
  synthesized: number;
  crashes: number;
  invalid: number;
  readonly examples: string[];
}

/** What building one input came to. */
export type Outcome =
  | { readonly kind: 'own-error'; readonly message: string }
  | { readonly kind: 'synthesized'; readonly manifests: Record<string, unknown>[] }
  | { readonly kind: 'crash'; readonly message: string }
  | { readonly kind: 'invalid'; readonly message: string };

const OWN_LINE = /^\[test(\/[^\]]*)?\] /;
const NAMES_FIELD_OR_RULE = /'[^']+'|AIM\d{3}/;

/** True for the library's validation errors: `[construct/path] message` lines that name a field or a rule. */
export function isOwnError(e: unknown): e is Error {
  if (e instanceof MeshProfileError) return true;
  if (!(e instanceof Error) || Object.getPrototypeOf(e) !== Error.prototype) return false;
  const prefix = 'Validation failed with the following errors:\n';
  const lines = e.message.startsWith(prefix) ? e.message.slice(prefix.length).split('\n').map(l => l.trim()) : [e.message];
  return lines.length > 0 && lines.every(l => OWN_LINE.test(l) && NAMES_FIELD_OR_RULE.test(l.replace(OWN_LINE, '')));
}

let validator: CrdSchemaValidator | undefined | null = null;
function schemaValidator(): CrdSchemaValidator | undefined {
  if (validator === null) {
    validator = crdSchemasAvailable() ? CrdSchemaValidator.load() : undefined;
    if (!validator) console.log(`construct properties: schema part skipped: ../shared/crds not found (looked in ${crdsDir()}); still checking "own error or synth"`);
  }
  return validator;
}

/** Builds one chart with `build`, synthesizes it and checks the result. */
export function attempt(build: (chart: MeshChart) => void, profile: MeshProfile, namespace?: string): Outcome {
  let manifests: Record<string, unknown>[];
  try {
    // A plain App: Testing.app() makes a temporary directory per call, too slow for 10,000 runs.
    const chart = new MeshChart(new App({ outdir: '/nonexistent-props-outdir' }), 'test', { profile, namespace });
    build(chart);
    manifests = Testing.synth(chart) as Record<string, unknown>[];
  } catch (e) {
    if (isOwnError(e)) return { kind: 'own-error', message: e.message };
    return { kind: 'crash', message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  let findings;
  try {
    // Read back the YAML the chart writes, as `aks-istio-mesh analyze dist/` would.
    const yaml = manifests.map(m => stringify(m)).join('---\n');
    findings = errorsOf(analyze(parseManifests(yaml, 'props.k8s.yaml'), { profile }));
  } catch (e) {
    return { kind: 'crash', message: `analyze crashed: ${e instanceof Error ? e.stack : String(e)}` };
  }
  // Objects the chart was told exist elsewhere (a Gateway by name) are not in the manifests; only AIM1xx
  // errors that do not depend on such references count here, which synth already ran with full context.
  const standalone = findings.filter(f => !['AIM102', 'AIM106'].includes(f.code));
  if (standalone.length > 0) {
    return { kind: 'invalid', message: `analysis: ${standalone.map(f => `${f.code} ${f.message}`).join('; ')}` };
  }
  const meta = metadataProblems(manifests);
  if (meta.length > 0) return { kind: 'invalid', message: `metadata: ${meta.join('; ')}` };
  const schemas = schemaValidator();
  if (schemas) {
    const errors = schemas.validateAll(manifests);
    if (errors.length > 0) return { kind: 'invalid', message: `schema: ${formatErrors(errors)}` };
  }
  return { kind: 'synthesized', manifests };
}

/** Runs one property: `arbitrary` inputs through `build`, counting outcomes and failing on crashes or invalid YAML. */
export function constructProperty<T>(
  property: string,
  arbitrary: fc.Arbitrary<T>,
  build: (chart: MeshChart, input: T) => void,
  options: { profile?: (input: T) => MeshProfile; namespace?: (input: T) => string | undefined } = {},
): void {
  test(`${property}: every input gives the library's own error or schema-valid YAML`, () => {
    const stats: PropStats = { property, inputs: 0, ownErrors: 0, synthesized: 0, crashes: 0, invalid: 0, examples: [] };
    const defaultProfile = testProfile();
    const runOne = (input: T): boolean => {
      const profile = options.profile ? options.profile(input) : defaultProfile;
      const outcome = attempt(chart => build(chart, input), profile, options.namespace?.(input));
      stats.inputs++;
      switch (outcome.kind) {
        case 'own-error':
          stats.ownErrors++;
          if (OWN_SAMPLES && stats.examples.length < KEEP_EXAMPLES) stats.examples.push(`own: ${outcome.message.slice(0, 300)}\n  input: -`);
          return true;
        case 'synthesized': stats.synthesized++; return true;
        case 'crash': stats.crashes++; break;
        case 'invalid': stats.invalid++; break;
      }
      if (stats.examples.length < KEEP_EXAMPLES) {
        stats.examples.push(`${outcome.kind}: ${outcome.message.slice(0, 1500)}\n  input: ${fc.stringify(input).slice(0, 1500)}`);
      }
      return !SHRINK;
    };
    // Thousands of inputs would print thousands of synth warnings; the property is about errors and output.
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      fc.assert(fc.property(arbitrary, runOne), { numRuns: RUNS, seed: SEED });
    } finally {
      quiet.mockRestore();
    }
    if (STATS_FILE) fs.appendFileSync(STATS_FILE, `${JSON.stringify(stats)}\n`);
    expect(stats.examples).toEqual([]);
    expect(stats.inputs).toBeGreaterThanOrEqual(RUNS);
    // A property whose inputs all fail validation tests nothing; a property that never fails tests no validation.
    expect(stats.synthesized).toBeGreaterThan(0);
    expect(stats.ownErrors).toBeGreaterThan(0);
  }, Math.max(60_000, RUNS * 100));
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function labelKeyOk(key: string): boolean {
  const slash = key.indexOf('/');
  const labelName = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  return labelName.length <= 63 && LABEL_NAME.test(labelName) && (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix)));
}

/**
 * What the API server checks in every object's metadata besides the OpenAPI schema (which the schema
 * test support does not cover): names, namespaces, label keys and values.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
export function metadataProblems(manifests: readonly Record<string, unknown>[]): string[] {
  const problems: string[] = [];
  for (const m of manifests) {
    const metadata = (typeof m.metadata === 'object' && m.metadata !== null ? m.metadata : {}) as Record<string, unknown>;
    const where = `${String(m.kind)} ${String(metadata.name)}`;
    const objectName = metadata.name;
    const nameRule = m.kind === 'Namespace' ? DNS_LABEL : DNS_SUBDOMAIN;
    const nameMax = m.kind === 'Namespace' ? 63 : 253;
    if (typeof objectName !== 'string' || objectName.length > nameMax || !nameRule.test(objectName)) problems.push(`${where}: bad metadata.name`);
    const ns = metadata.namespace;
    if (ns !== undefined && (typeof ns !== 'string' || ns.length > 63 || !DNS_LABEL.test(ns))) problems.push(`${where}: bad metadata.namespace ${JSON.stringify(ns)}`);
    const labels = (metadata.labels ?? {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(labels)) {
      if (!labelKeyOk(k) || typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) problems.push(`${where}: bad label ${JSON.stringify(k)}=${JSON.stringify(v)}`);
    }
    let annotationBytes = 0;
    for (const [k, v] of Object.entries((metadata.annotations ?? {}) as Record<string, unknown>)) {
      if (!labelKeyOk(k)) problems.push(`${where}: bad annotation key ${JSON.stringify(k)}`);
      annotationBytes += Buffer.byteLength(k) + Buffer.byteLength(String(v));
    }
    if (annotationBytes > 256 * 1024) problems.push(`${where}: annotations of ${annotationBytes} bytes`);
  }
  return problems;
}
