import { ALL_RULES } from './all-rules';
import { Finding, Manifest, Severity } from './finding';
import { ManifestIndex } from './manifest-index';
import { MeshRule, RuleContext } from './rule';

/** Options for `analyze`. */
export interface AnalyzeOptions extends RuleContext {
  /**
   * The rules to run.
   * @default ALL_RULES
   */
  readonly rules?: readonly MeshRule[];
}

/**
 * Runs the mesh analysis rules over a set of plain manifest objects.
 *
 * The objects are indexed once; each rule then runs in time linear in the number of objects.
 * Findings come out sorted by file, line and code (findings on objects read from files, in that order, after
 * those on in-memory objects, which stay in code order, then input order), so the same input always gives the
 * same output.
 *
 * @see https://istio.io/latest/docs/reference/config/analysis/
 */
export function analyze(manifests: readonly Manifest[], options: AnalyzeOptions = {}): Finding[] {
  const index = new ManifestIndex(manifests);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    for (const v of rule.check(index, options)) {
      const source = v.target.manifest;
      findings.push({
        code: rule.code,
        severity: v.severity ?? rule.severity,
        message: v.message,
        fix: v.fix ?? rule.fix,
        object: v.target.ref,
        ...(rule.istioCode !== undefined ? { istioCode: rule.istioCode } : {}),
        ...(rule.docs !== undefined ? { docs: rule.docs } : {}),
        ...(source.file !== undefined ? { file: source.file } : {}),
        ...(source.line !== undefined ? { line: source.line } : {}),
        ...(source.constructPath !== undefined ? { constructPath: source.constructPath } : {}),
      });
    }
  }
  // Array.prototype.sort is stable: equal keys keep rule order, then input order.
  return findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  if (a.file !== b.file) {
    if (a.file === undefined) return -1;
    if (b.file === undefined) return 1;
    return a.file < b.file ? -1 : 1;
  }
  const line = (a.line ?? 0) - (b.line ?? 0);
  if (line !== 0) return line;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The findings that are errors. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter(f => f.severity === Severity.ERROR);
}

/** The findings that are warnings. */
export function warningsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter(f => f.severity === Severity.WARNING);
}
