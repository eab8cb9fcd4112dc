// AIM_TIMINGS=1: where the time of `npx cdk8s synth`'s app goes (npm run bench:cold reads these lines).
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const enabled = process.env.AIM_TIMINGS === '1';
let writeMs = 0;

if (enabled) {
  // The write phase is the file writes themselves, wherever the app makes them (MeshApp, cdk8s's fallback).
  const writeFileSync = fs.writeFileSync;
  fs.writeFileSync = function timedWriteFileSync(this: unknown, ...args: Parameters<typeof fs.writeFileSync>): void {
    const start = performance.now();
    try {
      writeFileSync.apply(this, args);
    } finally {
      writeMs += performance.now() - start;
    }
  };
  process.once('exit', printTimings);
}

/**
 * Marks the end of a phase of the app (`loaded`, `built`, `synthesized`); a no-op unless AIM_TIMINGS=1.
 *
 * At exit the phases are printed to stderr as `timing <phase> <ms>`, each from the previous mark (the first
 * from the process start, so it includes node's own start), plus `write` (time inside fs.writeFileSync,
 * taken out of the phase it happened in) and `total`.
 *
 * @see https://nodejs.org/api/perf_hooks.html#performancemarkname-options
 */
export function mark(phase: string): void {
  if (enabled) performance.mark(`aim:${phase}`, { detail: { writeMs } });
}

function printTimings(): void {
  let previous = 0;
  let previousWrite = 0;
  const lines: string[] = [];
  for (const entry of performance.getEntriesByType('mark')) {
    if (!entry.name.startsWith('aim:')) continue;
    const detail: unknown = 'detail' in entry ? entry.detail : undefined;
    const written = isWriteDetail(detail) ? detail.writeMs : previousWrite;
    lines.push(`timing ${entry.name.slice(4)} ${(entry.startTime - previous - (written - previousWrite)).toFixed(1)}`);
    previous = entry.startTime;
    previousWrite = written;
  }
  lines.push(`timing write ${writeMs.toFixed(1)}`, `timing total ${performance.now().toFixed(1)}`);
  process.stderr.write(`${lines.join('\n')}\n`);
}

function isWriteDetail(detail: unknown): detail is { writeMs: number } {
  return typeof detail === 'object' && detail !== null && typeof (detail as { writeMs?: unknown }).writeMs === 'number';
}
