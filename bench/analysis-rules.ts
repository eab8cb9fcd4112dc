// `npm run bench:rules [-- N]`: where the analysis of the bench mesh (N services, default 5,000) spends its time:
// the index and each rule, best of 5 runs after a warm-up, slowest first, and what each allocates. A profiling
// aid for bench/synth.ts's `analysis-ms` figure (which times `analyze()` as a whole). Times move with the load
// on the machine (compare within one run); the allocated MiB do not: the npm script gives V8 a young generation
// large enough that no collection runs during one rule, so the heap's growth is what the rule allocated, and
// allocation is what a big heap makes expensive.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { buildMesh } from './mesh';
import { analyze, Manifest } from '../src/analysis';
import { ALL_RULES } from '../src/analysis/all-rules';
import { ManifestIndex } from '../src/analysis/manifest-index';
import { MeshChart } from '../src/k8s';

const RUNS = 6;
const n = Number(process.argv[2] ?? 5000);
const app = buildMesh(n);
const profile = (app.charts.find(c => MeshChart.isMeshChart(c)) as MeshChart).profile;
const manifests: Manifest[] = app.node.findAll()
  .filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c))
  .map(c => ({ object: c.toJson() as Record<string, unknown>, constructPath: c.node.path }));
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);

const times = new Map<string, number[]>();
const allocated = new Map<string, number>();
let heapAtStart = 0;
function begin(): bigint {
  heapAtStart = process.memoryUsage().heapUsed;
  return process.hrtime.bigint();
}
function record(name: string, start: bigint): void {
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  allocated.set(name, (process.memoryUsage().heapUsed - heapAtStart) / 2 ** 20);
  const list = times.get(name);
  if (list) list.push(ms); else times.set(name, [ms]);
}

for (let run = 0; run < RUNS; run++) {
  gc();
  let start = begin();
  analyze(manifests, { profile });
  record('analyze() in all', start);
  gc();
  start = begin();
  const index = new ManifestIndex(manifests);
  record('index', start);
  for (const rule of ALL_RULES) {
    start = begin();
    rule.check(index, { profile });
    record(rule.code, start);
  }
}
// The first run warms the JIT and the index's shared lookups; report the best of the others.
const best = [...times].map(([name, list]) => [name, Math.min(...list.slice(1))] as const).sort((a, b) => b[1] - a[1]);
const parts = best.filter(([name]) => name !== 'analyze() in all').reduce((sum, [, ms]) => sum + ms, 0);
process.stdout.write(`${manifests.length} objects (${n} services); index + rules = ${parts.toFixed(0)} ms\n`);
for (const [name, ms] of best) {
  process.stdout.write(`${name.padEnd(18)} ${ms.toFixed(1).padStart(7)} ms ${allocated.get(name)!.toFixed(1).padStart(7)} MiB\n`);
}
