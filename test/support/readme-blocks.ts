// Turns the ```ts code blocks of README.md into TypeScript files that `tsc -p tsconfig.json` type-checks
// (`npm test` runs this first), so the documentation cannot drift from the code.
//
// Each block becomes test/readme-blocks/readme-<line>.ts, with the block's lines at the README's line numbers
// (a compile error points at the README line). A block is compiled as the module a user would write, plus:
// - library names it uses without importing them are imported from 'aks-istio-mesh' (or '/azure');
//   tsconfig.json maps 'aks-istio-mesh' and its subpaths to src/;
// - `profile`, `chart`, `platformChart`, `app` and `stack` (a cdktf TerraformStack) are declared (prelude.d.ts)
//   for fragments that continue an earlier block;
// - its top-level declarations are exported, so a fragment is not an unused-variable error.
// A block whose fence says ```ts nocompile is skipped: keep those for fragments that cannot stand alone.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** One code block of a Markdown file. */
export interface CodeBlock {
  /** 1-based line of the first line of code (the line after the fence). */
  readonly line: number;
  readonly info: string;
  readonly code: string;
}

/** A generated TypeScript file. */
export interface GeneratedFile {
  readonly name: string;
  readonly text: string;
}

const ROOT = path.join(__dirname, '..', '..');
export const OUT_DIR = path.join(ROOT, 'test', 'readme-blocks');

/** The fenced code blocks of a Markdown text, with their info strings. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
      if (close.test(lines[j])) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    blocks.push({ line: i + 2, info: info.trim(), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Whether a block is TypeScript to compile: ```ts or ```typescript, without the word `nocompile`. */
export function isCompiled(block: CodeBlock): boolean {
  const words = block.info.split(/[\s,{}]+/).filter(Boolean);
  return (words[0] === 'ts' || words[0] === 'typescript') && !words.includes('nocompile');
}

/** The names each entry point exports, following `export *` through src/. */
export function libraryExports(entry: string): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (ts.isExportDeclaration(statement)) {
        if (statement.exportClause && ts.isNamedExports(statement.exportClause)) {
          for (const e of statement.exportClause.elements) names.add(e.name.text);
        } else if (!statement.exportClause && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
          const target = path.resolve(path.dirname(file), statement.moduleSpecifier.text);
          visit(fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts'));
        }
        continue;
      }
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
      if (!modifiers.some(m => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
      } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement) || ts.isInterfaceDeclaration(statement)
        || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        names.add(statement.name.text);
      }
    }
  };
  visit(entry);
  return names;
}

/** Identifiers a block declares or imports anywhere, and the top-level ones it does not export. */
function declaredNames(source: ts.SourceFile): { all: Set<string>; unexported: string[] } {
  const all = new Set<string>();
  const unexported: string[] = [];
  const bindingNames = (name: ts.BindingName): string[] => ts.isIdentifier(name)
    ? [name.text] : name.elements.flatMap(e => ts.isBindingElement(e) ? bindingNames(e.name) : []);
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bindingNames(node.name).forEach(n => all.add(n));
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node)
      || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) all.add(node.name.text);
    if (ts.isImportClause(node) && node.name) all.add(node.name.text);
    if (ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) all.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
    if (modifiers.some(m => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) unexported.push(...bindingNames(d.name));
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      unexported.push(statement.name.text);
    }
  }
  return { all, unexported };
}

/** Identifiers used as values or types (not property names, not declarations' own names). */
function usedNames(source: ts.SourceFile): Set<string> {
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node)
        || ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)
          || ts.isPropertySignature(parent)) && parent.name === node)
        || (ts.isQualifiedName(parent) && parent.right === node);
      if (!isPropertyName) used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

/** The TypeScript file for one block, or undefined when the block is not compiled. */
export function blockFile(block: CodeBlock, exports: { main: Set<string>; azure: Set<string> }): GeneratedFile | undefined {
  if (!isCompiled(block)) return undefined;
  const source = ts.createSourceFile('block.ts', block.code, ts.ScriptTarget.ES2022, true);
  const { all, unexported } = declaredNames(source);
  const free = [...usedNames(source)].filter(n => !all.has(n)).sort();
  const fromMain = free.filter(n => exports.main.has(n));
  const fromAzure = free.filter(n => !exports.main.has(n) && exports.azure.has(n));
  const imports = [
    fromMain.length > 0 ? `import { ${fromMain.join(', ')} } from 'aks-istio-mesh';` : '',
    fromAzure.length > 0 ? `import { ${fromAzure.join(', ')} } from 'aks-istio-mesh/azure';` : '',
  ].filter(Boolean).join(' ');
  const header = `${imports} // README.md line ${block.line}; generated by test/support/readme-blocks.ts`;
  // The block's first line lands on its README line number.
  const padding = Math.max(0, block.line - 2);
  const trailer = unexported.length > 0 ? `\nexport { ${unexported.join(', ')} };` : '\nexport {};';
  return {
    name: `readme-${String(block.line).padStart(4, '0')}.ts`,
    text: `${header}\n${'\n'.repeat(padding)}${block.code}\n${trailer}\n`,
  };
}

/** Every compiled block of `markdown`, plus the prelude declaring the names fragments share. */
export function generate(markdown: string): GeneratedFile[] {
  const exports = {
    main: libraryExports(path.join(ROOT, 'src', 'index.ts')),
    azure: libraryExports(path.join(ROOT, 'src', 'azure', 'index.ts')),
  };
  const files = codeBlocks(markdown).flatMap(b => blockFile(b, exports) ?? []);
  files.push({
    name: 'prelude.d.ts',
    text: [
      '// The names README fragments use from earlier blocks. Generated by test/support/readme-blocks.ts.',
      "import type { MeshApp, MeshChart, MeshProfile } from 'aks-istio-mesh';",
      "import type { TerraformStack } from 'cdktf';",
      'declare global {',
      '  const profile: MeshProfile;',
      '  const chart: MeshChart;',
      '  const platformChart: MeshChart;',
      '  const app: MeshApp;',
      '  const stack: TerraformStack;',
      '}',
      '',
    ].join('\n'),
  });
  return files;
}

/** Rewrites test/readme-blocks/ from README.md. */
export function writeReadmeBlocks(readme = path.join(ROOT, 'README.md'), outDir = OUT_DIR): GeneratedFile[] {
  const files = generate(fs.readFileSync(readme, 'utf8'));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(outDir, f.name), f.text);
  return files;
}

if (require.main === module) {
  const files = writeReadmeBlocks();
  process.stdout.write(`README.md: ${files.length - 1} TypeScript block(s) written to ${path.relative(process.cwd(), OUT_DIR)}/\n`);
}
