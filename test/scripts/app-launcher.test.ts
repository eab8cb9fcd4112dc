import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundleName, prepareBundle } from '../../scripts/app-launcher.cjs';

const LAUNCHER = path.resolve(__dirname, '..', '..', 'scripts', 'app-launcher.cjs');

/** A two-file TypeScript app in a fresh directory: main.ts prints what lib/index.ts exports. */
function tempApp(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-launcher-'));
  fs.mkdirSync(path.join(root, 'lib'));
  fs.writeFileSync(path.join(root, 'lib', 'index.ts'), "export const message: string = 'v1';\nexport const dir: string = __dirname;\n");
  fs.writeFileSync(path.join(root, 'main.ts'), "import { dir, message } from './lib';\nconsole.log(message);\nconsole.error(`dir ${dir}`);\n");
  return root;
}

function write(file: string, text: string): void {
  fs.writeFileSync(file, text);
  // A different mtime than the build saw, even on file systems with coarse timestamps.
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(file, later, later);
}

function launch(root: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [LAUNCHER, 'main.ts'], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('app-launcher', () => {
  let root: string;
  let cacheDir: string;
  beforeEach(() => {
    root = tempApp();
    cacheDir = path.join(root, 'cache');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('builds once, then reuses the bundle while nothing changed', async () => {
    // GIVEN no cached bundle
    const first = await prepareBundle({ entry: 'main.ts', root, cacheDir });
    // WHEN nothing changed
    const second = await prepareBundle({ entry: 'main.ts', root, cacheDir });
    // THEN
    expect(first).toEqual({ bundle: path.join(cacheDir, 'main.cjs'), rebuilt: true, reason: 'no cached bundle' });
    expect(second).toEqual({ bundle: first.bundle, rebuilt: false, reason: 'up to date' });
    expect(fs.readFileSync(first.bundle, 'utf8')).toContain('//# sourceMappingURL=main.cjs.map');
    expect(fs.existsSync(`${first.bundle}.map`)).toBe(true);
  });

  test('rebuilds when an imported file changes, even to the same size', async () => {
    await prepareBundle({ entry: 'main.ts', root, cacheDir });
    write(path.join(root, 'lib', 'index.ts'), "export const message: string = 'v2';\nexport const dir: string = __dirname;\n");
    const r = await prepareBundle({ entry: 'main.ts', root, cacheDir });
    expect(r.rebuilt).toBe(true);
    expect(r.reason).toBe(`${path.join(root, 'lib', 'index.ts')} changed`);
    expect(fs.readFileSync(r.bundle, 'utf8')).toContain('"v2"');
  });

  test('keeps the bundle when only the mtime changed (touch, checkout)', async () => {
    await prepareBundle({ entry: 'main.ts', root, cacheDir });
    write(path.join(root, 'lib', 'index.ts'), "export const message: string = 'v1';\nexport const dir: string = __dirname;\n");
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).rebuilt).toBe(false);
    // The new mtime was recorded: still up to date without hashing again.
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).reason).toBe('up to date');
  });

  test('rebuilds when a new file changes what an import resolves to', async () => {
    // GIVEN './lib' resolves to lib/index.ts
    await prepareBundle({ entry: 'main.ts', root, cacheDir });
    // WHEN lib.ts appears next to lib/, which esbuild prefers
    fs.writeFileSync(path.join(root, 'lib.ts'), "export const message: string = 'shadow';\nexport const dir = '';\n");
    const r = await prepareBundle({ entry: 'main.ts', root, cacheDir });
    // THEN
    expect(r.rebuilt).toBe(true);
    expect(r.reason).toBe(`files added to or removed from ${root}`);
    expect(fs.readFileSync(r.bundle, 'utf8')).toContain('"shadow"');
  });

  test('ignores files no import can resolve to (editor swap files)', async () => {
    await prepareBundle({ entry: 'main.ts', root, cacheDir });
    fs.writeFileSync(path.join(root, 'lib', '.index.ts.swp'), 'x');
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).rebuilt).toBe(false);
  });

  test('rebuilds when a tsconfig.json appears, or a deleted input, or the bundle is gone', async () => {
    const { bundle } = await prepareBundle({ entry: 'main.ts', root, cacheDir });
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{}');
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).reason).toBe(`${path.join(root, 'tsconfig.json')} appeared`);
    fs.rmSync(bundle);
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).reason).toBe('bundle missing');
    fs.rmSync(path.join(root, 'lib', 'index.ts'));
    fs.writeFileSync(path.join(root, 'lib.ts'), "export const message = 'moved';\nexport const dir = '';\n");
    expect((await prepareBundle({ entry: 'main.ts', root, cacheDir })).reason).toBe(`${path.join(root, 'lib', 'index.ts')} deleted`);
  });

  test('fails when the entry does not exist, naming it and what would work', async () => {
    await expect(prepareBundle({ entry: 'nope.ts', root, cacheDir })).rejects.toThrow(
      `app-launcher: entry nope.ts not found (resolved to ${path.join(root, 'nope.ts')}); pass the app's .ts file, e.g. examples/main.ts`);
  });

  test('names the bundle after the entry path', () => {
    expect(bundleName('/p', '/p/examples/azure/main.ts')).toBe('examples__azure__main.cjs');
  });

  test('runs the app, picks up an edit at once, and reports errors at the TypeScript line', () => {
    // GIVEN the launcher ran the app once (bundle cached in the app's node_modules/.cache), where each module
    // saw its own __dirname rather than the bundle's
    expect(launch(root)).toMatchObject({ status: 0, stdout: 'v1\n', stderr: `dir ${path.join(root, 'lib')}\n` });
    expect(fs.existsSync(path.join(root, 'node_modules', '.cache', 'aks-istio-mesh', 'main.cjs'))).toBe(true);
    // WHEN the library file is edited to throw on line 3
    write(path.join(root, 'lib', 'index.ts'), "export const dir: string = __dirname;\nexport const message: string = 'v2';\nif (message === 'v2') throw new Error('boom');\n");
    const r = launch(root);
    // THEN the new code ran, and the stack points at the .ts file
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: boom');
    expect(r.stderr).toContain(`${path.join(root, 'lib', 'index.ts')}:3`);
  // Two node processes: about 1 s on a quiet machine, several times that on a busy one.
  }, 30_000);
});
