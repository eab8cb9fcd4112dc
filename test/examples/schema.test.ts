import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildExampleApp } from '../../examples/app';
import { CrdSchemaValidator, describeIfSchemas, formatErrors, parseManifests } from '../support/crd-schema';

interface SynthOutput {
  readonly files: ReadonlyMap<string, string>;
}

function synthExamples(): SynthOutput {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aks-istio-mesh-schema-'));
  try {
    buildExampleApp({ outdir }).synth();
    const names = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
    return { files: new Map(names.map((name) => [name, fs.readFileSync(path.join(outdir, name), 'utf8')])) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}

function identity(manifest: unknown): string {
  const apiVersion = field(manifest, 'apiVersion');
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : 'core';
  const metadata = field(manifest, 'metadata');
  return `${group} ${String(field(manifest, 'kind'))} ${String(field(metadata, 'namespace') ?? '')}/${String(field(metadata, 'name'))}`;
}

describeIfSchemas('example app against the CRD and Kubernetes schemas', () => {
  let first: SynthOutput;
  let manifests: unknown[];
  beforeAll(() => {
    first = synthExamples();
    manifests = [...first.files.values()].flatMap(parseManifests);
  });

  test('every object is valid against Istio 1.30, Gateway API v1.3.0 and Kubernetes v1.33 (CEL rules included)', () => {
    // GIVEN
    const validator = CrdSchemaValidator.load();
    // WHEN
    const started = process.hrtime.bigint();
    const errors = validator.validateAll(manifests);
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    // THEN
    expect(manifests.length).toBeGreaterThan(0);
    expect(formatErrors(errors)).toEqual('');
    console.log(`schema-validated ${manifests.length} objects from ${first.files.size} files in ${millis.toFixed(0)} ms (schemas loaded once per worker)`);
  });

  // AKS installs Gateway API v1.2.1 on Kubernetes 1.26 to 1.33 and v1.3.0 on 1.34; asm-1-28 is Istio 1.28.
  test.each([
    ['istio-1.28-crds.yaml', 'gateway-api-v1.2.1-standard.yaml'],
    ['istio-1.28-crds.yaml', 'gateway-api-v1.3.0-standard.yaml'],
    ['istio-1.30-crds.yaml', 'gateway-api-v1.2.1-standard.yaml'],
  ])('every object is valid against %s and %s too', (istioCrds, gatewayApiCrds) => {
    // GIVEN
    const validator = CrdSchemaValidator.loadBundles([istioCrds, gatewayApiCrds, 'kube-egress-gateway-v0.1.8-crds.yaml', 'secrets-store-csi-driver-v1.6.0-crds.yaml']);
    // WHEN
    const errors = validator.validateAll(manifests);
    // THEN
    expect(formatErrors(errors)).toEqual('');
  });

  test('the secure ingress examples are among the validated objects', () => {
    const kinds = manifests.map(m => `${String(field(m, 'kind'))} ${String(field(field(m, 'metadata'), 'name'))}`);
    expect(kinds).toEqual(expect.arrayContaining([
      'SecretProviderClass productpage-credential-spc', 'Deployment productpage-credential-sync',
      'SecretProviderClass productpage-gwapi-credential-spc', 'HTTPRoute productpage-https-redirect',
    ]));
  });

  test('no two objects share group, kind, namespace and name', () => {
    // WHEN
    const ids = manifests.map(identity);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    // THEN
    expect(duplicates).toEqual([]);
  });

  test('two synths give byte-identical files', () => {
    // WHEN
    const second = synthExamples();
    // THEN
    expect([...second.files.keys()]).toEqual([...first.files.keys()]);
    for (const [name, text] of first.files) expect(second.files.get(name)).toEqual(text);
  });
});
