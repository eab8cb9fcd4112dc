import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, YamlOutputType } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { addExampleCharts, buildExampleApp } from '../../examples/app';
import { exampleProfile } from '../../examples/profile';
import { MeshApp, MeshChart, MeshNamespace } from '../../src/k8s';

function tempOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-app-kustomization-'));
}

/** The documents of a YAML file. */
function load(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map(d => d.toJS());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every file under `dir`, relative, with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? filesUnder(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)]);
}

/** The `resources` of the kustomization.yaml in `dir`. */
function resources(dir: string): string[] {
  const [doc] = load(path.join(dir, 'kustomization.yaml'));
  if (!isRecord(doc) || !Array.isArray(doc.resources)) throw new Error('kustomization.yaml has no resources list');
  expect(doc.apiVersion).toEqual('kustomize.config.k8s.io/v1beta1');
  expect(doc.kind).toEqual('Kustomization');
  return doc.resources.map(String);
}

/** For each namespace object: [its file, the first file that uses it]; the creating file must come first. */
function namespaceViolations(dir: string, order: readonly string[]): string[] {
  const created = new Map<string, number>();
  const used: Array<{ namespace: string; at: number; file: string }> = [];
  order.forEach((file, at) => {
    for (const o of load(path.join(dir, file))) {
      if (!isRecord(o) || !isRecord(o.metadata)) continue;
      if (o.kind === 'Namespace' && typeof o.metadata.name === 'string') created.set(o.metadata.name, at);
      if (typeof o.metadata.namespace === 'string') used.push({ namespace: o.metadata.namespace, at, file });
    }
  });
  return used.filter(u => (created.get(u.namespace) ?? -1) > u.at)
    .map(u => `${u.file} uses namespace ${u.namespace} before ${order[created.get(u.namespace)!]} creates it`);
}

describe('MeshApp kustomization.yaml', () => {
  test('the example app\'s kustomization lists every file of dist/, each namespace before its objects', () => {
    // GIVEN
    const outdir = tempOutdir();
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // WHEN
    buildExampleApp({ outdir }).synth();
    // THEN
    const listed = resources(outdir);
    expect([...listed].sort()).toEqual(filesUnder(outdir).filter(f => f !== 'kustomization.yaml').sort());
    expect(new Set(listed).size).toEqual(listed.length);
    expect(namespaceViolations(outdir, listed)).toEqual([]);
    // mesh-platform.k8s.yaml holds no namespace anyone needs: it keeps its name-order place.
    expect(listed[0]).toEqual('aks-istio-egress-gateways-gateway.k8s.yaml');
  });

  test('a namespace created in a later-named chart moves that chart first', () => {
    // GIVEN
    const app = new MeshApp({ outdir: tempOutdir() });
    const apps = new MeshChart(app, 'a-apps', { profile: exampleProfile, namespace: 'shop' });
    new ApiObject(apps, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } });
    new MeshNamespace(new MeshChart(app, 'z-namespaces', { profile: exampleProfile }), 'shop', { name: 'shop' });
    // WHEN
    app.synth();
    // THEN
    expect(resources(app.outdir)).toEqual(['z-namespaces.k8s.yaml', 'a-apps.k8s.yaml']);
    expect(namespaceViolations(app.outdir, resources(app.outdir))).toEqual([]);
  });

  test('is deterministic', () => {
    const read = (): string => {
      const outdir = tempOutdir();
      buildExampleApp({ outdir }).synth();
      return fs.readFileSync(path.join(outdir, 'kustomization.yaml'), 'utf8');
    };
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(read()).toEqual(read());
  });

  test('is written when cdk8s\'s own synth writes the files (construct metadata, one file per resource)', () => {
    // GIVEN
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const outdir = tempOutdir();
    const spy = jest.spyOn(App.prototype, 'synth');
    // WHEN
    buildExampleApp({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE, recordConstructMetadata: true }).synth();
    // THEN
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    const listed = resources(outdir);
    expect(listed).toContain('mesh-platform/ConfigMap.istio-shared-configmap-asm-1-30.k8s.yaml');
    expect([...listed].sort()).toEqual(filesUnder(outdir).filter(f => f.endsWith('.k8s.yaml')).sort());
    expect(namespaceViolations(outdir, listed)).toEqual([]);
  });

  test('lists .json manifests but not cdk8s\'s construct-metadata.json', () => {
    const outdir = tempOutdir();
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    buildExampleApp({ outdir, outputFileExtension: '.json', recordConstructMetadata: true }).synth();
    expect(fs.existsSync(path.join(outdir, 'construct-metadata.json'))).toBe(true);
    const listed = resources(outdir);
    expect(listed).toContain('mesh-platform.json');
    expect([...listed].sort()).toEqual(filesUnder(outdir).filter(f => f.endsWith('.json') && f !== 'construct-metadata.json').sort());
  });

  test('is not written with kustomization: false', () => {
    const outdir = tempOutdir();
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    addExampleCharts(new MeshApp({ outdir, kustomization: false })).synth();
    expect(fs.existsSync(path.join(outdir, 'kustomization.yaml'))).toBe(false);
    expect(fs.readdirSync(outdir).length).toBeGreaterThan(5);
  });
});
