import { Severity } from '../../analysis/finding';
import { TopologyNode } from '../topology';

/**
 * Text as a renderer may show it: control characters (other than line breaks, which the renderers
 * escape) and lone surrogates become U+FFFD, because SVG (XML 1.0) cannot carry them at all.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The lines a node shows: its label, its details, and one line per finding code. */
export function nodeLines(node: TopologyNode): string[] {
  const codes = [...new Set(node.findings.map(f => `${f.severity} ${f.code}`))];
  return [node.label, ...node.details, ...codes].map(cleanText);
}

/** The findings of a node as one tooltip text (`code severity: message` per line). */
export function findingsText(node: TopologyNode): string {
  return cleanText(node.findings.map(f => `${f.code} ${f.severity}: ${f.message}`).join('\n'));
}

/** The worst severity among a node's findings. */
export function worstSeverity(node: TopologyNode): Severity | undefined {
  if (node.findings.some(f => f.severity === Severity.ERROR)) return Severity.ERROR;
  return node.findings.length > 0 ? Severity.WARNING : undefined;
}
