import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Testing, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { addExampleCharts } from '../../examples/app';
import { buildBrokenApp } from '../../examples/broken/app';
import { exampleProfile } from '../../examples/profile';
import { MeshApp, MeshChart, MeshNamespace } from '../../src/k8s';

/** Every file `synth()` wrote, by relative path. */
function synthFiles(app: App): Record<string, string> {
  app.synth();
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full); else files[path.relative(app.outdir, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(app.outdir);
  return files;
}

function tempOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-app-'));
}

/** Builds the same tree into a MeshApp and a plain App; returns both. */
function both(build: (app: App) => void, props: AppProps = {}): { mesh: MeshApp; plain: App } {
  // kustomization.yaml is MeshApp's own addition (test/k8s/mesh-app-kustomization.test.ts); compare the manifests.
  const mesh = new MeshApp({ ...props, kustomization: false, outdir: tempOutdir() });
  const plain = new App({ ...props, outdir: tempOutdir() });
  build(mesh);
  build(plain);
  return { mesh, plain };
}

/** Whether `MeshApp` fell back to cdk8s's own `App.synth()` / `App.synthYaml()`. */
function fellBack(method: 'synth' | 'synthYaml', run: () => unknown): boolean {
  const spy = jest.spyOn(App.prototype, method);
  try {
    run();
    return spy.mock.calls.length > 0;
  } finally {
    spy.mockRestore();
  }
}

function namespaces(scope: Construct, ...names: string[]): void {
  for (const name of names) new MeshNamespace(scope, name, { name });
}

describe('MeshApp', () => {
  test('writes the example app byte for byte as App does, without falling back to App.synth', () => {
    // GIVEN
    const { mesh, plain } = both(app => addExampleCharts(app));
    // WHEN
    const expected = synthFiles(plain);
    let actual: Record<string, string> = {};
    const fallback = fellBack('synth', () => { actual = synthFiles(mesh); });
    // THEN
    expect(fallback).toBe(false);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(actual)).toContain('mesh-platform.k8s.yaml');
    for (const file of Object.keys(expected)) expect(actual[file]).toBe(expected[file]);
  });

  test('synthYaml returns what App.synthYaml returns', () => {
    const { mesh, plain } = both(app => addExampleCharts(app));
    let yaml = '';
    expect(fellBack('synthYaml', () => { yaml = mesh.synthYaml(); })).toBe(false);
    expect(yaml).toBe(plain.synthYaml());
  });

  test('keeps cdk8s chart order, where index-like top-level ids come first, also before charts in groups', () => {
    const { mesh, plain } = both(app => {
      for (const id of ['web', '10', 'api', '2']) namespaces(new MeshChart(app, id, { profile: exampleProfile }), `ns-${id}`);
      namespaces(new MeshChart(new Construct(app, '1'), 'grouped', { profile: exampleProfile }), 'ns-grouped');
    }, { yamlOutputType: YamlOutputType.FILE_PER_APP });
    let yaml = '';
    expect(fellBack('synthYaml', () => { yaml = mesh.synthYaml(); })).toBe(false);
    expect(yaml).toBe(plain.synthYaml());
    expect(yaml.match(/name: ns-[\w-]+/g)).toEqual(['name: ns-2', 'name: ns-10', 'name: ns-grouped', 'name: ns-web', 'name: ns-api']);
    expect(synthFiles(mesh)).toEqual(synthFiles(plain));
  });

  test('writes one file per app with YamlOutputType.FILE_PER_APP', () => {
    const { mesh, plain } = both(app => namespaces(new MeshChart(app, 'a', { profile: exampleProfile }), 'one', 'two'),
      { yamlOutputType: YamlOutputType.FILE_PER_APP });
    const files = synthFiles(mesh);
    expect(Object.keys(files)).toEqual(['app.k8s.yaml']);
    expect(files).toEqual(synthFiles(plain));
  });

  test.each<[string, (app: App) => void, AppProps]>([
    ['an object depends on another', app => {
      const chart = new MeshChart(app, 'deps', { profile: exampleProfile });
      const first = new MeshNamespace(chart, 'first', { name: 'first' });
      const second = new MeshNamespace(chart, 'second', { name: 'second' });
      first.node.addDependency(second);
    }, {}],
    ['a chart is nested in another', app => {
      const outer = new MeshChart(app, 'outer', { profile: exampleProfile });
      namespaces(outer, 'outer-ns');
      namespaces(new MeshChart(outer, 'inner', { profile: exampleProfile }), 'inner-ns');
    }, {}],
    ['a chart renders itself', app => {
      class Labelled extends Chart {
        public override toJson(): Record<string, unknown>[] {
          return super.toJson().map((o: Record<string, unknown>) => ({ ...o, metadata: { ...o.metadata as object, labels: { team: 'a' } } }));
        }
      }
      new ApiObject(new Labelled(app, 'custom'), 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'custom' } });
    }, {}],
    ['a validation adds a dependency', app => {
      const chart = new MeshChart(app, 'late-deps', { profile: exampleProfile });
      const first = new MeshNamespace(chart, 'first', { name: 'first' });
      const second = new MeshNamespace(chart, 'second', { name: 'second' });
      chart.node.addValidation({ validate: () => {
        if (first.node.dependencies.length === 0) first.node.addDependency(second);
        return [];
      } });
    }, {}],
    ['the output is one file per resource', app => namespaces(new MeshChart(app, 'r', { profile: exampleProfile }), 'x', 'y'),
      { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }],
    ['construct metadata is recorded', app => namespaces(new MeshChart(app, 'm', { profile: exampleProfile }), 'x'),
      { recordConstructMetadata: true }],
  ])('falls back to App.synth, with the same files, when %s', (_, build, props) => {
    const { mesh, plain } = both(build, props);
    let actual: Record<string, string> = {};
    expect(fellBack('synth', () => { actual = synthFiles(mesh); })).toBe(true);
    expect(actual).toEqual(synthFiles(plain));
  });

  test('writes an object a validation adds, as App.synth does', () => {
    const { mesh, plain } = both(app => {
      const chart = new MeshChart(app, 'late', { profile: exampleProfile });
      let added = false;
      chart.node.addValidation({ validate: () => {
        if (!added) { added = true; namespaces(chart, 'added-by-validation'); }
        return [];
      } });
    });
    const files = synthFiles(mesh);
    expect(files['late.k8s.yaml']).toContain('name: added-by-validation');
    expect(files).toEqual(synthFiles(plain));
  });

  test('reports every chart\'s construct and analysis errors in one error', () => {
    // GIVEN: the broken example (AIM105 in one chart, AIM101 across two) plus an invalid construct
    const app = buildBrokenApp({ outdir: tempOutdir() });
    const chart = app.node.findChild('broken-routes') as MeshChart;
    new Construct(chart, 'Invalid').node.addValidation({ validate: () => ['not valid here'] });
    // WHEN
    let message = '';
    try { app.synth(); } catch (e) { message = (e as Error).message; }
    // THEN
    expect(message).toMatch(/^Validation failed with the following errors:/);
    expect(message).toContain('[broken-routes/Invalid] not valid here');
    expect(message).toMatch(/\[broken-routes\/Reviews\/Resource\] AIM105/);
    expect(message).toMatch(/\[broken-namespaces\/Namespace\/Resource\] AIM101/);
    expect(fs.readdirSync(app.outdir)).toEqual([]);
  });

  test('a second synth in the same synchronous block sees the changed tree', () => {
    const app = new MeshApp({ outdir: tempOutdir() });
    namespaces(new MeshChart(app, 'first', { profile: exampleProfile }), 'shop');
    expect(app.synthYaml()).toContain('name: shop');
    namespaces(new MeshChart(app, 'second', { profile: exampleProfile }), 'shop');
    expect(() => app.synthYaml()).toThrow(/AIM101: Namespace shop \(v1\) is defined more than once/);
  });

  test('prints the warnings of its charts, once per process', () => {
    const app = new MeshApp({ outdir: Testing.app().outdir });
    const chart = new MeshChart(app, 'warned', { profile: exampleProfile });
    new ApiObject(chart, 'Legacy', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy-app', labels: { 'istio-injection': 'enabled' } } });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(s => { written.push(String(s)); return true; });
    try {
      app.synthYaml();
      app.synthYaml();
    } finally {
      spy.mockRestore();
    }
    expect(written.filter(w => w.includes('AIM114') && w.includes('legacy-app'))).toHaveLength(1);
  });
});
