// `npm run bench`: times the library's synth (analysis on) of meshes of 100, 1,000 and 5,000 services
// against serializing the same objects straight to YAML with the `yaml` package, in alternating runs
// within child processes per size that take turns (bench/synth-child.ts), measures the peak RSS of one synth of the
// largest size in a child process of its own, and ends with the `bench <name> <value>` lines.
// A script rather than a jest test so that `npm test` stays fast and timing-independent.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SERVICES_PER_CHART } from './mesh';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// Each size runs in ROUNDS child processes, the sizes taking turns (100, 1,000, 5,000, 100, ...), and its figures are
// the medians over all of them: `scaling` compares two sizes measured in different processes, and taking turns
// spreads the machine's drift (other work, a slower minute) over both instead of charging it to one.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CHILD = join(__dirname, 'synth-child.ts');

interface Timing { n: number; objects: number; lib: number[]; raw: number[]; analysis: number[] }

function child<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, ...args], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const timings = new Map<number, Timing>();
for (let round = 0; round < ROUNDS; round++) {
  for (const n of SIZES) {
    const t = child<Timing>(['time', String(n), String(RUNS)]);
    const all = timings.get(n);
    timings.set(n, all ? { ...all, lib: [...all.lib, ...t.lib], raw: [...all.raw, ...t.raw], analysis: [...all.analysis, ...t.analysis] } : t);
  }
}
for (const n of SIZES) {
  const t = timings.get(n)!;
  process.stdout.write(`services=${n} objects=${t.objects} charts=${Math.ceil(n / SERVICES_PER_CHART) + 1} `
    + `library(build+synth+analysis)=${median(t.lib).toFixed(0)}ms raw-yaml=${median(t.raw).toFixed(0)}ms `
    + `analysis=${median(t.analysis).toFixed(0)}ms `
    + `(median of ${t.lib.length}: ${ROUNDS} processes x ${RUNS} runs; runs ${t.lib.map(v => v.toFixed(0)).join('/')} vs ${t.raw.map(v => v.toFixed(0)).join('/')})\n`);
}
const largest = SIZES[SIZES.length - 1];
const ratio = (n: number): string => (median(timings.get(n)!.lib) / median(timings.get(n)!.raw)).toFixed(2);
for (const n of [1000, 5000]) {
  if (timings.has(n)) process.stdout.write(`bench synth-over-raw@${n} ${ratio(n)}\n`);
}
if (timings.has(1000) && timings.has(5000)) {
  process.stdout.write(`bench scaling-5000-over-1000 ${(median(timings.get(5000)!.lib) / median(timings.get(1000)!.lib)).toFixed(2)}\n`);
}
process.stdout.write(`bench analysis-ms@${largest} ${median(timings.get(largest)!.analysis).toFixed(0)}\n`);
// The same figure over the same run's baseline: milliseconds move with the load on a shared machine, this ratio less.
process.stdout.write(`bench analysis-over-raw@${largest} ${(median(timings.get(largest)!.analysis) / median(timings.get(largest)!.raw)).toFixed(3)}\n`);
const { peakRssMib } = child<{ peakRssMib: number }>(['rss', String(largest)]);
process.stdout.write(`bench peak-rss-mib@${largest} ${peakRssMib.toFixed(0)}\n`);
