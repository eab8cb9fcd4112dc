#!/usr/bin/env node
// @ts-check
// Runs a TypeScript app (the `app:` of cdk8s.yaml and cdktf.json) from one esbuild bundle cached in
// node_modules/.cache/aks-istio-mesh/, rebuilt whenever any of its inputs changed: `node --import tsx` spends
// about 1 s registering its loader and transpiling some 300 modules one by one on every synth, loading one
// bundle about 0.3 s. Like tsx it only transpiles (no type-check; `npm test` and `npm run build` type-check).
//
//   node scripts/app-launcher.cjs examples/main.ts [args...]
//   node scripts/app-launcher.cjs --prepare examples/main.ts examples/azure/main.ts   (npm's prepare: bundle only)
//
// run from the project directory (cdk8s and cdktf run their app there): it is esbuild's working directory,
// and the cache is in its node_modules/.cache/aks-istio-mesh/.
//
// The bundle is reused only when every input esbuild read is unchanged (size and mtime, else the SHA-1 of the
// content it compiled), no resolution-relevant file appeared in or vanished from a directory of the project's
// inputs, the tsconfig.json / jsconfig.json / package.json files of those directories are unchanged or still
// absent, node_modules/.package-lock.json (rewritten by every npm install) is unchanged, and this file and the
// esbuild version are the same. A directory's listing counts only names esbuild could resolve an import to, so
// editor swap files do not force a rebuild. Errors point at the TypeScript sources (source maps, on by default
// here). Each bundled module sees its own __dirname and __filename (cdk8s's Yaml.load runs a script next to its
// module); one that uses import.meta fails the build with a message (CommonJS bundles have none).
// AIM_TIMINGS=1 adds performance marks that examples/timings.ts prints; AIM_LAUNCHER_DEBUG=1 says why it rebuilt.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const MANIFEST_VERSION = 1;
/** Names that can change what an import resolves to (esbuild's default resolveExtensions, plus JSON). */
const RESOLVABLE = /\.(?:[cm]?[jt]sx?|json)$/;
const CONFIG_FILES = ['tsconfig.json', 'jsconfig.json', 'package.json'];

/**
 * @typedef {[file: string, size: number, mtimeMs: number, sha1: string]} FileEntry
 * @typedef {{ version: number, entry: string, bundleSize: number,
 *   files: FileEntry[], absent: string[], dirs: [dir: string, listing: string][] }} Manifest
 * @typedef {{ entry: string, cacheDir?: string, root?: string }} BundleOptions
 * @typedef {{ bundle: string, rebuilt: boolean, reason: string }} BundleResult
 */

/** @param {Buffer | string} data */
function sha1(data) {
  return require('node:crypto').createHash('sha1').update(data).digest('hex');
}

/** @param {string} root */
function defaultCacheDir(root) {
  return path.join(root, 'node_modules', '.cache', 'aks-istio-mesh');
}

/** The bundle's file name: the entry's path from the project root, `/` as `__` (examples/main.ts -> examples__main). */
function bundleName(/** @type {string} */ root, /** @type {string} */ entry) {
  const rel = path.relative(root, entry).replace(/\.[cm]?tsx?$/, '');
  return rel.split(path.sep).join('__').replace(/[^A-Za-z0-9_.-]/g, '_') + '.cjs';
}

/** The sorted names in `dir` an import could resolve to, one per line; '' when the directory is gone. */
function listing(/** @type {string} */ dir) {
  try {
    return fs.readdirSync(dir).filter(n => RESOLVABLE.test(n)).sort().join('\n');
  } catch {
    return '';
  }
}

/**
 * Why the cached bundle cannot be used, or undefined when it can. Refreshes the recorded size and mtime of
 * inputs whose content turned out unchanged (a `touch`, a checkout), so the next check is stat-only again.
 * @param {string} manifestFile
 * @param {string} bundle
 * @param {string} entry
 * @returns {string | undefined}
 */
function staleReason(manifestFile, bundle, entry) {
  /** @type {Manifest} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return 'no cached bundle';
  }
  if (manifest.version !== MANIFEST_VERSION || manifest.entry !== entry) return 'cache format changed';
  let bundleStat;
  try {
    bundleStat = fs.statSync(bundle);
  } catch {
    return 'bundle missing';
  }
  if (bundleStat.size !== manifest.bundleSize) return 'bundle changed';
  if (!fs.existsSync(`${bundle}.map`)) return 'source map missing';
  let refreshed = false;
  for (const f of manifest.files) {
    let st;
    try {
      st = fs.statSync(f[0]);
    } catch {
      return `${f[0]} deleted`;
    }
    if (st.size === f[1] && st.mtimeMs === f[2]) continue;
    if (st.size !== f[1] || sha1(fs.readFileSync(f[0])) !== f[3]) return `${f[0]} changed`;
    f[2] = st.mtimeMs;
    refreshed = true;
  }
  for (const file of manifest.absent) if (fs.existsSync(file)) return `${file} appeared`;
  for (const [dir, names] of manifest.dirs) if (listing(dir) !== names) return `files added to or removed from ${dir}`;
  if (refreshed) writeAtomic(manifestFile, JSON.stringify(manifest));
  return undefined;
}

/** Writes through a temporary file and a rename, so a concurrent reader sees the old or the new file, never half. */
function writeAtomic(/** @type {string} */ file, /** @type {string | Uint8Array} */ data) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

/**
 * Bundles `entry` with esbuild, recording what each input was when esbuild read it.
 * @param {string} root
 * @param {string} entry
 * @param {string} bundle
 * @param {string} manifestFile
 */
async function build(root, entry, bundle, manifestFile) {
  const esbuild = require('esbuild');
  /** @type {FileEntry[]} */
  const files = [];
  /** Listing of each project directory an input came from, taken when esbuild first loaded a file from it. */
  /** @type {Map<string, string>} */
  const dirs = new Map();
  /** @type {import('esbuild').Plugin} */
  const recordInputs = {
    name: 'aks-istio-mesh-record-inputs',
    setup(b) {
      b.onLoad({ filter: /.*/, namespace: 'file' }, args => {
        // stat before reading: a write in between shows as a changed mtime whose content hash then decides.
        const st = fs.statSync(args.path);
        const data = fs.readFileSync(args.path);
        files.push([args.path, st.size, st.mtimeMs, sha1(data)]);
        const dir = path.dirname(args.path);
        if (!dirs.has(dir) && !args.path.split(path.sep).includes('node_modules')) dirs.set(dir, listing(dir));
        let contents = data.toString('utf8');
        if (/\.[cm]?[jt]sx?$/.test(args.path)) {
          if (contents.includes('import.meta')) {
            return { errors: [{ text: `${args.path} uses import.meta, which has no value in a CommonJS bundle; run this app with \`node --import tsx\` instead` }] };
          }
          if (/\b__(?:dirname|filename)\b/.test(contents)) {
            // The module's own location, not the bundle's; on the first line, so the rest keeps its line numbers.
            contents = `var __dirname = ${JSON.stringify(path.dirname(args.path))}, __filename = ${JSON.stringify(args.path)}; ${contents}`;
          }
        }
        return { contents, loader: 'default', resolveDir: path.dirname(args.path) };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    outfile: bundle,
    write: false,
    sourcemap: 'linked',
    sourcesContent: false,
    // Class and function names as in the sources: constructs and error messages may print them.
    keepNames: true,
    logLevel: 'error',
    plugins: [recordInputs],
  });
  /** @type {Set<string>} */
  const configDirs = new Set();
  for (const dir of dirs.keys()) {
    for (let d = dir; ; d = path.dirname(d)) {
      configDirs.add(d);
      if (d === root || path.dirname(d) === d) break;
    }
  }
  /** @type {string[]} */
  const absent = [];
  const extra = [...configDirs].flatMap(d => CONFIG_FILES.map(n => path.join(d, n)));
  // This file and esbuild: a change to how bundles are built invalidates them.
  extra.push(path.join(root, 'node_modules', '.package-lock.json'), __filename, require.resolve('esbuild/package.json'));
  for (const file of extra) {
    let st;
    try {
      st = fs.statSync(file);
    } catch {
      absent.push(file);
      continue;
    }
    files.push([file, st.size, st.mtimeMs, sha1(fs.readFileSync(file))]);
  }
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  let bundleSize = -1;
  for (const out of result.outputFiles) {
    writeAtomic(out.path, out.contents);
    if (out.path === bundle) bundleSize = out.contents.length;
  }
  /** @type {Manifest} */
  const manifest = {
    version: MANIFEST_VERSION,
    entry,
    bundleSize,
    files,
    absent,
    dirs: [...dirs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
  writeAtomic(manifestFile, JSON.stringify(manifest));
}

/**
 * Returns the bundle of `options.entry`, building it first unless the cached one is up to date.
 * @param {BundleOptions} options
 * @returns {Promise<BundleResult>}
 */
async function prepareBundle(options) {
  const root = path.resolve(options.root ?? process.cwd());
  const entry = path.resolve(root, options.entry);
  if (!fs.existsSync(entry)) throw new Error(`app-launcher: entry ${options.entry} not found (resolved to ${entry}); pass the app's .ts file, e.g. examples/main.ts`);
  const cacheDir = path.resolve(options.cacheDir ?? defaultCacheDir(root));
  const bundle = path.join(cacheDir, bundleName(root, entry));
  const manifestFile = `${bundle}.inputs.json`;
  const reason = staleReason(manifestFile, bundle, entry);
  if (reason === undefined) return { bundle, rebuilt: false, reason: 'up to date' };
  await build(root, entry, bundle, manifestFile);
  return { bundle, rebuilt: true, reason };
}

/**
 * `--prepare ENTRY...` (npm's `prepare`, run by `npm ci` and `npm install`): builds the bundles ahead of the first
 * synth. A failure is reported and skipped, never fatal: a broken example must not break the install, and the
 * synth builds again and shows the same error.
 * @param {string[]} entries
 */
async function prebuild(entries) {
  for (const entry of entries) {
    try {
      const r = await prepareBundle({ entry });
      console.error(`app-launcher: ${entry} ${r.rebuilt ? 'bundled' : 'already bundled'} (${path.relative(process.cwd(), r.bundle)})`);
    } catch (e) {
      console.error(`app-launcher: could not bundle ${entry} ahead of time (${e instanceof Error ? e.message.split('\n')[0] : e}); the first synth will try again and report it`);
    }
  }
}

async function main() {
  const timings = process.env.AIM_TIMINGS === '1';
  if (timings) performance.mark('aim:launcher');
  if (process.argv[2] === '--prepare') return prebuild(process.argv.slice(3));
  const [entryArg, ...args] = process.argv.slice(2);
  if (!entryArg) {
    console.error('usage: node scripts/app-launcher.cjs <app entry .ts> [args...]\n       node scripts/app-launcher.cjs --prepare <app entry .ts>...');
    process.exit(2);
  }
  let result;
  try {
    result = await prepareBundle({ entry: entryArg });
  } catch (e) {
    // esbuild has already printed its errors with file and line.
    if (!(e instanceof Error && 'errors' in e)) console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
  if (timings) performance.mark(result.rebuilt ? 'aim:bundle-built' : 'aim:bundle-checked');
  if (process.env.AIM_LAUNCHER_DEBUG === '1') console.error(`app-launcher: ${result.rebuilt ? `rebuilt (${result.reason})` : 'cached bundle'} ${result.bundle}`);
  process.setSourceMapsEnabled(true);
  process.argv = [process.argv[0], path.resolve(entryArg), ...args];
  require(result.bundle);
}

module.exports = { prepareBundle, bundleName };

if (require.main === module) void main();
