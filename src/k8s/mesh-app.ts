import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { MeshChart } from './mesh-chart';
import { writeKustomization } from './private/kustomization';
import { meshChartReport, renderedJson, startSynth, throwIfErrors, validationErrors } from './private/app-analysis';
import { stringifyManifests } from './private/manifest-yaml';
import { printOnce } from './private/warnings';

/** Options for {@link MeshApp}. */
export interface MeshAppProps extends AppProps {
  /**
   * Write `kustomization.yaml` into `outdir` after the manifests: every manifest file of the folder, with the files
   * that create a Namespace (or a CRD) before the files that use it, so `kubectl apply -k` and Flux apply the folder as is.
   * Turn it off for `cdk8s synth --stdout` or `--format helm`, which would treat it as a manifest.
   * @default true
   * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
   */
  readonly kustomization?: boolean;
}

/** Objects of one chart, rendered, in the order cdk8s writes them. */
interface ChartOutput {
  readonly chart: Chart;
  readonly objects: Record<string, unknown>[];
}

/**
 * A cdk8s `App` that synthesizes mesh charts in one pass: the same files, byte for byte, about twice as fast.
 *
 * `App.synth()` resolves dependencies, validates and renders the whole app once per chart and writes every
 * object with the `yaml` package. `MeshApp` validates and analyses the app once, renders every object once
 * (the rendering the analysis made), and writes plain documents with js-yaml where its output is provably
 * identical (see `stringifyManifests`). Apps it cannot take this path for fall back to cdk8s's own `synth()`,
 * with the same result: constructs with `addDependency` or nested charts, a chart class with its own
 * `toJson()`, `yamlOutputType` FILE_PER_RESOURCE or FOLDER_PER_CHART_FILE_PER_RESOURCE,
 * `recordConstructMetadata`, and validations or lazy values that add constructs during synth.
 *
 * After the manifests it writes `kustomization.yaml` listing them in apply order (see `MeshAppProps.kustomization`).
 *
 * On failure it differs on purpose: it reports the construct validation errors and the analysis errors of
 * all charts in one error and writes no file, where `App.synth()` stops at the first failing chart after
 * writing the files of the charts before it.
 *
 * @example
 * const app = new MeshApp();
 * new MeshChart(app, 'mesh', { profile });
 * app.synth();
 */
export class MeshApp extends App {
  private readonly recordsConstructMetadata: boolean;
  private readonly writesKustomization: boolean;

  public constructor(props: MeshAppProps = {}) {
    super(props);
    this.writesKustomization = props.kustomization ?? true;
    // App keeps this private; the default mirrors App's own.
    this.recordsConstructMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /** Writes one YAML file per chart (or one per app) to `outdir`, as `App.synth()` does, then `kustomization.yaml`. */
  public override synth(): void {
    const written = this.synthFiles();
    if (this.writesKustomization) printOnce(writeKustomization(this.outdir, this.outputFileExtension, written));
  }

  /** The objects of each file written, by file name; empty when cdk8s's own synth wrote them. */
  private synthFiles(): Map<string, readonly unknown[]> {
    startSynth(this);
    const written = new Map<string, readonly unknown[]>();
    const fastOutput = this.yamlOutputType === YamlOutputType.FILE_PER_CHART || this.yamlOutputType === YamlOutputType.FILE_PER_APP;
    const outputs = fastOutput && !this.recordsConstructMetadata ? this.synthCharts() : undefined;
    if (!outputs) {
      super.synth();
      return written;
    }
    fs.mkdirSync(this.outdir, { recursive: true });
    if (this.yamlOutputType === YamlOutputType.FILE_PER_APP) {
      if (outputs.length > 0) this.write('app', outputs.flatMap(o => o.objects), written);
      return written;
    }
    for (const { chart, objects } of outputs) this.write(Names.toDnsLabel(chart), objects, written);
    return written;
  }

  /** All objects of all charts as one multi-document YAML string, as `App.synthYaml()` returns it. */
  public override synthYaml(): string {
    startSynth(this);
    const outputs = this.synthCharts();
    return outputs ? stringifyManifests(outputs.flatMap(o => o.objects)) : super.synthYaml();
  }

  private write(name: string, objects: readonly unknown[], written: Map<string, readonly unknown[]>): void {
    fs.writeFileSync(path.join(this.outdir, `${name}${this.outputFileExtension}`), stringifyManifests(objects), { encoding: 'utf8' });
    written.set(`${name}${this.outputFileExtension}`, objects);
  }

  /**
   * Validates, analyses and renders every chart once; undefined when the app needs cdk8s's own synth
   * (see the class documentation), also when a validation or a rendering added constructs or dependencies.
   */
  private synthCharts(): ChartOutput[] | undefined {
    const validated = this.node.findAll();
    if (!rendersLikeCdk8s(validated)) return undefined;
    const errors = validationErrors(validated);
    // cdk8s reads the tree after validating it; a validation may have added to it.
    const constructs = this.node.findAll();
    if (constructs.length !== validated.length || !rendersLikeCdk8s(constructs)) return undefined;
    const charts = chartsInCdk8sOrder(constructs);

    const warnings: string[] = [];
    for (const chart of charts) {
      if (!MeshChart.isMeshChart(chart)) continue;
      const report = meshChartReport(chart, chart.profile);
      errors.push(...report.errors);
      warnings.push(...report.warnings);
    }
    throwIfErrors(errors);
    printOnce(warnings);

    const objects = new Map<Chart, Record<string, unknown>[]>(charts.map(c => [c, []]));
    for (const c of constructs) {
      if (ApiObject.isApiObject(c)) objects.get(Chart.of(c))!.push(renderedJson(c));
    }
    // A lazy value that created constructs while rendering: only cdk8s's chart-by-chart synth picks them up.
    if (this.node.findAll().length !== constructs.length) return undefined;
    return charts.map(chart => ({ chart, objects: objects.get(chart)! }));
  }
}

/**
 * True when cdk8s would write the objects of each chart in tree order: no dependencies to sort by, no
 * nested charts (cdk8s turns those into dependencies), every chart rendered by `Chart.toJson()` or `MeshChart.toJson()`.
 */
function rendersLikeCdk8s(constructs: readonly IConstruct[]): boolean {
  for (const c of constructs) {
    if (c.node.dependencies.length > 0) return false;
    if (!Chart.isChart(c)) continue;
    if (c.node.scopes.slice(0, -1).some(s => Chart.isChart(s))) return false;
    if (c.toJson !== Chart.prototype.toJson && c.toJson !== MeshChart.prototype.toJson) return false;
  }
  return true;
}

/**
 * The charts in `App.charts` order. With no dependencies that is the order of a map keyed by construct
 * path: tree order, except that array-index-like paths (top-level ids such as `2`) come first.
 */
function chartsInCdk8sOrder(constructs: readonly IConstruct[]): Chart[] {
  const byPath: Record<string, Chart> = {};
  for (const c of constructs) if (Chart.isChart(c)) byPath[c.node.path] = c;
  return Object.values(byPath);
}
