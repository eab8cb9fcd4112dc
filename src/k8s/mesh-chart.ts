import { Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { MeshProfile } from '../mesh/mesh-profile';
import { meshChartReport, synthChart, throwIfErrors, validationErrors } from './private/app-analysis';
import { hasMeshChartBrand, MESH_CHART_BRAND } from './private/mesh-chart-brand';
import { checkNamespaceName } from './private/validation';
import { printOnce } from './private/warnings';

/** Props for `MeshChart`. */
export interface MeshChartProps extends ChartProps {
  /** The mesh every construct in this chart is built for. */
  readonly profile: MeshProfile;
}

/**
 * A cdk8s Chart that knows its mesh profile.
 *
 * Constructs inside it read AKS names, enabled gateways and revisions from the profile. On synth
 * (`app.synth()`, `cdk8s synth`, and `Testing.synth(chart)` alike) it runs the constructs'
 * validations and the mesh analysis rules (src/analysis, over every chart of the App together),
 * failing with each offending construct's path and rule code, and prints warnings once.
 */
export class MeshChart extends Chart {
  /** True for a `MeshChart`, also across copies of this library. */
  public static isMeshChart(x: unknown): x is MeshChart {
    return hasMeshChartBrand(x);
  }

  // cdk8s's Chart answers `instanceof` for every chart; narrow it to mesh charts.
  public static override [Symbol.hasInstance](x: unknown): x is MeshChart {
    return MeshChart.isMeshChart(x);
  }

  /** The nearest `MeshChart` above `scope`. */
  public static override of(scope: IConstruct): MeshChart {
    const found = scope.node.scopes.slice().reverse().find(MeshChart.isMeshChart);
    if (!found) {
      throw new Error(`[${scope.node.path}] must be created inside a MeshChart: it reads the AKS mesh profile from it `
        + '(new MeshChart(app, id, { profile }))');
    }
    return found;
  }

  public readonly profile: MeshProfile;

  public constructor(scope: Construct, id: string, props: MeshChartProps) {
    super(scope, id, props);
    Object.defineProperty(this, MESH_CHART_BRAND, { value: true });
    checkNamespaceName(this, 'namespace', props.namespace);
    this.profile = props.profile;
  }

  /** Validates this chart's constructs, then renders its objects. */
  public override toJson(): Record<string, unknown>[] {
    const report = meshChartReport(this, this.profile);
    throwIfErrors([...validationErrors(this.node.findAll()), ...report.errors]);
    printOnce(report.warnings);
    return synthChart(this, () => super.toJson());
  }
}
