import { Severity } from '../analysis/finding';
import { dotString } from './private/escape';
import { findingsText, nodeLines, worstSeverity } from './private/node-text';
import { Topology, TopologyNodeKind } from './topology';

/** Shape and fill per node kind: entry points, gateway objects, hosts, routes, backends. */
const STYLE: Record<TopologyNodeKind, { shape: string; fill: string }> = {
  [TopologyNodeKind.MANAGED_INGRESS_GATEWAY]: { shape: 'box', fill: '#cfe2ff' },
  [TopologyNodeKind.EGRESS_GATEWAY]: { shape: 'box', fill: '#cfe2ff' },
  [TopologyNodeKind.NAMESPACE]: { shape: 'folder', fill: '#e2e3e5' },
  [TopologyNodeKind.ISTIO_GATEWAY]: { shape: 'box', fill: '#e0cffc' },
  [TopologyNodeKind.GATEWAY_API_GATEWAY]: { shape: 'box', fill: '#e0cffc' },
  [TopologyNodeKind.INGRESS_CLASS]: { shape: 'box', fill: '#e0cffc' },
  [TopologyNodeKind.HOST]: { shape: 'hexagon', fill: '#fff3cd' },
  [TopologyNodeKind.ROUTE]: { shape: 'box', fill: '#d1e7dd' },
  [TopologyNodeKind.SERVICE]: { shape: 'component', fill: '#f8f9fa' },
  [TopologyNodeKind.SUBSET]: { shape: 'box', fill: '#f8f9fa' },
  [TopologyNodeKind.SERVICE_ENTRY]: { shape: 'box3d', fill: '#f8f9fa' },
  [TopologyNodeKind.EXTERNAL_HOST]: { shape: 'box3d', fill: '#f8f9fa' },
  [TopologyNodeKind.OBJECT]: { shape: 'note', fill: '#f8f9fa' },
};

const FINDING_COLOR: Record<Severity, string> = {
  [Severity.ERROR]: '#d00000',
  [Severity.WARNING]: '#e69500',
};

/**
 * Renders a topology as a Graphviz DOT digraph, left to right: managed gateways and namespaces,
 * gateway objects, hosts, routes, backends. Nodes with findings get a red (error) or orange (warning)
 * border, a line per finding code and a tooltip with the messages (other nodes: their label as
 * tooltip); nodes only referenced by the input are dashed, as are edges inferred from defaults. Node
 * ids are `n0`, `n1`, ... in topology order, so the same topology always gives the same bytes.
 *
 * @see https://graphviz.org/doc/info/attrs.html
 */
export function renderDot(topology: Topology): string {
  const ids = new Map(topology.nodes.map((n, i) => [n.id, `n${i}`]));
  const out = [
    'digraph topology {',
    '  graph [rankdir=LR, fontname="Helvetica", nodesep=0.3, ranksep=0.6];',
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, margin="0.2,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
  ];
  for (const node of topology.nodes) {
    const style = STYLE[node.kind];
    const severity = worstSeverity(node);
    const attrs = [
      `label=${dotString(nodeLines(node).join('\n'))}`,
      `shape=${style.shape}`,
      `fillcolor="${style.fill}"`,
      ...node.inInput ? [] : ['style="rounded,filled,dashed"'],
      // Without a tooltip an SVG viewer shows the internal id (n4) on hover.
      `tooltip=${dotString(node.findings.length > 0 ? findingsText(node) : [node.label, ...node.details].join('\n'))}`,
      ...severity !== undefined ? [`color="${FINDING_COLOR[severity]}"`, 'penwidth=2.5'] : [],
    ];
    out.push(`  ${ids.get(node.id)} [${attrs.join(', ')}];`);
  }
  for (const edge of topology.edges) {
    const attrs = [
      ...edge.label !== undefined ? [`label=${dotString(edge.label)}`] : [],
      ...edge.assumed ? ['style=dashed'] : [],
    ];
    out.push(`  ${ids.get(edge.from)} -> ${ids.get(edge.to)}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`);
  }
  out.push('}', '');
  return out.join('\n');
}
