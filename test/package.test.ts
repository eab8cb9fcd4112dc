import * as fs from 'fs';
import * as path from 'path';
import { builtinModules } from 'module';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..');

interface PackageJson {
  readonly dependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
  readonly peerDependenciesMeta: Record<string, { optional?: boolean }>;
  readonly devDependencies: Record<string, string>;
  readonly exports: Record<string, string | { types: string; default: string }>;
  readonly typesVersions: Record<string, Record<string, string[]>>;
  readonly files: string[];
  readonly bin: Record<string, string>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The package names a file imports (bare specifiers only). */
function importedPackages(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const specifiers: string[] = [];
  for (const s of source.statements) {
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      specifiers.push(s.moduleSpecifier.text);
    }
  }
  return specifiers.filter(s => !s.startsWith('.'))
    .map(s => s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);
}

describe('package.json', () => {
  test('every export has compiled JavaScript and types from an index.ts of src/, and typesVersions for node10', () => {
    const subpaths = Object.keys(pkg.exports).filter(k => k !== './package.json');
    expect(subpaths.sort()).toEqual(['.', './analysis', './azure', './graph', './k8s', './mesh']);
    for (const subpath of subpaths) {
      const target = pkg.exports[subpath];
      if (typeof target === 'string') throw new Error(`${subpath} has no types condition`);
      const dir = subpath === '.' ? '' : `${subpath.slice(2)}/`;
      expect([subpath, target]).toEqual([subpath, { types: `./lib/src/${dir}index.d.ts`, default: `./lib/src/${dir}index.js` }]);
      expect(fs.existsSync(path.join(ROOT, 'src', dir, 'index.ts'))).toBe(true);
      if (dir) expect([subpath, pkg.typesVersions['*'][dir.slice(0, -1)]]).toEqual([subpath, [`lib/src/${dir}index.d.ts`]]);
    }
    expect(Object.keys(pkg.typesVersions['*']).length).toEqual(subpaths.length - 1);
  });

  test('ships the compiled library, the bin and the README only', () => {
    expect(pkg.files.sort()).toEqual(['README.md', 'bin', 'cdk8s-validation.js', 'lib/imports', 'lib/src']);
    expect(fs.existsSync(path.join(ROOT, pkg.bin['aks-istio-mesh']))).toBe(true);
  });

  test('cdk8s and constructs are peers; cdktf and the azurerm provider optional peers; all also devDependencies', () => {
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(['@cdktf/provider-azurerm', 'cdk8s', 'cdktf', 'constructs']);
    expect(pkg.peerDependenciesMeta).toEqual({ '@cdktf/provider-azurerm': { optional: true }, 'cdktf': { optional: true } });
    for (const name of Object.keys(pkg.peerDependencies)) {
      expect([name, pkg.devDependencies[name]]).toEqual([name, pkg.peerDependencies[name]]);
      expect(pkg.dependencies[name]).toBeUndefined();
    }
  });

  test('src/ and imports/ import only its dependencies and peers, and cdktf only under src/azure', () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
    const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));
    const problems: string[] = [];
    for (const file of [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'imports'))]) {
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      for (const name of importedPackages(file)) {
        if (builtins.has(name)) continue;
        if (!allowed.has(name)) problems.push(`${relative} imports ${name}, which is not a dependency or peer`);
        if ((name === 'cdktf' || name === '@cdktf/provider-azurerm') && !relative.startsWith('src/azure/')) {
          problems.push(`${relative} imports ${name}: only src/azure may (it is an optional peer)`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
