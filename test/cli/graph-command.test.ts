import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parseManifests } from '../../src/analysis';
import { CliResult, runCli } from '../support/cli';
import { buildExampleApp } from '../../examples/app';
import { exampleProfile } from '../../examples/profile';

function capture(argv: string[]): Promise<CliResult> {
  return runCli(['graph', ...argv]);
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'aim-graph-'));
}

/** Mermaid entity codes back to characters, `<br>` to line breaks. */
function decodeMermaid(text: string): string {
  return text.replace(/<br>/g, '\n').replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

const asArray = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value : []) as Record<string, unknown>[];
const asRecord = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;

/** What the examples' picture must name, read from the YAML independently of the graph code. */
function expectedNames(objects: Record<string, unknown>[]): { gateways: string[]; hosts: string[]; backends: string[] } {
  const gateways = new Set<string>(['aks-istio-ingressgateway-external', 'aks-istio-ingressgateway-internal', 'asm-egress-test']);
  const hosts = new Set<string>();
  const backends = new Set<string>();
  for (const o of objects) {
    const spec = asRecord(o.spec);
    const name = String(asRecord(o.metadata).name);
    if (o.kind === 'Gateway') gateways.add(name);
    if (o.kind === 'VirtualService') {
      for (const h of asArray(spec.hosts)) hosts.add(String(h));
      for (const route of [...asArray(spec.http), ...asArray(spec.tls), ...asArray(spec.tcp)]) {
        for (const d of asArray(route.route)) backends.add(String(asRecord(d.destination).host).split('.svc.')[0].split('.')[0]);
      }
    }
    if (o.kind === 'HTTPRoute') {
      for (const h of asArray(spec.hostnames)) hosts.add(String(h));
      for (const rule of asArray(spec.rules)) for (const b of asArray(rule.backendRefs)) backends.add(String(b.name));
    }
    if (o.kind === 'Ingress') {
      for (const rule of asArray(spec.rules)) {
        hosts.add(typeof rule.host === 'string' ? rule.host : '*');
        for (const p of asArray(asRecord(rule.http).paths)) backends.add(String(asRecord(asRecord(p.backend).service).name));
      }
    }
  }
  return { gateways: [...gateways].sort(), hosts: [...hosts].sort(), backends: [...backends].sort() };
}

describe('graph command', () => {
  let dist: string;
  let profileFile: string;

  beforeAll(() => {
    dist = tempDir();
    const quiet = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      buildExampleApp({ outdir: dist }).synth();
    } finally {
      quiet.mockRestore();
    }
    profileFile = join(tempDir(), 'profile.json');
    writeFileSync(profileFile, JSON.stringify(exampleProfile.toJson()));
  });

  test('graph dist/ --format svg writes a valid SVG', async () => {
    // GIVEN
    const out = join(tempDir(), 'topology.svg');
    // WHEN
    const result = await capture([dist, '--format', 'svg', '--out', out]);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^graph: \d+ nodes, \d+ edges from \d+ objects( \((\d+ document\(s\) without apiVersion\/kind( and )?)?(\d+ kustomize files?)? ignored\))?; 0 error\(s\), \d+ warning\(s\) marked; wrote svg to /);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => { errors.push(`${level}: ${message}`); } })
      .parseFromString(readFileSync(out, 'utf8'), 'image/svg+xml');
    expect(errors).toEqual([]);
    expect(doc.documentElement?.nodeName).toBe('svg');
    const texts = Array.from(doc.getElementsByTagName('text')).map(t => t.textContent ?? '');
    expect(texts).toContain('external ingress gateway (AKS managed)');
  });

  test('graph dist/ --format mermaid prints a flowchart naming every gateway, host and backend service of the examples', async () => {
    // GIVEN
    const objects = readdirSync(dist).filter(f => f.endsWith('.yaml'))
      .flatMap(f => parseManifests(readFileSync(join(dist, f), 'utf8'), f)).map(m => m.object);
    const expected = expectedNames(objects);
    // WHEN
    const result = await capture([dist, '--format', 'mermaid', '--profile', profileFile]);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out.startsWith('flowchart LR\n')).toBe(true);
    const text = decodeMermaid(result.out);
    expect(expected.gateways).toEqual(expect.arrayContaining(['bookinfo-gateway-external', 'gateway', 'httpbin-gateway', 'istio-egressgateway']));
    expect(expected.hosts).toEqual(expect.arrayContaining(['*', 'admin.aks.rocks', 'edition.cnn.com', 'httpbin.example.com']));
    expect(expected.backends).toEqual(expect.arrayContaining(['productpage', 'store-front', 'httpbin', 'edition', 'asm-egress-test']));
    for (const name of expected.gateways) expect(text).toMatch(new RegExp(`(Gateway|Service) [a-z-]+/${name}\\b`));
    const nodeLabels = text.split('\n').map(l => /^ {2}n\d+\W+"([^"]*)"/.exec(l)?.[1] ?? '');
    for (const host of expected.hosts) expect(nodeLabels).toContain(host);
    for (const backend of expected.backends.filter(b => b !== 'edition' && b !== 'asm-egress-test')) {
      expect(text).toMatch(new RegExp(`Service [a-z-]+/${backend}\\b`));
    }
    expect(text).toContain('ServiceEntry egress-http/cnn\nedition.cnn.com');
    expect(text).toContain('egress gateway asm-egress-test (AKS managed)');
    // the findings of analyze are on the nodes (the seeds' open external gateway)
    expect(text).toMatch(/Istio Gateway bookinfo\/bookinfo-gateway-external\nserver HTTP :80 \*\nwarning AIM202/);
  });

  test('the same input gives the same bytes, in every format', async () => {
    for (const format of ['mermaid', 'dot', 'svg']) {
      const first = await capture([dist, '--format', format]);
      const second = await capture([dist, '--format', format]);
      expect(first.out.length).toBeGreaterThan(1000);
      expect(second.out).toBe(first.out);
    }
  });

  test('takes the format from the --out extension and defaults to Mermaid', async () => {
    // GIVEN
    const dir = tempDir();
    // WHEN
    const dot = await capture([dist, '--out', join(dir, 'topology.gv')]);
    const other = await capture([dist, '--out', join(dir, 'topology.txt')]);
    const stdout = await capture([dist, '--no-findings']);
    // THEN
    expect(dot.code).toBe(0);
    expect(readFileSync(join(dir, 'topology.gv'), 'utf8')).toMatch(/^digraph topology \{\n/);
    expect(other.code).toBe(0);
    expect(readFileSync(join(dir, 'topology.txt'), 'utf8')).toMatch(/^flowchart LR\n/);
    expect(stdout.out).toMatch(/^flowchart LR\n/);
    expect(stdout.out).not.toContain('AIM');
  });

  test('writes the picture and exits 1 when it marks errors, like analyze', async () => {
    // GIVEN: a VirtualService naming a Gateway that does not exist (AIM102)
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: shop, namespace: shop}\n'
      + 'spec: {hosts: [shop.example.com], gateways: [missing], http: [{route: [{destination: {host: cart}}]}]}\n');
    // WHEN
    const result = await capture([dir]);
    const unmarked = await capture([dir, '--no-findings']);
    // THEN
    expect(result.code).toBe(1);
    expect(result.err).toContain('1 error(s), 0 warning(s) marked');
    expect(decodeMermaid(result.out)).toContain('VirtualService shop/shop\nerror AIM102');
    expect(unmarked.code).toBe(0);
  });

  test('reads stdin through bin/aks-istio-mesh.js', () => {
    // GIVEN
    const bin = join(__dirname, '..', '..', 'bin', 'aks-istio-mesh.js');
    const yaml = 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: web}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\n'
      + 'metadata: {name: web, namespace: web}\nspec: {ingressClassName: nginx, rules: [{host: web.example.com, http: {paths: [{path: /, pathType: Prefix, '
      + 'backend: {service: {name: web, port: {number: 80}}}}]}}]}\n';
    // WHEN
    const result = spawnSync(process.execPath, [bin, 'graph', '-', '--format', 'dot'], { input: yaml, encoding: 'utf8' });
    // THEN
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^digraph topology \{\n/);
    expect(result.stdout).toContain('label="IngressClass nginx"');
    expect(result.stdout).toContain('label="Service web/web"');
    expect(result.stderr).toBe('graph: 4 nodes, 3 edges from 2 objects; 0 error(s), 0 warning(s) marked\n');
  });

  test('places objects without a namespace in --namespace, as analyze does', async () => {
    // GIVEN
    const dir = tempDir();
    writeFileSync(join(dir, 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart}\n'
      + 'spec: {hosts: [cart], http: [{route: [{destination: {host: cart}}]}]}\n');
    // WHEN
    const result = await capture([dir, '--namespace', 'shop', '--format', 'dot']);
    const bad = await capture([dir, '--namespace', 'Not_A_Namespace']);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out).toContain('label="namespace shop"');
    expect(result.out).toContain('label="VirtualService shop/cart"');
    expect(result.out).toContain('label="Service shop/cart\\nnot in the input"');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--namespace: "Not_A_Namespace" is not a namespace name');
  });

  test('walks folders as analyze does: node_modules and dot-folders skipped with one line on stderr, the picture on stdout', async () => {
    // GIVEN
    const dir = tempDir();
    writeFileSync(join(dir, 'vs.yaml'), 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: cart, namespace: shop}\n'
      + 'spec: {hosts: [cart], http: [{route: [{destination: {host: cart}}]}]}\n');
    for (const folder of ['node_modules/x', '.github/workflows']) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, 'seq.yaml'), '- not an object\n');
    }
    // WHEN
    const result = await capture([dir, '--format', 'dot']);
    // THEN
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^digraph /);
    expect(result.out).toContain('label="VirtualService shop/cart"');
    const [skippedLine, summary] = result.err.trimEnd().split('\n');
    expect(skippedLine).toBe(`aks-istio-mesh graph: skipped 2 folders: ${join(dir, '.github')}, ${join(dir, 'node_modules')}`
      + ' (node_modules and dot-folders are not searched; give a folder as a path to read it)');
    expect(summary).toMatch(/^graph: \d+ nodes, \d+ edges from 1 objects/);
  });

  test('fails with 2 on unusable input: unreadable path, bad profile, unwritable --out, unknown format', async () => {
    const missing = await capture(['/nonexistent/dist']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('/nonexistent/dist: cannot read');
    expect(missing.out).toBe('');
    const badProfile = join(tempDir(), 'profile.json');
    writeFileSync(badProfile, '{"revisions":"asm-1-30"}');
    const profile = await capture(['--profile', badProfile, dist]);
    expect(profile.code).toBe(2);
    expect(profile.err).toContain(`${badProfile}: not a usable mesh profile`);
    const unwritable = await capture([dist, '--out', '/nonexistent/dir/topology.svg']);
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toContain('--out /nonexistent/dir/topology.svg: cannot write');
    const format = await capture([dist, '--format', 'png']);
    expect(format.code).toBe(2);
  });
});
