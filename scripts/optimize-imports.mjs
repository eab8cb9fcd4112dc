#!/usr/bin/env node
// Rewrites one pattern in the code `cdk8s import` generates into imports/, keeping its output identical.
// The generated toJson_ mappers drop undefined fields with `reduce((r, i) => ... ({ ...r, [k]: v }), {})`,
// which copies the object once per field (quadratic per object); Object.fromEntries over the same
// filtered entries builds the same object, keys in the same order, in one pass.
// The generated toJson() and manifest() return `{ ...X.GVK, ...toJson_XProps(p) }`: V8 gives every object made by
// such a double spread a hidden class of its own, so the rendered objects of an app (tens of thousands) share
// none and every later reader (the analysis, the YAML writers) runs megamorphic, several times slower.
// Object.assign onto a fresh literal copies the same own enumerable keys in the same order (neither source
// has a `__proto__` key or setters: GVK is apiVersion and kind, the mapper returns the schema's fields) and
// its objects share hidden classes.
// Run by scripts/import.mjs after every import; idempotent.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SLOW = /Object\.entries\(([^()]*(?:\([^()]*\))?[^()]*)\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\)/g;
const FAST = 'Object.fromEntries(Object.entries($1).filter(i => i[1] !== undefined))';
const SPREAD = /return \{\n(\s*)\.\.\.(\w+)\.GVK,\n\s*\.\.\.(toJson_\w+)\((\w+)\),\n\s*\};/g;
const ASSIGN = 'return Object.assign({}, $2.GVK, $3($4));';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'imports');
for (const file of readdirSync(dir).filter(f => f.endsWith('.ts'))) {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(SLOW, FAST).replace(SPREAD, ASSIGN);
  if (after.includes('({ ...r, [i[0]]: i[1] })')) throw new Error(`${file}: an undefined-dropping reduce was not rewritten; update the pattern`);
  if (/\.\.\.toJson_\w+\(/.test(after)) throw new Error(`${file}: a GVK spread in toJson()/manifest() was not rewritten; update the pattern`);
  if (after !== before) writeFileSync(path, after);
}
