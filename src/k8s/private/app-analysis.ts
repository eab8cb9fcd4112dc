import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { analyze } from '../../analysis/analyze';
import { describeObject, Finding, Manifest } from '../../analysis/finding';
import { MeshProfile } from '../../mesh/mesh-profile';
import { collectExternalObjects } from './external-objects';

/** Findings of one App-wide analysis, grouped by the chart that owns the offending object. */
type ByChart = Map<Chart, Finding[]>;

const cache = new WeakMap<IConstruct, ByChart>();

/**
 * The analysis findings for the objects of `chart`, computed once per synth for the whole App.
 *
 * Rules are cross-object and an App's objects live in several charts, so every Chart under the root
 * is analysed together the first time any MeshChart renders; the other charts of the same synchronous
 * `app.synth()` reuse the result. The cache is dropped in a microtask, so the next synth (after the
 * caller changed the tree) analyses afresh. Objects are rendered with `ApiObject.toJson()`, never
 * `Chart.toJson()`, so no chart's synth calls another's.
 */
export function findingsFor(chart: Chart, profileOf: (c: Chart) => MeshProfile | undefined): Finding[] {
  const root = chart.node.root;
  let byChart = cache.get(root);
  if (!byChart) {
    byChart = analyzeApp(root, profileOf);
    cache.set(root, byChart);
    queueMicrotask(() => cache.delete(root));
  }
  return byChart.get(chart) ?? [];
}

function analyzeApp(root: IConstruct, profileOf: (c: Chart) => MeshProfile | undefined): ByChart {
  const charts = root.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  const owner = new Map<string, Chart>();
  const manifests: Manifest[] = [];
  const profiles = new Map<MeshProfile | undefined, Set<Chart>>();
  for (const chart of charts) {
    const profile = profileOf(chart);
    profiles.set(profile, (profiles.get(profile) ?? new Set()).add(chart));
    // Objects of nested charts belong to the nested chart.
    for (const c of chart.node.findAll()) {
      if (!ApiObject.isApiObject(c) || Chart.of(c) !== chart) continue;
      manifests.push({ object: c.toJson() as Record<string, unknown>, constructPath: c.node.path });
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
  return byChart;
}

/** `[construct path] AIM102 message (fix: ...)` */
export function formatFinding(finding: Finding): string {
  return `[${finding.constructPath ?? describeObject(finding.object)}] ${finding.code}: ${finding.message} (fix: ${finding.fix})`;
}
