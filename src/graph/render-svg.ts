import type { Viz } from '@viz-js/viz';
import { renderDot } from './render-dot';
import { Topology } from './topology';

let viz: Promise<Viz> | undefined;

/** Graphviz as WebAssembly, loaded on first use only (the module embeds the 1 MB binary; nothing is downloaded). */
function graphviz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then(m => m.instance());
  return viz;
}

/**
 * Renders a topology as SVG: the DOT of `renderDot`, laid out by Graphviz (`dot` engine) compiled to
 * WebAssembly (@viz-js/viz), offline and without a `dot` binary. Findings show as red or orange borders
 * with the messages as tooltips.
 *
 * @see https://viz-js.com/api/
 */
export async function renderSvg(topology: Topology): Promise<string> {
  const result = (await graphviz()).render(renderDot(topology), { format: 'svg', engine: 'dot' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not lay out the topology: ${result.errors.map(e => e.message).join('; ')}`);
  }
  return result.output;
}
