// `npx tsx bench/graph.ts [N] [SVG_N]`: times the topology model (analysis included) and the Mermaid and DOT
// renderers over N synthetic objects (default 10,000), and the SVG layout over SVG_N (default 1,000:
// Graphviz's layout, not the model, is what grows fastest). Kept out of jest, like bench/analysis.ts.
import { syntheticManifests } from './analysis';
import { buildTopology, renderDot, renderMermaid, renderSvg } from '../src/graph';

function time<T>(f: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 10000);
  const svgN = Number(process.argv[3] ?? 1000);
  const model = time(() => buildTopology(syntheticManifests(n)));
  const mermaid = time(() => renderMermaid(model.value));
  const dot = time(() => renderDot(model.value));
  process.stdout.write(`${n} objects: topology ${model.ms.toFixed(0)} ms (${model.value.nodes.length} nodes, ${model.value.edges.length} edges), `
    + `mermaid ${mermaid.ms.toFixed(0)} ms, dot ${dot.ms.toFixed(0)} ms\n`);
  const small = buildTopology(syntheticManifests(svgN));
  const start = process.hrtime.bigint();
  const svg = await renderSvg(small);
  process.stdout.write(`${svgN} objects: svg ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms (${small.nodes.length} nodes, ${(svg.length / 1024).toFixed(0)} KiB)\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exitCode = 1; });
