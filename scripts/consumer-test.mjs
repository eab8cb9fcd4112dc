#!/usr/bin/env node
// Consumer test: installs the packed package into an empty project, as a user would, and uses it from there.
//
//   npm pack -> npm install <tarball> cdk8s constructs (no cdktf) in a temp project -> node_modules size
//   -> tsc of a small chart under CommonJS/node10, node16 (CJS and ESM) and bundler resolution
//   -> run the chart (MeshApp synth) -> run `aks-istio-mesh analyze` on its output
//   -> `aks-istio-mesh/azure` without its optional peers fails with the install command
//   -> `aks-istio-mesh/azure` type-checks when the peers are there (this repo's copies, mapped with paths)
//
// Dependencies come from the npm cache (--prefer-offline), the registry only for what the cache lacks.
// `AKS_ISTIO_MESH_TARBALL=path.tgz` reuses a packed tarball; `KEEP=1` keeps the temp project.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_NODE_MODULES_BYTES = 150 * 1024 * 1024;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'aks-istio-mesh-consumer-'));
// `npm pack` builds lib/ in this checkout (prepack); remove it afterwards unless it was there before.
const hadLib = existsSync(join(root, 'lib'));
let failures = 0;

function step(name, fn) {
  const t = Date.now();
  try {
    fn();
    console.log(`ok   ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n${String(e instanceof Error ? e.message : e).replace(/^/gm, '     ')}`);
  }
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return r;
}

function mustRun(cmd, args, options = {}) {
  const r = run(cmd, args, options);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r;
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

/** Bytes of the files under dir (sizes as `du --apparent-size` counts them; links not followed). */
function treeBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) total += treeBytes(full);
    else total += lstatSync(full).size;
  }
  return total;
}

function installedVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

const files = {
  // The main entry and every cluster-side subpath, used for real: a MeshApp synth with an Istio and a Gateway API route.
  'chart.ts': `
import { MeshApp, MeshChart } from 'aks-istio-mesh';
import { MeshProfile, IngressGatewayType } from 'aks-istio-mesh/mesh';
import { IngressExposure, IngressVia, MeshNamespace, PathMatch, ServiceBackend } from 'aks-istio-mesh/k8s';
import { analyze, errorsOf } from 'aks-istio-mesh/analysis';

const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: new Date('2026-09-01') });
const app = new MeshApp({ outdir: process.argv[2] });
const chart = new MeshChart(app, 'shop', { profile, namespace: 'shop' });
new MeshNamespace(chart, 'ns', { name: 'shop' });
new IngressExposure(chart, 'web', {
  via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'shop-gateway' }),
  name: 'shop', hosts: ['shop.example.com'],
  rules: [{ matches: [PathMatch.prefix('/')], backends: [ServiceBackend.of('web', 8080)] }],
});
const findings = analyze(app.charts.flatMap(c => c.toJson()).map(object => ({ object })), { profile });
if (errorsOf(findings).length > 0) throw new Error('unexpected analysis errors');
app.synth();
`,
  // ESM under node16 resolution: named imports from the CommonJS package through its exports map.
  'esm.mts': `
import { MeshProfile, AksNames } from 'aks-istio-mesh/mesh';
import { analyze } from 'aks-istio-mesh/analysis';
import { MeshApp } from 'aks-istio-mesh';
const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { internal: true } }, { now: new Date('2026-09-01') });
const findings = analyze([{ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { 'istio-injection': 'enabled' } } } }], { profile });
console.log(JSON.stringify({ rev: profile.revisions[0], ns: AksNames.INGRESS_NAMESPACE, codes: findings.map(f => f.code), app: typeof MeshApp }));
`,
  // The Azure half, type-checked only (its peers are mapped to this repository's copies).
  'azure.ts': `
import { App, TerraformStack } from 'cdktf';
import { MeshCluster } from 'aks-istio-mesh/azure';
import { MeshProfile } from 'aks-istio-mesh/mesh';
const profile = new MeshProfile({ revisions: ['asm-1-30'] });
const stack = new TerraformStack(new App(), 'mesh');
export const cluster: MeshCluster = new MeshCluster(stack, 'Mesh', { profile, name: 'aks', resourceGroupName: 'rg', location: 'westeurope' });
`,
};

const common = { strict: true, skipLibCheck: false, types: [], lib: ['ES2022'], target: 'ES2022', declaration: false };
const tsconfigs = {
  'tsconfig.cjs.json': { compilerOptions: { ...common, module: 'commonjs', moduleResolution: 'node10', outDir: 'out-cjs' }, files: ['chart.ts', 'globals.d.ts'] },
  'tsconfig.node16.json': { compilerOptions: { ...common, module: 'node16', moduleResolution: 'node16', outDir: 'out-node16' }, files: ['chart.ts', 'esm.mts', 'globals.d.ts'] },
  'tsconfig.bundler.json': { compilerOptions: { ...common, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['chart.ts', 'esm.mts', 'globals.d.ts'] },
  'tsconfig.azure.json': {
    compilerOptions: {
      ...common, module: 'node16', moduleResolution: 'node16', noEmit: true,
      // The optional peers, and constructs so that both halves see one copy, from this repository.
      paths: Object.fromEntries(['cdktf', '@cdktf/provider-azurerm', 'constructs'].flatMap(p => [
        [p, [join(root, 'node_modules', p)]], [`${p}/*`, [join(root, 'node_modules', p, '*')]],
      ])),
    },
    files: ['azure.ts', 'globals.d.ts'],
  },
};

try {
  let tarball = process.env.AKS_ISTIO_MESH_TARBALL;
  step('npm pack', () => {
    if (tarball) return;
    const out = mustRun(npm, ['pack', '--json', '--pack-destination', work], { cwd: root }).stdout;
    const [info] = JSON.parse(out.slice(out.indexOf('[')));
    tarball = join(work, info.filename);
    const shipped = info.files.map(f => f.path);
    const unwanted = shipped.filter(p => !/^(lib\/src\/|lib\/imports\/|bin\/|README\.md$|package\.json$|LICENSE|cdk8s-validation\.js$)/.test(p));
    assert(unwanted.length === 0, `the package ships files it does not need: ${unwanted.join(', ')}`);
    assert(!shipped.some(p => /\.ts$/.test(p) && !p.endsWith('.d.ts')), 'the package ships TypeScript sources');
    for (const entry of ['lib/src/index.js', 'lib/src/mesh/index.d.ts', 'lib/src/k8s/index.d.ts', 'lib/src/analysis/index.d.ts', 'lib/src/azure/index.d.ts', 'lib/src/cli/main.js']) {
      assert(shipped.includes(entry), `the package lacks ${entry}`);
    }
    console.log(`     ${info.filename}: ${info.entryCount} files, ${(info.size / 1e6).toFixed(2)} MB packed, ${(info.unpackedSize / 1e6).toFixed(2)} MB unpacked`);
  });
  if (!tarball || !existsSync(tarball)) throw new Error('no tarball to install');

  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  step('npm install <tarball> cdk8s constructs (no cdktf)', () => {
    mustRun(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error',
      tarball, `cdk8s@${installedVersion('cdk8s')}`, `constructs@${installedVersion('constructs')}`], { cwd: project });
    const modules = join(project, 'node_modules');
    for (const absent of ['cdktf', '@cdktf/provider-azurerm']) {
      assert(!existsSync(join(modules, absent)), `${absent} was installed, but it is an optional peer`);
    }
    const bytes = treeBytes(modules);
    const top = readdirSync(modules).filter(n => !n.startsWith('.')).flatMap(n => n.startsWith('@')
      ? readdirSync(join(modules, n)).map(s => `${n}/${s}`) : [n])
      .map(n => [n, treeBytes(join(modules, n))]).sort((a, b) => b[1] - a[1]).slice(0, 6);
    console.log(`     node_modules: ${(bytes / 1024 / 1024).toFixed(1)} MiB; largest: ${top.map(([n, b]) => `${n} ${(b / 1024 / 1024).toFixed(1)}`).join(', ')}`);
    assert(bytes <= MAX_NODE_MODULES_BYTES, `node_modules is ${(bytes / 1024 / 1024).toFixed(1)} MiB, more than ${MAX_NODE_MODULES_BYTES / 1024 / 1024} MiB`);
  });

  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
  // Node's globals the chart uses, declared here so that the consumer needs no @types/node.
  writeFileSync(join(project, 'globals.d.ts'), 'declare const process: { argv: string[] };\ndeclare const console: { log(...args: unknown[]): void };\n');
  for (const [name, config] of Object.entries(tsconfigs)) {
    writeFileSync(join(project, name), JSON.stringify(config, null, 2));
    step(`tsc -p ${name}`, () => { mustRun(process.execPath, [tsc, '-p', name], { cwd: project }); });
  }

  step('the CommonJS build synthesizes the chart, with a kustomization', () => {
    mustRun(process.execPath, ['out-cjs/chart.js', 'dist'], { cwd: project });
    const dist = readdirSync(join(project, 'dist')).sort();
    assert(JSON.stringify(dist) === JSON.stringify(['kustomization.yaml', 'shop.k8s.yaml']), `dist/ holds ${dist.join(', ')}`);
    const yaml = readFileSync(join(project, 'dist', 'shop.k8s.yaml'), 'utf8');
    for (const expected of ['kind: Gateway', 'kind: VirtualService', 'istio.io/rev: asm-1-30', 'istio: aks-istio-ingressgateway-external']) {
      assert(yaml.includes(expected), `shop.k8s.yaml lacks '${expected}'`);
    }
  });

  step('the node16 ESM build runs', () => {
    const out = mustRun(process.execPath, ['out-node16/esm.mjs'], { cwd: project }).stdout.trim();
    assert(out === '{"rev":"asm-1-30","ns":"aks-istio-ingress","codes":["AIM114"],"app":"function"}', `esm.mjs printed ${out}`);
  });

  step('aks-istio-mesh analyze runs from node_modules/.bin', () => {
    const bin = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'aks-istio-mesh.cmd' : 'aks-istio-mesh');
    const ok = mustRun(bin, ['analyze', 'dist'], { cwd: project, shell: process.platform === 'win32' });
    assert(/^\d+ objects.*0 error\(s\)/m.test(ok.stdout), `analyze printed: ${ok.stdout}`);
    writeFileSync(join(project, 'bad.yaml'), 'apiVersion: networking.istio.io/v1\nkind: ProxyConfig\nmetadata: { name: p, namespace: a }\n');
    const bad = run(bin, ['analyze', 'bad.yaml'], { cwd: project, shell: process.platform === 'win32' });
    assert(bad.status === 1 && bad.stdout.includes('AIM111'), `analyze bad.yaml exited ${bad.status}: ${bad.stdout}${bad.stderr}`);
  });

  step('aks-istio-mesh/azure without cdktf names the packages to install', () => {
    const r = run(process.execPath, ['-e', "require('aks-istio-mesh/azure')"], { cwd: project });
    assert(r.status !== 0, 'requiring aks-istio-mesh/azure succeeded without cdktf');
    assert(r.stderr.includes('not installed: cdktf, @cdktf/provider-azurerm')
      && r.stderr.includes('npm install cdktf@'), `unexpected error: ${r.stderr}`);
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(failures === 0 ? `consumer test passed in ${seconds} s` : `consumer test: ${failures} step(s) failed (${seconds} s)`);
} finally {
  if (!hadLib) rmSync(join(root, 'lib'), { recursive: true, force: true });
  if (process.env.KEEP) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
process.exitCode = failures === 0 ? 0 : 1;
