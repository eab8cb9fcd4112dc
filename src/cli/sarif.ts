import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeObject, Finding } from '../analysis/finding';
import { MeshRule } from '../analysis/rule';

/** Where the SARIF 2.1.0 JSON schema is published; written into the log so viewers and validators find it. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Tool identity written into the log. */
export interface SarifTool {
  readonly name: string;
  readonly version: string;
  /**
   * The tool's home page.
   * @default - none
   */
  readonly informationUri?: string;
}

/**
 * Findings as a SARIF 2.1.0 log (one run), the format GitHub code scanning and other CI viewers read.
 *
 * Every rule that ran is listed in `tool.driver.rules` with its explanation and fix as help text and its docs
 * page as `helpUri`; each result names its rule, level, file (a URI relative to the working directory when the
 * path was relative) and start line, and the object as a logical location.
 *
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 * @see https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
export function toSarif(findings: readonly Finding[], rules: readonly MeshRule[], tool: SarifTool): Record<string, unknown> {
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          ...(tool.informationUri !== undefined ? { informationUri: tool.informationUri } : {}),
          rules: rules.map(sarifRule),
        },
      },
      results: findings.map(f => sarifResult(f, ruleIndex.get(f.code))),
    }],
  };
}

function sarifLevel(severity: string): string {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end >= 0 ? text.slice(0, end + 1) : text;
}

function sarifRule(rule: MeshRule): Record<string, unknown> {
  const upstream = rule.istioCode !== undefined ? `\n\nistioctl analyze code: ${rule.istioCode}` : '';
  const help = `${rule.explanation}\n\nFix: ${rule.fix}${upstream}`;
  return {
    id: rule.code,
    shortDescription: { text: firstSentence(rule.explanation) },
    fullDescription: { text: rule.explanation },
    help: { text: help, markdown: help },
    ...(rule.docs !== undefined ? { helpUri: rule.docs } : {}),
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ['istio', 'aks'],
      ...(rule.istioCode !== undefined ? { istioCode: rule.istioCode } : {}),
    },
  };
}

/** A path as a SARIF artifact URI: relative paths stay relative (so code scanning maps them onto the repository). */
function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).map(encodeURIComponent).join('/');
}

function sarifResult(f: Finding, index: number | undefined): Record<string, unknown> {
  const logical = { name: f.object.name, fullyQualifiedName: describeObject(f.object), kind: 'resource' };
  // Standard input has no artifact to point at: the object alone locates the finding.
  const physical = f.file !== undefined && f.file !== '<stdin>'
    ? { physicalLocation: { artifactLocation: { uri: artifactUri(f.file) }, ...(f.line !== undefined ? { region: { startLine: f.line } } : {}) } }
    : {};
  return {
    ruleId: f.code,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(f.severity),
    message: { text: `${f.message} (fix: ${f.fix})` },
    locations: [{ ...physical, logicalLocations: [logical] }],
    ...(f.istioCode !== undefined ? { properties: { istioCode: f.istioCode } } : {}),
  };
}
