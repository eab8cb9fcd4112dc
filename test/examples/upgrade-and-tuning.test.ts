import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, errorsOf, Manifest, parseManifests } from '../../src/analysis';
import { MeshApp } from '../../src/k8s';
import { MeshProfile, planUpgrade } from '../../src/mesh';
import { buildExampleApp } from '../../examples/app';
import { buildCanaryApp, canaryProfile, CANARY_REVISION } from '../../examples/canary/app';
import { exampleProfile } from '../../examples/profile';
import { CrdSchemaValidator, describeIfSchemas, formatErrors } from '../support/crd-schema';

const EXAMPLES = join(__dirname, '..', '..', 'examples');

function synth(build: (outdir: string) => MeshApp): Manifest[] {
  const outdir = mkdtempSync(join(tmpdir(), 'aim-upgrade-'));
  try {
    build(outdir).synth();
    return readdirSync(outdir).filter(f => f.endsWith('.k8s.yaml')).sort()
      .flatMap(f => parseManifests(readFileSync(join(outdir, f), 'utf8'), f));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const labelsOf = (m: Manifest) => ((m.object.metadata as { labels?: Record<string, string> }).labels ?? {});
const named = (ms: Manifest[], kind: string, name: string) => ms.filter(m => m.object.kind === kind && (m.object.metadata as { name: string }).name === name);

describe('example upgrade and tuning', () => {
  let stable: Manifest[];
  let canary: Manifest[];
  beforeAll(() => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    stable = synth(outdir => buildExampleApp({ outdir }));
    canary = synth(outdir => buildCanaryApp({ outdir }));
  });

  test('the committed profile JSON files are the example profiles (npm run example-profiles rewrites them)', () => {
    expect(JSON.parse(readFileSync(join(EXAMPLES, 'profile.json'), 'utf8'))).toEqual(exampleProfile.toJson());
    expect(JSON.parse(readFileSync(join(EXAMPLES, 'canary', 'profile.json'), 'utf8'))).toEqual(canaryProfile.toJson());
  });

  test('dist/ holds the tuned HPA, Services and Gateway API defaults in their own file', () => {
    const tuning = stable.filter(m => m.file === 'aks-istio-managed-gateway-tuning.k8s.yaml');
    const [hpa] = named(tuning, 'HorizontalPodAutoscaler', 'aks-istio-ingressgateway-external-asm-1-30');
    expect(hpa.object.spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    const [external] = named(tuning, 'Service', 'aks-istio-ingressgateway-external');
    expect(external.object.spec).toEqual({ externalTrafficPolicy: 'Local' });
    const [internal] = named(tuning, 'Service', 'aks-istio-ingressgateway-internal');
    expect((internal.object.metadata as { annotations: Record<string, string> }).annotations)
      .toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'snet-aks-istio-internal' });
    const [defaults] = named(tuning, 'ConfigMap', 'istio-gateway-class-defaults');
    expect((defaults.object.data as Record<string, string>).podDisruptionBudget).toEqual('spec:\n  minAvailable: 2\n');
    expect(tuning.every(m => ['HorizontalPodAutoscaler', 'Service', 'ConfigMap'].includes(String(m.object.kind)))).toBe(true);
  });

  test('the upgrade plan of dist/ has one migrate step per namespace on the example revision', () => {
    // GIVEN the profile as the CLI reads it
    const profile = MeshProfile.fromJson(JSON.parse(readFileSync(join(EXAMPLES, 'profile.json'), 'utf8')));
    const labelled = stable.filter(m => m.object.kind === 'Namespace' && labelsOf(m)['istio.io/rev'] === 'asm-1-30')
      .map(m => (m.object.metadata as { name: string }).name).sort();
    // WHEN
    const { plan } = planUpgrade(profile, 'asm-1-31', { manifests: stable.map(m => m.object) });
    // THEN
    expect(labelled.length).toBeGreaterThan(1);
    expect(plan.phases.find(p => p.name === 'migrate')!.steps.map(s => s.namespace)).toEqual(labelled);
  });

  test('the canary app moves bookinfo first, keeps the rest, pins Gateways and configures both revisions', () => {
    const namespaces = canary.filter(m => m.object.kind === 'Namespace' && labelsOf(m)['istio.io/rev'] !== undefined);
    expect(namespaces.filter(m => labelsOf(m)['istio.io/rev'] === CANARY_REVISION).map(m => (m.object.metadata as { name: string }).name)).toEqual(['bookinfo']);
    expect(namespaces.filter(m => labelsOf(m)['istio.io/rev'] === 'asm-1-30')).toHaveLength(namespaces.length - 1);
    expect(named(canary, 'ConfigMap', 'istio-shared-configmap-asm-1-31')).toHaveLength(1);
    const gateways = canary.filter(m => m.object.kind === 'Gateway' && String(m.object.apiVersion).startsWith('gateway.networking.k8s.io'));
    expect(gateways.length).toBeGreaterThan(0);
    expect(gateways.every(g => labelsOf(g)['istio.io/rev'] === 'asm-1-30')).toBe(true);
    expect(named(canary, 'HorizontalPodAutoscaler', 'aks-istio-ingressgateway-external-asm-1-31')).toHaveLength(1);
    const findings = analyze(canary, { profile: canaryProfile });
    expect(errorsOf(findings)).toEqual([]);
    expect(findings.filter(f => ['AIM123', 'AIM124', 'AIM125', 'AIM126'].includes(f.code))).toEqual([]);
    const { plan } = planUpgrade(canaryProfile, CANARY_REVISION, { manifests: canary.map(m => m.object) });
    expect(plan.phases.find(p => p.name === 'migrate')!.steps).toHaveLength(namespaces.length - 1);
    expect(plan.phases.find(p => p.name === 'rollback')!.steps.filter(s => s.namespace !== undefined)).toHaveLength(namespaces.length);
  });
});

describeIfSchemas('canary example against the Kubernetes 1.33 and CRD schemas', () => {
  test('every object of the canary app is schema-valid', () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const objects = synth(outdir => buildCanaryApp({ outdir })).map(m => m.object);
    expect(formatErrors(CrdSchemaValidator.load().validateAll(objects))).toEqual('');
  });
});
