import { Severity } from '../analysis/finding';
import { mermaidText } from './private/escape';
import { nodeLines, worstSeverity } from './private/node-text';
import { Topology, TopologyNodeKind } from './topology';

/** Opening and closing bracket of each node kind's shape. */
const SHAPE: Record<TopologyNodeKind, [string, string]> = {
  [TopologyNodeKind.MANAGED_INGRESS_GATEWAY]: ['([', '])'],
  [TopologyNodeKind.EGRESS_GATEWAY]: ['([', '])'],
  [TopologyNodeKind.NAMESPACE]: ['[', ']'],
  [TopologyNodeKind.ISTIO_GATEWAY]: ['[[', ']]'],
  [TopologyNodeKind.GATEWAY_API_GATEWAY]: ['[[', ']]'],
  [TopologyNodeKind.INGRESS_CLASS]: ['[[', ']]'],
  [TopologyNodeKind.HOST]: ['{{', '}}'],
  [TopologyNodeKind.ROUTE]: ['[', ']'],
  [TopologyNodeKind.SERVICE]: ['(', ')'],
  [TopologyNodeKind.SUBSET]: ['(', ')'],
  [TopologyNodeKind.SERVICE_ENTRY]: ['[(', ')]'],
  [TopologyNodeKind.EXTERNAL_HOST]: ['[(', ')]'],
  [TopologyNodeKind.OBJECT]: ['[', ']'],
};

/**
 * Renders a topology as a Mermaid `flowchart LR` for Markdown (GitHub renders ```mermaid blocks).
 * Nodes with findings get the class `error` (red border) or `warning` (orange) and a line per finding
 * code; nodes only referenced by the input get the class `missing` (dashed); assumed edges are dotted.
 * Node ids are `n0`, `n1`, ... in topology order, so the same topology always gives the same text.
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export function renderMermaid(topology: Topology): string {
  const ids = new Map(topology.nodes.map((n, i) => [n.id, `n${i}`]));
  const out = ['flowchart LR'];
  const classes: Record<string, string[]> = { error: [], warning: [], missing: [] };
  for (const node of topology.nodes) {
    const id = ids.get(node.id)!;
    const [open, close] = SHAPE[node.kind];
    out.push(`  ${id}${open}"${nodeLines(node).map(mermaidText).join('<br>')}"${close}`);
    const severity = worstSeverity(node);
    if (severity !== undefined) classes[severity === Severity.ERROR ? 'error' : 'warning'].push(id);
    if (!node.inInput) classes.missing.push(id);
  }
  for (const edge of topology.edges) {
    const arrow = edge.assumed ? '-.->' : '-->';
    const label = edge.label !== undefined ? `|"${mermaidText(edge.label)}"|` : '';
    out.push(`  ${ids.get(edge.from)} ${arrow}${label} ${ids.get(edge.to)}`);
  }
  out.push(
    '  classDef error stroke:#d00000,stroke-width:3px',
    '  classDef warning stroke:#e69500,stroke-width:3px',
    '  classDef missing stroke-dasharray:5 5',
  );
  for (const [name, members] of Object.entries(classes)) {
    if (members.length > 0) out.push(`  class ${members.join(',')} ${name}`);
  }
  out.push('');
  return out.join('\n');
}
