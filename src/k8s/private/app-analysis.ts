import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { analyze } from '../../analysis/analyze';
import { describeObject, Finding, Manifest, Severity } from '../../analysis/finding';
import { MeshProfile } from '../../mesh/mesh-profile';
import { collectExternalObjects } from './external-objects';
import { meshProfileOf } from './mesh-chart-brand';
import { forgetTreeIndex } from './tree-index';
import { collectWarnings } from './warnings';

/** Findings of one App-wide analysis, grouped by the chart that owns the offending object. */
type ByChart = Map<Chart, Finding[]>;

/** What one synth of an App has computed so far. */
interface SynthState {
  readonly byChart: ByChart;
  /** Every object as `ApiObject.toJson()` rendered it for the analysis. */
  readonly rendered: Map<ApiObject, Record<string, unknown>>;
  /** Whether cdk8s has already resolved the App's dependencies and validated it in this synth. */
  prepared: boolean;
}

const cache = new WeakMap<IConstruct, SynthState>();

/**
 * The analysis findings for the objects of `chart`, computed once per synth for the whole App.
 *
 * Rules are cross-object and an App's objects live in several charts, so every Chart under the root
 * is analysed together the first time a MeshChart or MeshApp renders; the other charts of the same synchronous
 * `app.synth()` reuse the result. The cache is dropped in a microtask, so the next synth (after the
 * caller changed the tree) analyses afresh. Objects are rendered with `ApiObject.toJson()`, never
 * `Chart.toJson()`, so no chart's synth calls another's.
 */
export function findingsFor(chart: Chart): Finding[] {
  return stateOf(chart).byChart.get(chart) ?? [];
}

/** What a mesh chart reports at synth: its analysis errors, and its profile, construct and analysis warnings. */
export function meshChartReport(chart: Chart, profile: MeshProfile): { errors: string[]; warnings: string[] } {
  const findings = findingsFor(chart);
  return {
    errors: findings.filter(f => f.severity === Severity.ERROR).map(formatFinding),
    warnings: [
      ...profile.warnings.map(w => `mesh profile: ${w}`),
      ...collectWarnings(chart),
      ...findings.filter(f => f.severity === Severity.WARNING).map(formatFinding),
    ],
  };
}

/** The validation errors of `constructs`, as `[path] message`. */
export function validationErrors(constructs: readonly IConstruct[]): string[] {
  const errors: string[] = [];
  for (const c of constructs) {
    for (const message of c.node.validate()) errors.push(`[${c.node.path}] ${message}`);
  }
  return errors;
}

/** Throws cdk8s's validation error (same wording as `App.synth`) when there are errors. */
export function throwIfErrors(errors: readonly string[]): void {
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * Starts a new synth of the app `root`: forgets the analysis and tree index of an earlier synth in the
 * same synchronous block, so changes made to the tree since then are seen.
 */
export function startSynth(root: IConstruct): void {
  cache.delete(root);
  forgetTreeIndex(root);
}

/** `object.toJson()`, reusing the rendering the analysis of this synth already made. */
export function renderedJson(object: ApiObject): Record<string, unknown> {
  return stateOf(object).rendered.get(object) ?? object.toJson() as Record<string, unknown>;
}

function stateOf(scope: IConstruct): SynthState {
  const root = scope.node.root;
  let state = cache.get(root);
  if (!state) {
    state = analyzeApp(root);
    cache.set(root, state);
    queueMicrotask(() => cache.delete(root));
  }
  return state;
}

/**
 * The objects of `chart` in the order and form `Chart.toJson()` returns them, without repeating
 * App-wide work within one synth.
 *
 * cdk8s's `Chart.toJson()` resolves the whole App's dependencies and validates the whole App for
 * every chart, which makes a synth quadratic in the number of charts, and renders each object again
 * after the analysis has rendered it. The first chart of a synth still goes through `synthAlone`
 * (cdk8s's own path); the others reuse its App-wide preparation and the analysis's rendering.
 */
export function synthChart(chart: Chart, synthAlone: () => Record<string, unknown>[]): Record<string, unknown>[] {
  const state = stateOf(chart);
  if (!state.prepared) {
    const objects = synthAlone();
    state.prepared = true;
    return objects;
  }
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart)
    .map(renderedJson);
}

function analyzeApp(root: IConstruct): SynthState {
  const charts = root.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  const owner = new Map<string, Chart>();
  const manifests: Manifest[] = [];
  const rendered = new Map<ApiObject, Record<string, unknown>>();
  const profiles = new Map<MeshProfile | undefined, Set<Chart>>();
  for (const chart of charts) {
    const profile = meshProfileOf(chart);
    profiles.set(profile, (profiles.get(profile) ?? new Set()).add(chart));
    // Objects of nested charts belong to the nested chart.
    for (const c of chart.node.findAll()) {
      if (!ApiObject.isApiObject(c) || Chart.of(c) !== chart) continue;
      const object = c.toJson() as Record<string, unknown>;
      rendered.set(c, object);
      manifests.push({ object, constructPath: c.node.path });
      owner.set(c.node.path, chart);
    }
  }
  const externalObjects = collectExternalObjects(root);
  const byChart: ByChart = new Map();
  // One run per distinct profile (usually one), each reporting only on the charts built for it.
  const meshProfiles = [...profiles.keys()].filter((p): p is MeshProfile => p !== undefined);
  for (const profile of meshProfiles.length > 0 ? meshProfiles : [undefined]) {
    const charts = profiles.get(profile) ?? new Set<Chart>();
    for (const finding of analyze(manifests, { profile, externalObjects })) {
      const chart = owner.get(finding.constructPath ?? '');
      if (!chart || (meshProfiles.length > 0 && !charts.has(chart))) continue;
      const list = byChart.get(chart);
      if (list) list.push(finding); else byChart.set(chart, [finding]);
    }
  }
  return { byChart, rendered, prepared: false };
}

/** `[construct path] AIM102 message (fix: ...)` */
export function formatFinding(finding: Finding): string {
  return `[${finding.constructPath ?? describeObject(finding.object)}] ${finding.code}: ${finding.message} (fix: ${finding.fix})`;
}
