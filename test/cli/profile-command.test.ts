import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { captureOutput as capture } from '../support/cli';
import { testProfile } from '../support/mesh-chart';


describe('aks-istio-mesh profile check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aim-profile-'));

  test('accepts a profile written by toJson', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(testProfile().toJson()));
    const io = capture();
    try {
      expect(await run(['node', 'aks-istio-mesh', 'profile', 'check', file])).toBe(0);
    } finally { io.restore(); }
    expect(io.out.join('')).toContain('valid mesh profile (revisions asm-1-30)');
  });

  test('fails with exit code 1 on an invalid profile and 2 on unreadable input', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ revisions: ['asm-1-27', 'asm-1-30'] }));
    const io = capture();
    try {
      expect(await run(['node', 'aks-istio-mesh', 'profile', 'check', bad])).toBe(1);
      expect(await run(['node', 'aks-istio-mesh', 'profile', 'check', join(dir, 'missing.json')])).toBe(2);
      expect(await run(['node', 'aks-istio-mesh', 'nonsense'])).toBe(2);
    } finally { io.restore(); }
    expect(io.err.join('')).toContain('$.revisions: during a canary upgrade must be one or two minors apart');
  });
});
