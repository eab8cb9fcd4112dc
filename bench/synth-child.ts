// One benchmark size in its own process, so sizes do not share a heap (see bench/synth.ts).
//   node --expose-gc --import tsx bench/synth-child.ts time N RUNS  -> timings of library synth vs raw yaml
//   node --import tsx bench/synth-child.ts rss N                    -> peak RSS of one `cdk8s synth`-like run
// Prints one JSON line on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { timeAnalysis } from './analysis';
import { buildMesh } from './mesh';
import { Manifest } from '../src/analysis';
import { MeshApp, MeshChart } from '../src/k8s';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Build + synth with analysis, as `cdk8s synth` does it (minus the file writes). */
function librarySynth(n: number): { ms: number; yaml: string; app: MeshApp } {
  const start = process.hrtime.bigint();
  const app = buildMesh(n);
  const yaml = app.synthYaml();
  return { ms: ms(start), yaml, app };
}

/** The baseline: the same objects, straight to YAML with the options cdk8s uses. */
function rawSerialize(docs: unknown[]): number {
  const start = process.hrtime.bigint();
  docs.map(d => YAML.stringify(d, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
  return ms(start);
}

/** The rendered objects of an app, as the synth-time analysis sees them. */
function manifestsOf(app: App): Manifest[] {
  return app.node.findAll()
    .filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c))
    .map(c => ({ object: c.toJson() as Record<string, unknown>, constructPath: c.node.path }));
}

function time(n: number, runs: number): void {
  const lib: number[] = [];
  const raw: number[] = [];
  const analysis: number[] = [];
  let docs: unknown[] | undefined;
  for (let run = 0; run < runs; run++) {
    // Alternate which side goes first so neither always runs on a warmer or fuller heap.
    for (const side of run % 2 === 0 ? ['lib', 'raw'] : ['raw', 'lib']) {
      gc();
      if (side === 'lib' || !docs) {
        const synth = librarySynth(n);
        if (side === 'lib') lib.push(synth.ms);
        // The baseline serializes exactly the objects the library wrote.
        docs ??= YAML.parseAllDocuments(synth.yaml).map(d => d.toJSON() as unknown);
        if (side === 'lib') {
          const profile = (synth.app.charts.find(c => MeshChart.isMeshChart(c)) as MeshChart).profile;
          const manifests = manifestsOf(synth.app);
          gc();
          analysis.push(timeAnalysis(manifests, { profile }).ms);
        }
      }
      if (side === 'raw') {
        gc();
        raw.push(rawSerialize(docs));
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ n, objects: docs?.length ?? 0, lib, raw, analysis })}\n`);
}

/** One synth that writes files, like `cdk8s synth`, and nothing else in the process. */
function rss(n: number): void {
  const outdir = mkdtempSync(join(tmpdir(), 'aim-bench-'));
  try {
    buildMesh(n, outdir).synth();
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ n, peakRssMib: process.resourceUsage().maxRSS / 1024 })}\n`);
}

const [mode, size, runs] = process.argv.slice(2);
if (mode === 'time') time(Number(size), Number(runs ?? 5));
else if (mode === 'rss') rss(Number(size));
else throw new Error(`usage: synth-child.ts time N RUNS | rss N (got ${process.argv.slice(2).join(' ')})`);
