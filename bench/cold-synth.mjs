#!/usr/bin/env node
// `npm run bench:cold`: where the time of a cold `npx cdk8s synth` of the examples goes, in this checkout.
//
// Each figure is the best of N runs (BENCH_COLD_RUNS, default 5; the cold ones BENCH_COLD_FIRST_RUNS, default 3),
// every run printed. "cold" runs first delete the app bundle cache (node_modules/.cache/aks-istio-mesh), as in a
// fresh clone after `npm ci`; the operating system's file cache stays warm (dropping it needs root and slows
// everybody else on the machine). The app is run with the `app:` command of cdk8s.yaml and AIM_TIMINGS=1, so it
// reports its own phases (examples/timings.ts). Plain node on purpose: no loader of its own to time.
// Ends with `bench <name> <seconds>` lines.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = positiveInt('BENCH_COLD_RUNS', 5);
const coldRuns = positiveInt('BENCH_COLD_FIRST_RUNS', 3);
const cacheDir = path.join(root, 'node_modules', '.cache', 'aks-istio-mesh');
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aim-cold-synth-'));
process.once('exit', () => fs.rmSync(outdir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
const config = parse(fs.readFileSync(path.join(root, 'cdk8s.yaml'), 'utf8'));
if (typeof config?.app !== 'string') throw new Error(`cdk8s.yaml: 'app' must be the command that runs the app, got ${JSON.stringify(config?.app)}`);
const app = config.app;

function positiveInt(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

/**
 * CPU time (user + system, ms) of this process's waited-for children, from /proc/self/stat (Linux; 10 ms ticks);
 * NaN elsewhere. Less disturbed than wall time by other work on a shared machine.
 */
function childCpuMs() {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // Fields 16 and 17 of proc(5) (cutime, cstime), counted after the command name: indexes 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** Runs `command` through the shell in the checkout; returns wall and CPU time in ms and the child's stderr. */
function time(command, env = {}) {
  const cpuStart = childCpuMs();
  const start = process.hrtime.bigint();
  const child = spawnSync(command, {
    cwd: root,
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, CDK8S_OUTDIR: outdir, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = childCpuMs() - cpuStart;
  if (child.status !== 0) {
    process.stderr.write(child.stdout + child.stderr);
    throw new Error(`\`${command}\` exited with ${child.status ?? child.signal}`);
  }
  return { ms, cpu, stderr: child.stderr };
}

/** The `timing <phase> <ms>` lines of examples/timings.ts. */
function phases(stderr) {
  const out = {};
  for (const m of stderr.matchAll(/^timing (\S+) ([\d.]+)$/gm)) out[m[1]] = Number(m[2]);
  return out;
}

function clearCache() {
  fs.rmSync(cacheDir, { recursive: true, force: true });
}

/** Best of `n` runs of `command` (run `before` ahead of each); prints every run. */
function best(label, command, n, { env, before } = {}) {
  let winner;
  let cpu = Infinity;
  const all = [];
  for (let i = 0; i < n; i++) {
    before?.();
    const r = time(command, env);
    all.push(`${r.ms.toFixed(0)}/${r.cpu.toFixed(0)}`);
    if (!winner || r.ms < winner.ms) winner = r;
    cpu = Math.min(cpu, r.cpu);
  }
  console.log(`${label.padEnd(38)} best ${winner.ms.toFixed(0).padStart(5)} ms, cpu ${cpu.toFixed(0).padStart(5)} ms   runs (wall/cpu) ${all.join(' ')}`);
  return { ...winner, cpu };
}

function printPhases(label, stderr) {
  const p = phases(stderr);
  console.log(`  ${label} phases (ms): ${Object.entries(p).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  return p;
}

const load = () => os.loadavg().map(l => l.toFixed(1)).join(' ');
console.log(`cold synth bench: node ${process.version}, ${os.cpus().length} cores, load average ${load()}; app: ${app}`);
console.log(`best of ${runs} (cold: ${coldRuns}); output to ${outdir}`);

const timings = { AIM_TIMINGS: '1' };
const nodeStart = best('node -e 0', 'node -e 0', runs);
const appCold = best('app, no bundle cache', app, coldRuns, { env: timings, before: clearCache });
printPhases('app, no bundle cache', appCold.stderr);
const appWarm = best('app', app, runs, { env: timings });
const p = printPhases('app', appWarm.stderr);
const tsx = best('app through tsx (the former app:)', 'node --import tsx examples/main.ts', runs, { env: timings });
printPhases('app through tsx', tsx.stderr);
const cliFloor = best('cdk8s --version (node)', 'node node_modules/cdk8s-cli/bin/cdk8s --version --no-check-upgrade', runs);
const npxFloor = best('npx cdk8s --version', 'npx cdk8s --version --no-check-upgrade', runs);
const synthNoNpx = best('cdk8s synth --no-check-upgrade (node)', `node node_modules/cdk8s-cli/bin/cdk8s synth --no-check-upgrade -o ${outdir}`, runs);
const synthNoCheck = best('npx cdk8s synth --no-check-upgrade', `npx cdk8s synth --no-check-upgrade -o ${outdir}`, runs);
const synth = best('npx cdk8s synth', `npx cdk8s synth -o ${outdir}`, runs);
const coldNoCheck = best('cold npx cdk8s synth --no-check-upgr.', `npx cdk8s synth --no-check-upgrade -o ${outdir}`, coldRuns, { before: clearCache });
const cold = best('cold npx cdk8s synth', `npx cdk8s synth -o ${outdir}`, coldRuns, { before: clearCache });
// Leave the cache built, as a normal synth would.
time(app);
console.log(`load average at the end ${load()}`);

const s = ms => (ms / 1000).toFixed(2);
const figures = {
  'node-start-s': nodeStart.ms,
  'app-synth-cold-s': appCold.ms,
  'app-synth-s': appWarm.ms,
  // Phases of the fastest warm run; absent when cdk8s.yaml's app does not go through scripts/app-launcher.cjs.
  'app-node-start-s': p.launcher ?? NaN,
  'app-cache-check-s': p['bundle-checked'] ?? NaN,
  'app-module-load-s': p.loaded ?? NaN,
  'app-build-s': p.built ?? NaN,
  'app-render-s': p.synthesized ?? NaN,
  'app-write-s': p.write ?? NaN,
  'app-tsx-s': tsx.ms,
  'cdk8s-cli-floor-s': cliFloor.ms,
  'npx-cdk8s-floor-s': npxFloor.ms,
  'cdk8s-synth-no-npx-s': synthNoNpx.ms,
  'npx-cdk8s-synth-no-check-s': synthNoCheck.ms,
  'npx-cdk8s-synth-s': synth.ms,
  'cold-npx-cdk8s-synth-no-check-s': coldNoCheck.ms,
  'cold-npx-cdk8s-synth-s': cold.ms,
};
// CPU time of the same commands (children included): the figure to compare when the machine is busy.
Object.assign(figures, {
  'app-synth-cpu-s': appWarm.cpu,
  'app-tsx-cpu-s': tsx.cpu,
  'npx-cdk8s-floor-cpu-s': npxFloor.cpu,
  'cold-npx-cdk8s-synth-cpu-s': cold.cpu,
});
for (const [name, ms] of Object.entries(figures)) if (!Number.isNaN(ms)) console.log(`bench ${name} ${s(ms)}`);
