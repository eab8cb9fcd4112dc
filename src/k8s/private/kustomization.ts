import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** The file name kustomize (`kubectl apply -k`, Flux's kustomize-controller) looks for in a folder. */
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** What cdk8s writes next to the manifests with `recordConstructMetadata` (not a manifest). */
const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/** One manifest file of the output folder and the objects it holds. */
export interface ManifestFile {
  /** Path relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly objects: readonly unknown[];
}

/** The files in apply order, and what could not be ordered. */
export interface KustomizationOrder {
  readonly files: string[];
  readonly warnings: string[];
}

/**
 * Orders manifest files so that a file creating a Namespace or a CustomResourceDefinition comes before the
 * files whose objects live in that namespace or are of that kind; otherwise files stay in path order.
 *
 * kustomize itself sorts the objects it builds (Namespaces and CRDs first), but a folder applied file by file
 * (`kubectl apply -f` on the listed files, Argo CD sync waves by file) relies on this order.
 * Files that need each other (a cycle) keep their path order, with a warning naming them.
 *
 * @see https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/resource/
 */
export function orderManifestFiles(files: readonly ManifestFile[]): KustomizationOrder {
  const sorted = [...files].sort((a, b) => compare(a.path, b.path));
  const provides = new Map<string, Set<string>>();
  for (const file of sorted) {
    for (const key of file.objects.flatMap(providedKeys)) {
      const providers = provides.get(key) ?? new Set<string>();
      providers.add(file.path);
      provides.set(key, providers);
    }
  }
  // needs.get(a) holds the files that must come before a.
  const needs = new Map<string, Set<string>>();
  for (const file of sorted) {
    const before = new Set<string>();
    for (const key of file.objects.flatMap(requiredKeys)) {
      for (const provider of provides.get(key) ?? []) if (provider !== file.path) before.add(provider);
    }
    needs.set(file.path, before);
  }

  const done = new Set<string>();
  const order: string[] = [];
  const warnings: string[] = [];
  let pending = sorted.map(f => f.path);
  while (pending.length > 0) {
    const next = pending.find(p => [...needs.get(p)!].every(n => done.has(n)));
    if (next === undefined) {
      warnings.push(`${KUSTOMIZATION_FILE}: ${pending.map(p => `'${p}'`).join(', ')} create namespaces or CRDs `
        + 'for each other in a cycle; they are listed in name order (kustomize still applies Namespaces and CRDs first)');
      order.push(...pending);
      break;
    }
    order.push(next);
    done.add(next);
    pending = pending.filter(p => p !== next);
  }
  return { files: order, warnings };
}

/** The kustomization.yaml text listing `files` as resources, in the given order. */
export function renderKustomization(files: readonly string[]): string {
  const lines = [
    '# Written by aks-istio-mesh MeshApp: every manifest of this folder, namespaces and CRDs before the objects that use them.',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
  ];
  if (files.length === 0) lines.push('resources: []');
  else lines.push('resources:', ...files.map(f => `  - ${JSON.stringify(f)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Writes `kustomization.yaml` into `outdir`, listing every file under it that ends in `extension`.
 *
 * `known` holds the objects of the files this synth wrote, by relative path; any other file (written by
 * cdk8s's own synth, or left from an earlier run) is read back.
 */
export function writeKustomization(outdir: string, extension: string, known: ReadonlyMap<string, readonly unknown[]>): string[] {
  const files = listFiles(outdir, '')
    .filter(p => p.endsWith(extension) && p !== KUSTOMIZATION_FILE && p !== CONSTRUCT_METADATA_FILE)
    .map(p => ({ path: p, objects: known.get(p) ?? readObjects(path.join(outdir, ...p.split('/'))) }));
  const { files: order, warnings } = orderManifestFiles(files);
  fs.writeFileSync(path.join(outdir, KUSTOMIZATION_FILE), renderKustomization(order), { encoding: 'utf8' });
  return warnings;
}

/** The documents of a YAML (or JSON) file, as cdk8s wrote them. */
function readObjects(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

function listFiles(root: string, prefix: string): string[] {
  return fs.readdirSync(path.join(root, ...prefix.split('/').filter(Boolean)), { withFileTypes: true }).flatMap(entry => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(root, relative);
    return entry.isFile() ? [relative] : [];
  });
}

/** What an object makes available to others: `ns:<name>` for a Namespace, `kind:<group>/<Kind>` for a CRD. */
function providedKeys(object: unknown): string[] {
  if (!isRecord(object)) return [];
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  if (object.apiVersion === 'v1' && object.kind === 'Namespace' && typeof name === 'string') return [`ns:${name}`];
  if (object.kind === 'CustomResourceDefinition' && isRecord(object.spec) && isRecord(object.spec.names)
    && typeof object.spec.group === 'string' && typeof object.spec.names.kind === 'string') {
    return [`kind:${object.spec.group}/${object.spec.names.kind}`];
  }
  return [];
}

/** What an object needs applied first: its namespace, and the CRD of its kind. */
function requiredKeys(object: unknown): string[] {
  if (!isRecord(object)) return [];
  const keys: string[] = [];
  const namespace = isRecord(object.metadata) ? object.metadata.namespace : undefined;
  if (typeof namespace === 'string') keys.push(`ns:${namespace}`);
  if (typeof object.apiVersion === 'string' && object.apiVersion.includes('/') && typeof object.kind === 'string') {
    keys.push(`kind:${object.apiVersion.split('/')[0]}/${object.kind}`);
  }
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Code-unit order, independent of the locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
