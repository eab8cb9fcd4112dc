// Regenerates the topology pictures in docs/ and the Mermaid block of the README: `npm run graph:docs`.
// test/examples/graph-docs.test.ts fails when a committed picture differs from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { parseManifests } from '../src/analysis';
import { buildTopology, renderMermaid, renderSvg, Topology } from '../src/graph';
import { MeshApp } from '../src/k8s';
import { BookinfoIngressChart } from './aks-istio-ingress-gateways';
import { addExampleCharts } from './app';
import { exampleProfile } from './profile';

const ROOT = join(__dirname, '..');
const README_START = '<!-- graph:bookinfo:start (npm run graph:docs writes this block) -->';
const README_END = '<!-- graph:bookinfo:end -->';

function topologyOf(app: App): Topology {
  return buildTopology(parseManifests(app.synthYaml(), 'examples'), { profile: exampleProfile });
}

/** The bookinfo chart of the AKS ingress seed alone: the README's picture. */
export function bookinfoTopology(): Topology {
  const app = new MeshApp();
  new BookinfoIngressChart(app, 'aks-istio-ingress-gateways', exampleProfile);
  return topologyOf(app);
}

/** Every chart of the example app (what `npx cdk8s synth` writes to dist/). */
export function examplesTopology(): Topology {
  return topologyOf(addExampleCharts(new MeshApp()));
}

/** The README with its bookinfo Mermaid block replaced by `mermaid`. */
export function readmeWithMermaid(readme: string, mermaid: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} ... ${README_END} block`);
  return `${readme.slice(0, start + README_START.length)}\n\`\`\`mermaid\n${mermaid}\`\`\`\n${readme.slice(end)}`;
}

/** The files this script writes, by path relative to the repository root. */
export async function graphDocs(): Promise<Record<string, string>> {
  const bookinfo = bookinfoTopology();
  return {
    'docs/bookinfo.svg': await renderSvg(bookinfo),
    'docs/examples.svg': await renderSvg(examplesTopology()),
    'README.md': readmeWithMermaid(readFileSync(join(ROOT, 'README.md'), 'utf8'), renderMermaid(bookinfo)),
  };
}

if (require.main === module) {
  graphDocs().then(files => {
    for (const [path, text] of Object.entries(files)) writeFileSync(join(ROOT, path), text);
    process.stdout.write(`wrote ${Object.keys(files).join(', ')}\n`);
  }).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
}
