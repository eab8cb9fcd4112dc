import { readFileSync } from 'node:fs';
import { MeshProfile } from '../mesh/mesh-profile';
import { analyze } from './analyze';
import { Manifest, Severity } from './finding';
import { parseManifests } from './yaml-input';

/** The part of cdk8s-cli's `ValidationContext` the plugin uses (cdk8s-cli is a dev tool, not a dependency). */
export interface Cdk8sValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      ruleName: string;
      recommendation: string;
      fix: string;
      violatingResources: { resourceName: string; locations: string[]; manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
}

/** `properties:` of the plugin entry in cdk8s.yaml. */
export interface MeshAnalysisValidationProps {
  /**
   * Path of a mesh profile JSON file (as `MeshProfile.toJson()` writes it).
   * @default - the AKS defaults (both managed ingress gateways, no egress gateways)
   */
  readonly profile?: string;
  /**
   * Fail the validation on warnings too.
   * @default false
   */
  readonly strict?: boolean;
}

/**
 * The mesh analysis rules as a cdk8s validation plugin, so `cdk8s synth` lists findings in its own report.
 *
 * cdk8s.yaml:
 * ```yaml
 * validations:
 *   - package: ./node_modules/aks-istio-mesh/cdk8s-validation.js
 *     version: 0.1.0
 *     class: MeshAnalysisValidation
 * ```
 *
 * @see https://cdk8s.io/docs/latest/cli/synth/#validation-plugins
 */
export class MeshAnalysisValidation {
  private readonly props: MeshAnalysisValidationProps;

  public constructor(props: MeshAnalysisValidationProps = {}) {
    this.props = props;
  }

  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const profile = this.props.profile !== undefined
      ? MeshProfile.fromJson(JSON.parse(readFileSync(this.props.profile, 'utf8')))
      : undefined;
    const manifests: Manifest[] = context.manifests.flatMap(file => parseManifests(readFileSync(file, 'utf8'), file));
    const findings = analyze(manifests, { profile });
    for (const f of findings) {
      context.report.addViolation({
        ruleName: `${f.code} (${f.severity})`,
        recommendation: f.message,
        fix: f.fix,
        violatingResources: [{ resourceName: f.object.name, locations: [`${f.object.kind}${f.line !== undefined ? ` at line ${f.line}` : ''}`], manifestPath: f.file ?? '' }],
      });
    }
    const failing = findings.some(f => f.severity === Severity.ERROR || this.props.strict === true);
    context.report.submit(failing ? 'failure' : 'success', { findings: String(findings.length) });
  }
}
