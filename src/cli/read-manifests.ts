import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Manifest } from '../analysis/finding';
import { ManifestParseError, parseManifests } from '../analysis/yaml-input';
import { CliInputError } from './cli-error';

/** Where the reader gets standard input from; replaced in tests. */
export interface ManifestInputIo {
  readonly readStdin: () => string;
}

/**
 * The one reader for YAML input, shared by every command that reads manifests (`analyze`,
 * `upgrade plan --dist`, `graph`): files, folders (recursively, `.yaml`/`.yml`/`.json` files,
 * in sorted order) and `-` for stdin.
 *
 * @throws CliInputError naming the path (and line) when a path cannot be read or does not parse
 */
export function readManifests(paths: readonly string[], io: ManifestInputIo): Manifest[] {
  try {
    return paths.flatMap(p => readPath(p, io));
  } catch (e) {
    if (e instanceof ManifestParseError) throw new CliInputError(e.message);
    throw e;
  }
}

function readPath(path: string, io: ManifestInputIo): Manifest[] {
  if (path === '-') return parseManifests(io.readStdin(), '<stdin>');
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new CliInputError(`${path}: cannot read: ${(e as Error).message}`);
  }
  if (isDir) {
    return readdirSync(path).sort().flatMap(entry => {
      const child = join(path, entry);
      return statSync(child).isDirectory() || /\.(ya?ml|json)$/.test(entry) ? readPath(child, io) : [];
    });
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliInputError(`${path}: cannot read: ${(e as Error).message}`);
  }
  return parseManifests(text, path);
}
