import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
