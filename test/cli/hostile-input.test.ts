import { execFileSync, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_RULES } from '../../src/analysis';
import { run } from '../../src/cli/main';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'aks-istio-mesh.js');
const REPORT_RSS = join(ROOT, 'test', 'support', 'report-rss.js');
/**
 * Every hostile input must end within this much CPU time. Wall time on a shared machine depends on its load, so
 * the bound is checked on CPU time; hangs are caught by killing the process after `HANG_MS` of wall time.
 */
const BOUND_MS = 10_000;
const HANG_MS = 60_000;
const MAX_RSS_KIB = 512 * 1024;

const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\n`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'aim-hostile-'));
}

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface Result { code: number; out: string; err: string }

/** Runs the CLI in-process through `run()`, capturing what it writes. */
async function cli(...argv: string[]): Promise<Result> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(s => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(s => { err += String(s); return true; });
  try {
    const code = await run(['node', 'aks-istio-mesh', ...argv]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

interface Spawned extends Result { rssKib: number; cpuMs: number; raw: SpawnSyncReturns<string> }

/** Runs bin/aks-istio-mesh.js in its own process, killed after the bound, measuring peak memory. */
function spawnCli(args: string[], options: { input?: string; uid?: number } = {}): Spawned {
  const rssFile = join(tempDir(), 'rss');
  if (options.uid !== undefined) chmodSync(join(rssFile, '..'), 0o777);
  const raw = spawnSync(process.execPath, ['--require', REPORT_RSS, BIN, ...args], {
    encoding: 'utf8',
    timeout: HANG_MS,
    input: options.input ?? '',
    env: { ...process.env, AIM_RSS_FILE: rssFile },
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  let usage: { maxRssKib: number; cpuMs: number } = { maxRssKib: Number.NaN, cpuMs: Number.NaN };
  try { usage = JSON.parse(readFileSync(rssFile, 'utf8')); } catch { /* killed before exit: NaN fails the bounds */ }
  return { code: raw.status ?? -1, out: raw.stdout, err: raw.stderr, rssKib: usage.maxRssKib, cpuMs: usage.cpuMs, raw };
}

/** CPU time (user + system) of `fn` in this process, in ms. */
async function cpuMsOf<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
}

/** One line on stderr, no stack trace. */
function expectOneLine(err: string, ...parts: string[]): void {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  for (const p of parts) expect(err).toContain(p);
}

function billionLaughs(): string {
  const levels = 'abcdefghij'.split('');
  const lines = [`  a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels.length; i++) lines.push(`  ${levels[i]}: &${levels[i]} [${Array(9).fill(`*${levels[i - 1]}`).join(', ')}]`);
  return `${CM('bomb')}data:\n${lines.join('\n')}\n`;
}

describe('analyze on hostile input', () => {
  test('an alias bomb exits 2 naming file and line', async () => {
    const path = write(tempDir(), 'bomb.yaml', billionLaughs());
    const r = await cli('analyze', path);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}:1: too many alias expansions`);
  });

  test.each([
    ['flow', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'['.repeat(10000)}${']'.repeat(10000)}\n`],
    ['block', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\n${Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')}\n`],
  ])('10,000-deep %s nesting exits 2 with one line, within the bound', async (_, text) => {
    const path = write(tempDir(), 'deep.yaml', text);
    const [r, cpuMs] = await cpuMsOf(() => cli('analyze', path));
    expect(r.code).toBe(2);
    expectOneLine(r.err, path, 'nested too deeply');
    expect(cpuMs).toBeLessThan(BOUND_MS);
  }, HANG_MS);

  test.each([
    ['sequences', `${'['.repeat(10000)}${']'.repeat(10000)}`],
    ['mappings', `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}`],
    ['sequences in an object', `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(10000)}${']'.repeat(10000)}}`],
    ['sequences in a mapping without apiVersion/kind', `{"packages":${'['.repeat(10000)}${']'.repeat(10000)}}`],
  ])('10,000-deep JSON %s exits 2 with one line, within the bound', async (_, text) => {
    // JSON.parse reads these without overflowing; they must still be refused, as the YAML parser refused them.
    const path = write(tempDir(), 'deep.json', text);
    const [r, cpuMs] = await cpuMsOf(() => cli('analyze', path));
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}:1: nested too deeply`);
    expect(cpuMs).toBeLessThan(BOUND_MS);
  }, HANG_MS);

  test('two 10,000-deep documents in one file exit 2, not 134 (a V8 abort), in a process of their own', () => {
    const deep = `${'['.repeat(10000)}${']'.repeat(10000)}\n`;
    const path = write(tempDir(), 'deep.yaml', `${deep}---\n${deep}`);
    const r = spawnCli(['analyze', path]);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}:1: nested too deeply`);
    expect(r.cpuMs).toBeLessThan(BOUND_MS);
  }, HANG_MS);

  test('a JSON file gets the same size, binary and UTF-8 checks before any parse', async () => {
    const dir = tempDir();
    const lock = write(dir, 'package-lock.json', JSON.stringify({ name: 'app', packages: { a: { version: '1.0.0' } } }, null, 2).padEnd(2000, ' '));
    const big = await cli('analyze', '--max-bytes', '1Ki', lock);
    expect(big.code).toBe(2);
    expectOneLine(big.err, `${lock}: 2000 bytes is over the --max-bytes limit of 1024 bytes`);
    const binary = write(dir, 'binary.json', Buffer.from('{\n"a": "\u0000"\n}'));
    const nul = await cli('analyze', binary);
    expect(nul.code).toBe(2);
    expectOneLine(nul.err, `${binary}:2: binary file (a NUL byte at offset`);
    const latin1 = write(dir, 'latin1.json', Buffer.concat([Buffer.from('{"city": "M'), Buffer.from([0xfc]), Buffer.from('nchen"}')]));
    const bad = await cli('analyze', latin1);
    expect(bad.code).toBe(2);
    expectOneLine(bad.err, `${latin1}:1: invalid UTF-8 (byte 0xfc at offset 11)`);
  });

  test('a 50 MB scalar is refused without gigabytes of memory', () => {
    const dir = tempDir();
    const path = write(dir, 'big.yaml', `${CM('big')}  annotations:\n    a: "${'x'.repeat(50 * 1024 * 1024)}"\n`);
    const r = spawnCli(['analyze', path]);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}:7: a single value of 50.0 MiB`);
    expect(r.cpuMs).toBeLessThan(BOUND_MS);
    expect(r.rssKib).toBeLessThan(MAX_RSS_KIB);
  }, HANG_MS);

  test('a file over --max-bytes is refused from its size alone (a sparse 100 MiB file is never read)', async () => {
    const dir = tempDir();
    const sparse = join(dir, 'huge.yaml');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    const r = await cli('analyze', sparse);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${sparse}: 104857600 bytes is over the --max-bytes limit of 67108864 bytes`);
    // A smaller limit, with a unit.
    const small = write(dir, 'small.yaml', CM('a').repeat(1).padEnd(2000, '#'));
    const limited = await cli('analyze', '--max-bytes', '1Ki', small);
    expect(limited.code).toBe(2);
    expectOneLine(limited.err, `${small}: 2000 bytes is over the --max-bytes limit of 1024 bytes`);
    expect((await cli('analyze', '--max-bytes', 'lots', small)).err).toContain('--max-bytes: "lots" is not a size');
  });

  test('binary files, UTF-16 and invalid UTF-8 exit 2 naming the file', async () => {
    const dir = tempDir();
    const binary = write(dir, 'image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const r1 = await cli('analyze', binary);
    expect(r1.code).toBe(2);
    expectOneLine(r1.err, `${binary}:3: binary file (a NUL byte at offset 8)`);
    const latin1 = write(dir, 'latin1.yaml', Buffer.concat([Buffer.from(`${CM('a')}data:\n  city: "M`), Buffer.from([0xfc]), Buffer.from('nchen"\n')]));
    const r2 = await cli('analyze', latin1);
    expect(r2.code).toBe(2);
    expectOneLine(r2.err, `${latin1}:7: invalid UTF-8 (byte 0xfc at offset`);
    const utf16 = write(dir, 'utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CM('a'), 'utf16le')]));
    const r3 = await cli('analyze', utf16);
    expect(r3.code).toBe(2);
    expectOneLine(r3.err, `${utf16}: UTF-16 text`);
    // A UTF-8 byte order mark is fine.
    const bom = write(dir, 'bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CM('a'))]));
    expect((await cli('analyze', bom)).code).toBe(0);
  });

  test('empty files exit 0 with nothing found', async () => {
    const dir = tempDir();
    write(dir, 'empty.yaml', '');
    write(dir, 'comments.yml', '# nothing here\n---\n');
    const r = await cli('analyze', dir);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe('0 objects, 0 error(s), 0 warning(s)\n');
  });

  test.each([
    ['a bare scalar', 'hello world\n', 'the document is a string scalar'],
    ['a top-level sequence', '- a\n- b\n', 'the document is a sequence'],
  ])('%s exits 2 with one line, never a crash', async (_, text, message) => {
    const path = write(tempDir(), 'odd.yaml', text);
    const r = await cli('analyze', path);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}:1: ${message}`);
  });
});

describe('analyze on hostile paths', () => {
  test('a nonexistent path exits 2', async () => {
    const r = await cli('analyze', '/nonexistent/x.yaml');
    expect(r.code).toBe(2);
    expectOneLine(r.err, '/nonexistent/x.yaml: cannot read: no such file or directory');
  });

  test('an unreadable file exits 2 (as an unprivileged user: root reads anything)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const path = write(dir, 'secret.yaml', CM('a'));
    chmodSync(path, 0o000);
    const isRoot = process.getuid?.() === 0;
    // Root ignores file permissions, so the check runs as "nobody" (uid 65534); the repository must be world-readable.
    const r = spawnCli(['analyze', path], isRoot ? { uid: 65534 } : {});
    if (r.code !== 2 && /EACCES|permission denied/i.test(r.err) && !r.err.includes(path)) {
      // eslint-disable-next-line no-console
      console.warn(`skipped: nobody cannot run the CLI from ${ROOT} (${r.err.split('\n')[0]})`);
      return;
    }
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}: cannot read: permission denied`);
  }, HANG_MS);

  test('a FIFO is refused without blocking, named or inside a folder', () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const named = spawnCli(['analyze', fifo]);
    expect(named.code).toBe(2);
    expectOneLine(named.err, `${fifo}: a FIFO (named pipe); only regular files are read`);
    const inFolder = spawnCli(['analyze', dir]);
    expect(inFolder.code).toBe(2);
    expectOneLine(inFolder.err, `${fifo}: a FIFO (named pipe)`);
  }, HANG_MS);

  test('a socket and a device are refused', async () => {
    const dir = tempDir();
    const socket = join(dir, 'sock.yaml');
    const server: Server = createServer();
    await new Promise<void>(resolve => server.listen(socket, resolve));
    try {
      const r = await cli('analyze', socket);
      expect(r.code).toBe(2);
      expectOneLine(r.err, `${socket}: a socket; only regular files are read`);
    } finally {
      await new Promise<void>(resolve => server.close(() => resolve()));
    }
    const dev = await cli('analyze', '/dev/zero');
    expect(dev.code).toBe(2);
    expectOneLine(dev.err, '/dev/zero: a character device');
  });

  test('a symlink loop named directly exits 2; inside a folder it is skipped with a warning and the rest analysed', async () => {
    const dir = tempDir();
    write(dir, 'a.yaml', CM('a'));
    symlinkSync('loop.yaml', join(dir, 'loop.yaml'));
    const named = await cli('analyze', join(dir, 'loop.yaml'));
    expect(named.code).toBe(2);
    expectOneLine(named.err, `${join(dir, 'loop.yaml')}: cannot read: symbolic link loop`);
    const folder = await cli('analyze', dir);
    expect(folder.code).toBe(0);
    expectOneLine(folder.err, `${join(dir, 'loop.yaml')}: cannot follow link: symbolic link loop`, 'skipped');
    expect(folder.out).toContain('1 objects, 0 error(s)');
  });

  test('a directory cycle visits each real directory once: no object is read twice', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    write(dir, 'a.yaml', CM('a'));
    write(join(dir, 'sub'), 'b.yaml', CM('b'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('a.yaml', join(dir, 'same.yaml'));
    const r = await cli('analyze', '--format', 'json', dir, join(dir, 'sub'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings).toEqual([]);
    const text = await cli('analyze', dir);
    expect(text.out).toContain('2 objects, 0 error(s)');
  });

  test('a directory of 20,000 small files is read within the bound', async () => {
    const dir = tempDir();
    for (let i = 0; i < 20_000; i++) writeFileSync(join(dir, `cm-${i}.yaml`), CM(`cm-${i}`));
    const [r, cpuMs] = await cpuMsOf(() => cli('analyze', dir));
    expect(r.code).toBe(0);
    expect(r.out).toContain('20000 objects, 0 error(s)');
    expect(cpuMs).toBeLessThan(BOUND_MS);
  }, HANG_MS);

  test('- reads stdin, with the same checks', () => {
    const ok = spawnCli(['analyze', '-'], { input: CM('a') });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('1 objects');
    const big = spawnCli(['analyze', '--max-bytes', '10', '-'], { input: CM('a').repeat(10_000) });
    expect(big.code).toBe(2);
    expectOneLine(big.err, '<stdin>: ', 'over the --max-bytes limit of 10 bytes');
  }, HANG_MS);
});

describe('analyze output and failures', () => {
  test('a reader that closes the pipe early ends the command quietly', () => {
    const dir = tempDir();
    // About 200 KB of findings: more than a pipe holds, so the writer meets the closed pipe.
    const bad = Array.from({ length: 1000 }, (_, i) => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs-${i}, namespace: shop}\nspec: {hosts: [h${i}.example.com], gateways: [missing]}\n`).join('---\n');
    write(dir, 'bad.yaml', bad);
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" analyze "${dir}" | head -1`], { encoding: 'utf8', timeout: HANG_MS });
    expect(r.stdout.split('\n').filter(l => l !== '')).toHaveLength(1);
    expect(r.stderr).toBe('');
  }, HANG_MS);

  test('an internal error prints one line with how to report it and exits 3; --debug adds the stack', async () => {
    const rule = ALL_RULES[0];
    const spy = jest.spyOn(rule, 'check').mockImplementation(() => { throw new TypeError('boom'); });
    try {
      const path = write(tempDir(), 'a.yaml', CM('a'));
      const r = await cli('analyze', path);
      expect(r.code).toBe(3);
      expectOneLine(r.err, 'aks-istio-mesh: internal error: TypeError: boom; this is a bug in aks-istio-mesh: please report it', '--debug');
      const debug = await cli('analyze', '--debug', path);
      expect(debug.code).toBe(3);
      expect(debug.err.split('\n').length).toBeGreaterThan(3);
      expect(debug.err).toMatch(/\n\s+at /);
    } finally {
      spy.mockRestore();
    }
  });

  test('--help documents the exit codes', async () => {
    for (const argv of [['--help'], ['analyze', '--help']]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Exit codes:');
      expect(r.out).toMatch(/2 {2}unusable input/);
      expect(r.out).toMatch(/3 {2}internal error/);
    }
  });
});

describe('profile check on hostile input', () => {
  test.each([
    ['missing', (dir: string) => join(dir, 'missing.json'), 'cannot read: no such file or directory'],
    ['binary', (dir: string) => write(dir, 'p.json', Buffer.from([0x7b, 0x00, 0x7d])), ':1: binary file'],
    ['not JSON', (dir: string) => write(dir, 'p.json', '{revisions: ['), 'not JSON'],
    ['a FIFO', (dir: string) => { const p = join(dir, 'p.json'); execFileSync('mkfifo', [p]); return p; }, 'a FIFO (named pipe)'],
    ['a directory', (dir: string) => dir, 'is a directory'],
  ])('%s exits 2 with one line naming the file', async (_, make, message) => {
    const path = make(tempDir());
    const r = await cli('profile', 'check', path);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}${message.startsWith(':') ? '' : ': '}${message}`);
  });

  test('a file over --max-bytes exits 2', async () => {
    const path = write(tempDir(), 'p.json', JSON.stringify({ revisions: ['asm-1-30'] }));
    const r = await cli('profile', 'check', '--max-bytes', '8', path);
    expect(r.code).toBe(2);
    expectOneLine(r.err, `${path}: 26 bytes is over the --max-bytes limit of 8 bytes`);
  });
});
