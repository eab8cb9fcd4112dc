import '@microsoft/jest-sarif';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ALL_RULES, analyze, MeshRule, MissingGateway } from '../../src/analysis';
import { analyzeCommand } from '../../src/cli/analyze-command';
import { run } from '../../src/cli/main';

const VS = (name: string, gateway: string, ns?: string) => `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: ${name}
${ns !== undefined ? `  namespace: ${ns}\n` : ''}spec:
  hosts: [${name}.example.com]
  gateways: [${gateway}]
`;
const LEGACY_NS = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: legacy\n  labels:\n    istio-injection: enabled\n';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(s => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(s => { err += String(s); return true; });
  try {
    return { code: await run(['node', 'aks-istio-mesh', ...argv]), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Gives AIM102 an upstream code and docs page for the test when it has none yet. */
function withUpstream(rule: MeshRule): { istioCode: string; docs: string; restore: () => void } {
  const mutable = rule as { istioCode?: string; docs?: string };
  const before = { istioCode: mutable.istioCode, docs: mutable.docs };
  mutable.istioCode = before.istioCode ?? 'IST0101';
  mutable.docs = before.docs ?? 'https://istio.io/latest/docs/reference/config/analysis/ist0101/';
  return {
    istioCode: mutable.istioCode,
    docs: mutable.docs,
    restore: () => { mutable.istioCode = before.istioCode; mutable.docs = before.docs; },
  };
}

/** A folder in the working directory, so paths (and SARIF URIs) are relative as in a repository checkout. */
function repoDir(): string {
  const base = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(base, { recursive: true });
  return relative(process.cwd(), mkdtempSync(join(base, 'aim-out-')));
}

describe('analyze output', () => {
  let upstream: ReturnType<typeof withUpstream>;
  beforeEach(() => { upstream = withUpstream(MissingGateway); });
  afterEach(() => upstream.restore());

  test('text names the upstream code next to the rule code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-out-'));
    writeFileSync(join(dir, 'vs.yaml'), VS('a', 'missing', 'shop'));
    const r = await cli('analyze', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${join(dir, 'vs.yaml')}:1: error AIM102 (${upstream.istioCode}) VirtualService shop/a lists gateway "missing"`);
  });

  test('json findings carry istioCode, docs and line; rules without them leave them out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-out-'));
    writeFileSync(join(dir, 'all.yaml'), `${LEGACY_NS}---\n${VS('a', 'missing', 'shop')}`);
    const r = await cli('analyze', '--format', 'json', dir);
    const findings: Record<string, unknown>[] = JSON.parse(r.out).findings;
    const aim102 = findings.find(f => f.code === 'AIM102');
    expect(aim102).toMatchObject({ code: 'AIM102', istioCode: upstream.istioCode, docs: upstream.docs, file: join(dir, 'all.yaml'), line: 8 });
    const aim114 = findings.find(f => f.code === 'AIM114');
    expect(aim114).toMatchObject({ code: 'AIM114', line: 1 });
    if (ALL_RULES.find(rule => rule.code === 'AIM114')?.istioCode === undefined) expect(aim114).not.toHaveProperty('istioCode');
  });

  test('sarif is a valid SARIF 2.1.0 log with rules, help and locations', async () => {
    const dir = repoDir();
    writeFileSync(join(dir, 'vs.yaml'), `${LEGACY_NS}---\n${VS('a', 'missing', 'shop')}`);
    const r = await cli('analyze', '--format', 'sarif', dir);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log).toBeValidSarifLog();
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('aks-istio-mesh');
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(ALL_RULES.map(rule => rule.code));
    const rule = driver.rules.find((x: { id: string }) => x.id === 'AIM102');
    expect(rule).toMatchObject({
      shortDescription: { text: expect.stringContaining('VirtualService') },
      fullDescription: { text: MissingGateway.explanation },
      help: { text: expect.stringContaining(`Fix: ${MissingGateway.fix}`) },
      helpUri: upstream.docs,
      defaultConfiguration: { level: 'error' },
      properties: { istioCode: upstream.istioCode },
    });
    const results: Record<string, unknown>[] = log.runs[0].results;
    expect(results.map(x => x.ruleId)).toEqual(['AIM114', 'AIM102']);
    expect(results[1]).toMatchObject({
      ruleId: 'AIM102',
      ruleIndex: ALL_RULES.findIndex(x => x.code === 'AIM102'),
      level: 'error',
      message: { text: expect.stringContaining('lists gateway "missing"') },
      locations: [{
        physicalLocation: { artifactLocation: { uri: `${dir.split('/').join('/')}/vs.yaml` }, region: { startLine: 8 } },
        logicalLocations: [{ name: 'a', fullyQualifiedName: 'VirtualService shop/a', kind: 'resource' }],
      }],
    });
    expect(results[0]).toMatchObject({ ruleId: 'AIM114', level: 'warning' });
    rmSync(dir, { recursive: true });
  });

  test('sarif of a clean set and of stdin (no file to point at) is valid too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-out-'));
    writeFileSync(join(dir, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
    const clean = JSON.parse((await cli('analyze', '--format', 'sarif', dir)).out);
    expect(clean).toBeValidSarifLog();
    expect(clean.runs[0].results).toEqual([]);
    // A finding read from stdin has no artifact: the object is its only location.
    let out = '';
    const io = { stdout: (t: string) => { out += t; }, stderr: () => undefined, readStdin: () => VS('a', 'missing', 'shop') };
    await analyzeCommand(() => undefined, io).parseAsync(['--format', 'sarif', '-'], { from: 'user' });
    const stdin = JSON.parse(out);
    expect(stdin).toBeValidSarifLog();
    expect(stdin.runs[0].results[0].locations).toEqual([{ logicalLocations: [{ name: 'a', fullyQualifiedName: 'VirtualService shop/a', kind: 'resource' }] }]);
  });

  test('the SARIF schema check can fail', () => {
    expect({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'AIM102', level: 'fatal', message: { text: 'm' } }] }] }).not.toBeValidSarifLog();
  });

  test('findings are sorted by file, line and code, the same on every run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-out-'));
    writeFileSync(join(dir, 'b.yaml'), `${VS('z', 'missing', 'shop')}---\n${LEGACY_NS}`);
    writeFileSync(join(dir, 'a.yaml'), `${VS('y', 'gone', 'shop')}---\n${VS('x', 'missing', 'shop')}`);
    const first = await cli('analyze', dir);
    const where = first.out.split('\n').filter(l => l.includes(' AIM')).map(l => l.replace(/ (error|warning) (AIM\d+).*/, ' $2').replace(`${dir}/`, ''));
    expect(where).toEqual(['a.yaml:1: AIM102', 'a.yaml:10: AIM102', 'b.yaml:1: AIM102', 'b.yaml:10: AIM114']);
    expect((await cli('analyze', dir)).out).toBe(first.out);
  });

  test('objects without a namespace are read in --namespace (default "default"), cluster-scoped kinds in none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aim-out-'));
    writeFileSync(join(dir, 'vs.yaml'), `${VS('a', 'missing')}---\n${LEGACY_NS}`);
    const byDefault = JSON.parse((await cli('analyze', '--format', 'json', dir)).out).findings;
    expect(byDefault.map((f: { object: { namespace: string | null } }) => f.object.namespace)).toEqual(['default', null]);
    const team = JSON.parse((await cli('analyze', '--format', 'json', '--namespace', 'team', dir)).out).findings;
    expect(team[0].object).toEqual({ apiVersion: 'networking.istio.io/v1beta1', kind: 'VirtualService', namespace: 'team', name: 'a' });
    expect(team[0].message).toContain('there is no Istio Gateway team/missing');
    const bad = await cli('analyze', '--namespace', 'Not_A_Name', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--namespace: "Not_A_Name" is not a namespace name');
  });
});

describe('analyze() order', () => {
  test('in-memory findings (no file) keep code order, then input order', () => {
    const objects = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy', labels: { 'istio-injection': 'enabled' } } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'b', namespace: 's' }, spec: { gateways: ['missing'] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'a', namespace: 's' }, spec: { gateways: ['missing'] } },
    ];
    const findings = analyze(objects.map(object => ({ object })));
    expect(findings.map(f => `${f.code} ${f.object.name}`)).toEqual(['AIM102 b', 'AIM102 a', 'AIM114 legacy']);
  });
});
