import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { captureOutput as capture } from '../support/cli';
import { testProfile } from '../support/mesh-chart';


const DIST = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/rev: asm-1-30
---
apiVersion: v1
kind: Namespace
metadata:
  name: pets
  labels:
    istio.io/rev: asm-1-30
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-shared-configmap-asm-1-30
  namespace: aks-istio-system
data:
  mesh: "{}"
`;

describe('aks-istio-mesh upgrade plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aim-upgrade-'));
  const profile = join(dir, 'profile.json');
  const dist = join(dir, 'dist');
  writeFileSync(profile, JSON.stringify(testProfile().toJson()));
  mkdirSync(dist);
  writeFileSync(join(dist, 'app.k8s.yaml'), DIST);

  async function plan(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const io = capture();
    try {
      const code = await run(['node', 'aks-istio-mesh', 'upgrade', 'plan', ...args]);
      return { code, out: io.out.join(''), err: io.err.join('') };
    } finally { io.restore(); }
  }

  test('prints the JSON plan with one migrate step per revision-labelled namespace of --dist', async () => {
    // WHEN
    const { code, out, err } = await plan('--profile', profile, '--to', 'asm-1-31', '--dist', dist, '--format', 'json');
    // THEN
    expect(code).toBe(0);
    const json = JSON.parse(out) as { from: string; to: string; phases: { name: string; steps: { kind: string; namespace?: string }[] }[] };
    expect(Object.keys(json)).toEqual(['from', 'to', 'phases']);
    expect([json.from, json.to]).toEqual(['asm-1-30', 'asm-1-31']);
    expect(json.phases.map(p => p.name)).toEqual(['canary', 'migrate', 'verify', 'complete', 'rollback']);
    expect(json.phases[1].steps.map(s => s.namespace)).toEqual(['pets', 'shop']);
    for (const step of json.phases.flatMap(p => p.steps)) {
      expect(['terraform', 'kubectl', 'az', 'check']).toContain(step.kind);
      expect(Object.keys(step).every(k => ['kind', 'description', 'command', 'namespace'].includes(k))).toBe(true);
    }
    expect(err).toContain("warning: target revision 'asm-1-31' is not in the known-revision table");
  });

  test('--dist walks the folder as analyze does: node_modules and dot-folders skipped, said once on stderr', async () => {
    // GIVEN
    const walked = join(dir, 'walked');
    mkdirSync(join(walked, 'node_modules', 'x'), { recursive: true });
    mkdirSync(join(walked, '.cache'));
    writeFileSync(join(walked, 'app.k8s.yaml'), DIST);
    writeFileSync(join(walked, 'node_modules', 'x', 'seq.json'), '[1]');
    writeFileSync(join(walked, '.cache', 'seq.yaml'), '- 1\n');
    // WHEN
    const { code, out, err } = await plan('--profile', profile, '--to', 'asm-1-31', '--dist', walked, '--format', 'json');
    // THEN
    expect(code).toBe(0);
    const json = JSON.parse(out) as { phases: { name: string; steps: { namespace?: string }[] }[] };
    expect(json.phases[1].steps.map(s => s.namespace)).toEqual(['pets', 'shop']);
    expect(err).toContain(`aks-istio-mesh upgrade plan: skipped 2 folders: ${join(walked, '.cache')}, ${join(walked, 'node_modules')}`
      + ' (node_modules and dot-folders are not searched; give a folder as a path to read it)\n');
  });

  test('prints a numbered text plan with the commands', async () => {
    const { code, out } = await plan('--profile', profile, '--to', 'asm-1-31', '--via', 'az', '--resource-group', 'rg', '--name', 'aks');
    expect(code).toBe(0);
    expect(out).toContain('Canary upgrade asm-1-30 -> asm-1-31');
    expect(out).toContain('$ az aks mesh upgrade start --resource-group rg --name aks --revision asm-1-31');
    expect(out).toContain('rollback (instead of complete, if verify fails):');
  });

  test('fails with exit 2 and a one-line reason on an impossible target', async () => {
    for (const [to, reason] of [
      ['asm-1-30', 'is the revision the mesh already runs'],
      ['asm-1-29', 'AKS does not downgrade'],
      ['asm-1-33', 'AKS upgrades to n+1 or n+2 only'],
      ['1.31', 'is not a revision name of the form asm-1-N'],
    ]) {
      const { code, out, err } = await plan('--profile', profile, '--to', to);
      expect(code).toBe(2);
      expect(out).toEqual('');
      expect(err).toContain(reason);
      expect(err.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  test('fails with exit 2 on unusable input', async () => {
    expect((await plan('--profile', join(dir, 'missing.json'), '--to', 'asm-1-31')).code).toBe(2);
    expect((await plan('--profile', profile, '--to', 'asm-1-31', '--dist', join(dir, 'nope'))).code).toBe(2);
    const wave = await plan('--profile', profile, '--to', 'asm-1-31', '--wave-size', '0');
    expect([wave.code, wave.err]).toEqual([2, 'aks-istio-mesh: upgrade plan: --wave-size must be a whole number of 1 or more, got "0"\n']);
    expect((await plan('--profile', profile)).code).toBe(2);
  });
});
