import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readManifests } from '../../src/cli/read-manifests';
import { CliResult, runCli } from '../support/cli';

const GOOD = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/rev: asm-1-30
`;
const BAD = `${GOOD}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
  namespace: shop
spec:
  hosts: [shop.example.com]
  gateways: [missing]
`;
const WARN = `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    istio-injection: enabled
`;

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aim-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function capture(argv: string[]): Promise<CliResult> {
  return runCli(['analyze', ...argv]);
}

describe('analyze command', () => {
  test('exits 0 on a clean file', async () => {
    const result = await capture([file('good.yaml', GOOD)]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('1 objects, 0 error(s), 0 warning(s)');
  });

  test('counts only Kubernetes objects and names the other documents it ignored', async () => {
    const path = file('good.yaml', GOOD);
    writeFileSync(join(path, '..', 'construct-metadata.json'), '{"version":"1.0.0","resources":{}}');
    const result = await capture([join(path, '..')]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('1 objects, 1 document(s) without apiVersion/kind ignored, 0 error(s), 0 warning(s)');
  });

  test('does not count the kustomization.yaml of a dist/ folder as an object', async () => {
    // GIVEN a folder as `cdk8s synth` writes it: manifests, construct metadata and kustomize's own file
    const path = file('good.yaml', GOOD);
    writeFileSync(join(path, '..', 'construct-metadata.json'), '{"version":"1.0.0","resources":{}}');
    writeFileSync(join(path, '..', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - good.yaml\n');
    // WHEN
    const result = await capture([join(path, '..')]);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out).toContain('1 objects, 1 document(s) without apiVersion/kind and 1 kustomize file ignored, 0 error(s), 0 warning(s)');
  });

  test('exits 1 on an error and prints one line per finding with code and object', async () => {
    const path = file('bad.yaml', BAD);
    const result = await capture([path]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${path}:8: error AIM102 (IST0101) VirtualService shop/vs lists gateway "missing"`);
  });

  test('exits 0 on warnings, 1 with --strict', async () => {
    const path = file('warn.yaml', WARN);
    expect((await capture([path])).code).toBe(0);
    expect((await capture(['--strict', path])).code).toBe(1);
  });

  test('prints the JSON shape', async () => {
    const path = file('bad.yaml', BAD);
    const result = await capture(['--format', 'json', path]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual({
      findings: [{
        code: 'AIM102',
        severity: 'error',
        message: expect.stringContaining('lists gateway "missing"'),
        object: { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', namespace: 'shop', name: 'vs' },
        file: path,
        line: 8,
        istioCode: 'IST0101',
        docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
      }],
    });
  });

  test('checks against a profile', async () => {
    const profile = file('profile.json', JSON.stringify({ revisions: ['asm-1-29'] }));
    const result = await capture(['--profile', profile, '--format', 'json', file('good.yaml', GOOD)]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).findings[0].code).toBe('AIM114');
  });

  test('fails with 2 when YAML does not parse, naming file and line, and reports no findings', async () => {
    const path = file('broken.yaml', `${GOOD}---\nkind: [unclosed\n`);
    const result = await capture([path]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(result.out).toBe('');
  });

  test('fails with 2 when a file is unreadable', async () => {
    const result = await capture(['/nonexistent/x.yaml']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('/nonexistent/x.yaml: cannot read');
  });

  test('reads folders and stdin through bin/aks-istio-mesh.js', () => {
    const path = file('bad.yaml', BAD);
    const bin = join(__dirname, '..', '..', 'bin', 'aks-istio-mesh.js');
    const folder = spawnSync(process.execPath, [bin, 'analyze', '--format', 'json', join(path, '..')], { encoding: 'utf8' });
    expect(folder.status).toBe(1);
    expect(JSON.parse(folder.stdout).findings).toHaveLength(1);
    const stdin = spawnSync(process.execPath, [bin, 'analyze', '-'], { input: GOOD, encoding: 'utf8' });
    expect(stdin.status).toBe(0);
  });
});

/** Writes `files` (relative path to content) under a new temp folder and returns the folder. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aim-walk-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
const VS_MISSING = 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs\n  namespace: shop\nspec:\n  hosts: [shop.example.com]\n  gateways: [missing]\n';
const WHY = '(node_modules and dot-folders are not searched; give a folder as a path to read it)';

/**
 * A repository root as `analyze .` meets it: manifests in app/, and in node_modules/ and dot-folders files that
 * are not Kubernetes objects (a top-level sequence, exit 2 if read) next to objects that are.
 */
function repository(): string {
  return tree({
    'app/cm.yaml': CM('app'),
    'app/node_modules/z/seq.json': '[1]',
    'node_modules/x/seq.json': '[1]',
    'node_modules/y/cm.yaml': CM('dependency'),
    '.github/workflows/ci.yml': '- run: npm test\n',
    '.github/k8s/cm.yaml': CM('github'),
  });
}

/** package-lock.json in miniature. */
const LOCKFILE = JSON.stringify({
  name: 'app',
  lockfileVersion: 3,
  packages: { '': { name: 'app', dependencies: { yaml: '^2.9.1' } }, 'node_modules/yaml': { version: '2.9.1', license: 'ISC' } },
}, null, 2);
/** `kubectl get -o json` output: a List whose second item is a VirtualService with a missing gateway. */
const JSON_LIST = `{"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "namespace": "shop"}},
  {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService", "metadata": {"name": "vs", "namespace": "shop"},
   "spec": {"hosts": ["shop.example.com"], "gateways": ["missing"]}}
]}
`;

describe('analyze at the root of a TypeScript repository', () => {
  test('counts package.json, the lockfile, tsconfig.json and cdktf.json as ignored and reports JSON objects at their lines', async () => {
    const dir = tree({
      'package.json': '{\n  "name": "app",\n  "version": "1.0.0"\n}\n',
      'package-lock.json': LOCKFILE,
      'tsconfig.json': '{"compilerOptions": {"strict": true}}',
      'cdktf.json': '{"language": "typescript", "app": "npx tsx main.ts"}',
      'dist/list.json': JSON_LIST,
      'dist/app.k8s.yaml': CM('yaml'),
    });
    const result = await capture([dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${join(dir, 'dist', 'list.json')}:3: error AIM102`);
    expect(result.out).toContain('3 objects, 4 document(s) without apiVersion/kind ignored, 1 error(s), 0 warning(s)');
  });

  test('fails with 2 on a JSON file with duplicate keys, naming file and line, as YAML refuses it', async () => {
    const dir = tree({ 'package.json': '{\n  "name": "app",\n  "name": "other"\n}\n', 'app.yaml': CM('a') });
    const result = await capture([dir]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${join(dir, 'package.json')}:3: Map keys must be unique`);
    expect(result.out).toBe('');
  });

  test('fails with 2 on a JSON file that is a sequence, with the same message as for YAML', async () => {
    const dir = tree({ 'package.json': '\n["not", "an", "object"]\n' });
    const result = await capture([dir]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${join(dir, 'package.json')}:2: the document is a sequence, not a Kubernetes object`);
  });

  test('readManifests, the reader of graph and upgrade plan --dist too, returns the lockfile as one ignored mapping', () => {
    const dir = tree({ 'package-lock.json': LOCKFILE, 'dist/list.json': JSON_LIST });
    const manifests = readManifests([dir], { readStdin: () => '' }, { warn: () => undefined });
    expect(manifests.map(m => [m.file, m.line, m.object.kind])).toEqual([
      [join(dir, 'dist', 'list.json'), 2, 'ConfigMap'],
      [join(dir, 'dist', 'list.json'), 3, 'VirtualService'],
      [join(dir, 'package-lock.json'), 1, undefined],
    ]);
  });
});

describe('analyze of a folder walk', () => {
  test('does not enter node_modules nor dot-folders, at any depth, and says so once on stderr', async () => {
    const dir = repository();
    const result = await capture([dir]);
    expect(result.code).toBe(0);
    expect(result.out).toBe('1 objects, 0 error(s), 0 warning(s)\n');
    expect(result.err).toBe(`aks-istio-mesh analyze: skipped 3 folders: ${join(dir, '.github')}, ${join(dir, 'app', 'node_modules')}, ${join(dir, 'node_modules')} ${WHY}\n`);
  });

  test('reads node_modules and dot-folders given as paths', async () => {
    const dir = repository();
    const named = await capture([join(dir, 'node_modules', 'y'), join(dir, '.github', 'k8s')]);
    expect(named.code).toBe(0);
    expect(named.out).toBe('2 objects, 0 error(s), 0 warning(s)\n');
    expect(named.err).toBe('');
    // A named node_modules is read whole, so the sequence in it is reported as for any other file.
    const whole = await capture([join(dir, 'node_modules')]);
    expect(whole.code).toBe(2);
    expect(whole.err).toContain(`${join(dir, 'node_modules', 'x', 'seq.json')}:1: the document is a sequence`);
  });

  test('names only the folders left out: one another path read is not listed', async () => {
    const dir = tree({ 'app/cm.yaml': CM('app'), 'node_modules/y/cm.yaml': CM('dependency'), '.config/cm.yaml': CM('config') });
    const both = await capture([dir, join(dir, 'node_modules')]);
    expect(both.code).toBe(0);
    expect(both.out).toBe('2 objects, 0 error(s), 0 warning(s)\n');
    expect(both.err).toBe(`aks-istio-mesh analyze: skipped 1 folder: ${join(dir, '.config')} ${WHY}\n`);
  });

  test('skips a node_modules or dot-folder that is a symbolic link', async () => {
    const dir = tree({ 'repo/app/cm.yaml': CM('app'), 'store/pkg/seq.json': '[1]' });
    symlinkSync(join('..', 'store'), join(dir, 'repo', 'node_modules'));
    symlinkSync(join('..', 'store'), join(dir, 'repo', '.pnpm-store'));
    const result = await capture([join(dir, 'repo')]);
    expect(result.code).toBe(0);
    expect(result.out).toBe('1 objects, 0 error(s), 0 warning(s)\n');
    expect(result.err).toBe(`aks-istio-mesh analyze: skipped 2 folders: ${join(dir, 'repo', '.pnpm-store')}, ${join(dir, 'repo', 'node_modules')} ${WHY}\n`);
  });

  test('keeps the warning to one short line for thousands of skipped folders', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`packages/p${String(i).padStart(4, '0')}/node_modules/x/seq.json`] = '[1]';
    const dir = tree(files);
    const result = await capture([dir]);
    expect(result.code).toBe(0);
    const p = (i: string) => join(dir, 'packages', `p${i}`, 'node_modules');
    expect(result.err).toBe(`aks-istio-mesh analyze: skipped 2000 folders: ${p('0000')}, ${p('0001')}, ${p('0002')} and 1997 more ${WHY}\n`);
  }, 30_000);

  test('leaves --format json and sarif on stdout clean: the warning goes to stderr', async () => {
    const dir = repository();
    writeFileSync(join(dir, 'app', 'vs.yaml'), VS_MISSING);
    const json = await capture(['--format', 'json', dir]);
    expect(json.code).toBe(1);
    const findings: { code: string; file: string }[] = JSON.parse(json.out).findings;
    expect(findings.map(f => [f.code, f.file])).toEqual([['AIM102', join(dir, 'app', 'vs.yaml')]]);
    expect(json.err).toMatch(/^aks-istio-mesh analyze: skipped 3 folders: .*\n$/);
    const sarif = await capture(['--format', 'sarif', dir]);
    expect(sarif.code).toBe(1);
    const log: { version: string; runs: { results: { ruleId: string }[] }[] } = JSON.parse(sarif.out);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.map(r => r.ruleId)).toEqual(['AIM102']);
    expect(sarif.err).toBe(json.err);
  });

  test('readManifests tells warn once per call, for all the paths it was given', () => {
    const a = tree({ 'cm.yaml': CM('a'), 'node_modules/x/seq.json': '[1]' });
    const b = tree({ 'cm.yaml': CM('b'), '.git/config.json': '[1]' });
    const messages: string[] = [];
    const manifests = readManifests([a, b], { readStdin: () => '' }, { warn: m => messages.push(m) });
    expect(manifests.map(m => m.object.metadata)).toEqual([{ name: 'a', namespace: 'shop' }, { name: 'b', namespace: 'shop' }]);
    expect(messages).toEqual([`skipped 2 folders: ${join(a, 'node_modules')}, ${join(b, '.git')} ${WHY}`]);
  });

  test('--help says which folders a walk leaves out', async () => {
    const result = await capture(['--help']);
    expect(result.code).toBe(0);
    expect(result.out.replace(/\s+/g, ' ')).toContain('folders are searched without node_modules and dot-folders (.git, .github, ...), which are read when given as a path');
  });
});
