import { closeSync, constants, Dirent, fstatSync, openSync, readdirSync, readFileSync, readSync, Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { Manifest } from '../analysis/finding';
import { ManifestParseError, parseManifests } from '../analysis/yaml-input';
import { CliInputError } from './cli-error';

/** Files a folder walk reads. */
const MANIFEST_FILE = /\.(ya?ml|json)$/;

/** How many skipped folders the warning names; the rest are counted. */
const SKIPPED_NAMED = 3;

/**
 * Folders a walk does not enter: installed dependencies and dot-folders (`.git`, `.github`, `.terraform`),
 * as ESLint and Prettier do. A folder given by path is read all the same.
 */
function notSearched(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** The one warning for the folders a run skipped: a count and the first few paths. */
function skippedMessage(skipped: readonly string[]): string {
  const named = skipped.slice(0, SKIPPED_NAMED).join(', ');
  const more = skipped.length > SKIPPED_NAMED ? ` and ${skipped.length - SKIPPED_NAMED} more` : '';
  return `skipped ${skipped.length} folder${skipped.length === 1 ? '' : 's'}: ${named}${more}`
    + ' (node_modules and dot-folders are not searched; give a folder as a path to read it)';
}

/** The default `--max-bytes`: the largest file (or stdin) a command reads. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/** The namespace objects without one are read in, as kubectl's. */
export const DEFAULT_NAMESPACE = 'default';

/** Where the reader gets standard input from; replaced in tests. */
export interface ManifestInputIo {
  /**
   * Reads all of standard input. Given the byte limit, a reader should stop early (`readStdinLimited` does);
   * the reader checks the limit again on what it returns.
   */
  readonly readStdin: (maxBytes: number) => string | Buffer;
}

/** Options for `readManifests`. */
export interface ReadManifestsOptions {
  /**
   * Namespace for objects that set none (cluster-scoped kinds excepted), as `kubectl apply -n` would.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The largest file, or standard input, read, in bytes; larger ones are refused before they are read.
   * @default DEFAULT_MAX_BYTES (64 MiB)
   */
  readonly maxBytes?: number;
  /**
   * Told about what a folder walk leaves out: each symbolic link that cannot be followed (loops, dangling links),
   * skipped so the rest of the folder is still read, and once per call the `node_modules` and dot-folders it did
   * not enter (their count and the first few paths). A path given by name that cannot be read is an error instead.
   * @default - one line on stderr per message
   */
  readonly warn?: (message: string) => void;
}

/**
 * The one reader for YAML input, shared by every command that reads manifests (`analyze`,
 * `upgrade plan --dist`, `graph`): files, folders (recursively, `.yaml`/`.yml`/`.json` files,
 * in sorted order) and `-` for stdin.
 *
 * A folder walk does not enter `node_modules` nor dot-folders (`.git`, `.github`, `.terraform`, ...), so
 * `analyze .` at the root of a repository reads its manifests, not its dependencies; `warn` is told once which
 * folders were skipped. A path given by name is always read, even `node_modules/x` or `.github/k8s`.
 *
 * Each real file and directory is read once, however many paths or symbolic links lead to it (so directory
 * cycles end). Only regular files are opened: a FIFO, socket or device is refused, never waited on.
 * Files over `maxBytes`, binary files and invalid UTF-8 are refused before parsing.
 *
 * @throws CliInputError naming the path (and line) when a path cannot be read or does not parse
 * @see https://kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/
 */
export function readManifests(paths: readonly string[], io: ManifestInputIo, options: ReadManifestsOptions = {}): Manifest[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const defaultNamespace = options.namespace ?? DEFAULT_NAMESPACE;
  const seen = new Set<string>();
  const skipped: string[] = [];
  const out: Manifest[] = [];
  const parse = (text: string, file: string) => {
    try {
      for (const m of parseManifests(text, file, { defaultNamespace })) out.push(m);
    } catch (e) {
      if (e instanceof ManifestParseError) throw new CliInputError(e.message);
      throw e;
    }
  };
  const warn = options.warn ?? ((message: string) => { process.stderr.write(`${message}\n`); });
  const visit = (path: string, stats: Stats | Dirent) => {
    if (stats.isDirectory()) {
      // A directory reached again (through a link, or a link cycle) is skipped: its files are read already.
      const real = statPath(path);
      const id = `${real.dev}:${real.ino}`;
      if (seen.has(id)) return;
      seen.add(id);
      for (const entry of listDirectory(path)) {
        const child = join(path, entry.name);
        const wanted = MANIFEST_FILE.test(entry.name);
        let target: Stats | Dirent = entry;
        if (entry.isSymbolicLink()) {
          try {
            target = statSync(child);
          } catch (e) {
            warn(`${cannot(child, 'follow link', e).message}; skipped`);
            continue;
          }
        }
        if (target.isDirectory()) {
          // Judged by the entry's own name, so a node_modules that is a link (pnpm, workspaces) is skipped too.
          if (notSearched(entry.name)) skipped.push(child);
          else visit(child, target);
        } else if (wanted) {
          visit(child, target);
        }
      }
      return;
    }
    const buffer = readRegularFile(path, maxBytes, stats, seen);
    if (buffer !== undefined) parse(decodeText(buffer, path), path);
  };
  for (const path of paths) {
    if (path === '-') {
      const input = io.readStdin(maxBytes);
      const buffer = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
      // The reader stops at the limit, so the full size is unknown: say "over", not how much.
      if (buffer.length > maxBytes) throw new CliInputError(`<stdin>: over the --max-bytes limit of ${maxBytes} bytes; split the input or raise --max-bytes`);
      parse(decodeText(buffer, '<stdin>'), '<stdin>');
    } else {
      visit(path, statPath(path));
    }
  }
  // A skipped folder that another path named was read after all: the warning lists only what was left out.
  const left = skipped.filter(folder => {
    try {
      const real = statSync(folder);
      return !seen.has(`${real.dev}:${real.ino}`);
    } catch {
      return true;
    }
  });
  if (left.length > 0) warn(skippedMessage(left));
  return out;
}

/**
 * Reads one file a command was given (a profile JSON, for example) with the reader's checks:
 * a regular file, at most `maxBytes`, UTF-8 text.
 *
 * @throws CliInputError naming the file and what is wrong
 */
export function readTextFile(path: string, maxBytes: number = DEFAULT_MAX_BYTES): string {
  const stats = statPath(path);
  if (stats.isDirectory()) throw new CliInputError(`${path}: is a directory, expected a file`);
  const buffer = readRegularFile(path, maxBytes, stats, new Set());
  return decodeText(buffer ?? Buffer.alloc(0), path);
}

/**
 * Reads standard input up to `maxBytes` (plus one byte, so the caller sees it was over).
 * Waits for the writer, as every filter does; refuses as soon as the limit is passed.
 */
export function readStdinLimited(maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'EAGAIN') {
        // stdin is non-blocking (some terminals and process managers set it): wait a little and retry.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new CliInputError(`<stdin>: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (n === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, n)));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}

/** Parses a `--max-bytes` value: a positive integer, optionally with a `Ki`, `Mi` or `Gi` suffix. */
export function parseByteSize(value: string): number {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2] === 'Ki' ? 1024 : m[2] === 'Mi' ? 1024 ** 2 : m[2] === 'Gi' ? 1024 ** 3 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new CliInputError(`--max-bytes: "${value}" is not a size; use a positive number of bytes, optionally with Ki, Mi or Gi (for example 64Mi)`);
  }
  return n;
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/** The failure of a file-system call in the user's words. */
function cannot(path: string, verb: string, e: unknown): CliInputError {
  const code = errnoCode(e);
  const why = code === 'ENOENT' ? 'no such file or directory'
    : code === 'ELOOP' ? 'symbolic link loop (too many levels of symbolic links)'
      : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
        : code === 'ENOTDIR' ? 'a part of the path is not a directory'
          : e instanceof Error ? e.message : String(e);
  return new CliInputError(`${path}: cannot ${verb}: ${why}`);
}

/** `stat` (following links, so a link to a folder is a folder); never opens the path. */
function statPath(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    throw cannot(path, 'read', e);
  }
}

function listDirectory(path: string): Dirent[] {
  try {
    // Code-unit order: the same on every machine and locale.
    return readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (e) {
    throw cannot(path, 'list directory', e);
  }
}

function kindOf(stats: Stats | Dirent): string {
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function overLimit(size: number, maxBytes: number): string {
  return `${size} bytes is over the --max-bytes limit of ${maxBytes} bytes; split the file or raise --max-bytes`;
}

/**
 * Reads a regular file whose `stat` the caller has, or returns undefined when the same file was read already.
 * Opens non-blocking and checks `fstat` again, so a FIFO swapped in after the `stat` cannot hang the command.
 */
function readRegularFile(path: string, maxBytes: number, stats: Stats | Dirent, seen: Set<string>): Buffer | undefined {
  if (!stats.isFile()) throw new CliInputError(`${path}: ${kindOf(stats)}; only regular files are read (use - to read a pipe from stdin)`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw cannot(path, 'read', e);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new CliInputError(`${path}: ${kindOf(opened)}; only regular files are read`);
    const id = `${opened.dev}:${opened.ino}`;
    if (seen.has(id)) return undefined;
    seen.add(id);
    if (opened.size > maxBytes) throw new CliInputError(`${path}: ${overLimit(opened.size, maxBytes)}`);
    try {
      return readFileSync(fd);
    } catch (e) {
      throw cannot(path, 'read', e);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * UTF-8 text of a file, or a clear refusal: binary content (a NUL byte), UTF-16, invalid UTF-8.
 * A UTF-8 byte order mark is dropped, as kubectl drops it.
 */
function decodeText(buffer: Buffer, name: string): string {
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) {
    throw new CliInputError(`${name}: UTF-16 text; save the file as UTF-8`);
  }
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new CliInputError(`${name}:${lineAt(buffer, nul)}: binary file (a NUL byte at offset ${nul}); expected YAML or JSON text`);
  if (!isUtf8(buffer)) {
    const bad = firstInvalidUtf8(buffer);
    throw new CliInputError(`${name}:${lineAt(buffer, bad)}: invalid UTF-8 (byte 0x${buffer[bad].toString(16).padStart(2, '0')} at offset ${bad}); save the file as UTF-8`);
  }
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAt(buffer: Buffer, offset: number): number {
  let line = 1;
  for (let i = buffer.indexOf(10); i >= 0 && i < offset; i = buffer.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * Offset of the first byte that breaks UTF-8 (only called once `isUtf8` said one does).
 * @see https://www.rfc-editor.org/rfc/rfc3629#section-4
 */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    if (len > 1 && !isUtf8(b.subarray(i, i + len))) return i;
    i += len;
  }
  return Math.max(0, b.length - 1);
}
