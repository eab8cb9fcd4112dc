#!/usr/bin/env node
// Runs the construct property tests (test/props) with many inputs and prints one summary line:
//   props: <inputs> inputs, <crashes> crashes, <invalid> schema-invalid
// Usage: npm run test:props [-- --runs N] [-- --seed S]; exits non-zero on any crash, invalid output or test failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const runs = Number(option('runs', process.env.PROPS_RUNS ?? '10000'));
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs must be a positive whole number, got ${option('runs', '')}`);
  process.exit(2);
}
const seed = option('seed', process.env.PROPS_SEED ?? '20261126');
const workers = option('workers', '1');

const dir = mkdtempSync(join(tmpdir(), 'aks-istio-mesh-props-'));
const statsFile = join(dir, 'stats.jsonl');
const started = Date.now();
const jest = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', 'test/props', `--maxWorkers=${workers}`], {
  stdio: 'inherit',
  env: { ...process.env, PROPS_RUNS: String(runs), PROPS_SEED: String(seed), PROPS_STATS_FILE: statsFile },
});

const stats = existsSync(statsFile)
  ? readFileSync(statsFile, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line))
  : [];
rmSync(dir, { recursive: true, force: true });
const sum = key => stats.reduce((total, s) => total + s[key], 0);
for (const s of stats.sort((a, b) => a.property.localeCompare(b.property))) {
  console.log(`  ${s.property.padEnd(22)} ${String(s.inputs).padStart(6)} inputs: ${s.ownErrors} own errors, ${s.synthesized} valid YAML, `
    + `${s.crashes} crashes, ${s.invalid} schema-invalid`);
}
const inputs = sum('inputs');
const crashes = sum('crashes');
const invalid = sum('invalid');
console.log(`props: ${inputs} inputs, ${crashes} crashes, ${invalid} schema-invalid (${stats.length} properties, ${runs} runs each, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
const expected = 13;
if (stats.length < expected) console.error(`only ${stats.length} of ${expected} properties reported; see the jest output above`);
process.exit(jest.status !== 0 || crashes > 0 || invalid > 0 || stats.length < expected ? 1 : 0);
