import { ControlPlaneTool, planUpgrade, UpgradePlan, UpgradeStep } from '../../src/mesh/upgrade-plan';
import { TEST_NOW, testProfile } from '../support/mesh-chart';

const ns = (name: string, revision?: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(revision ? { labels: { 'istio.io/rev': revision } } : {}) } });
const sharedConfig = (revision: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `istio-shared-configmap-${revision}`, namespace: 'aks-istio-system' }, data: { mesh: '{}' } });
const gateway = (name: string, namespace: string, revision?: string) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway',
  metadata: { name, namespace, ...(revision ? { labels: { 'istio.io/rev': revision } } : {}) },
  spec: { gatewayClassName: 'istio', listeners: [] },
});

function phase(plan: UpgradePlan, name: string): readonly UpgradeStep[] {
  return plan.phases.find(p => p.name === name)!.steps;
}

describe('planUpgrade', () => {
  const manifests = [ns('shop', 'asm-1-30'), ns('pets', 'asm-1-30'), ns('legacy'), ns('cart', 'asm-1-30'), sharedConfig('asm-1-30'), gateway('web', 'shop')];

  test('plans every phase in order, one migrate step per namespace on the old revision, in waves', () => {
    // WHEN
    const { plan, warnings } = planUpgrade(testProfile(), 'asm-1-31', { manifests, waveSize: 2, now: TEST_NOW });
    // THEN
    expect([plan.from, plan.to]).toEqual(['asm-1-30', 'asm-1-31']);
    expect(plan.phases.map(p => p.name)).toEqual(['canary', 'migrate', 'verify', 'complete', 'rollback']);
    expect(warnings).toEqual([expect.stringContaining("target revision 'asm-1-31' is not in the known-revision table")]);
    const migrate = phase(plan, 'migrate');
    expect(migrate.map(s => s.namespace)).toEqual(['cart', 'pets', 'shop']);
    expect(migrate[0]).toEqual({
      kind: 'kubectl',
      namespace: 'cart',
      description: expect.stringContaining('wave 1 of 2: relabel namespace cart to asm-1-31'),
      command: 'kubectl label namespace cart istio.io/rev=asm-1-31 --overwrite && kubectl rollout restart deployment -n cart',
    });
    expect(migrate[2].description).toContain('wave 2 of 2');
  });

  test('creates the new shared MeshConfig and pins unlabelled Gateways before the upgrade starts', () => {
    const { plan } = planUpgrade(testProfile(), 'asm-1-31', { manifests, now: TEST_NOW });
    const canary = phase(plan, 'canary');
    expect(canary.map(s => s.kind)).toEqual(['kubectl', 'kubectl', 'terraform', 'check']);
    expect(canary[0].command).toEqual('kubectl create configmap istio-shared-configmap-asm-1-31 -n aks-istio-system '
      + '--from-literal=mesh="$(kubectl get configmap istio-shared-configmap-asm-1-30 -n aks-istio-system -o jsonpath=\'{.data.mesh}\')" '
      + '--dry-run=client -o yaml | kubectl apply -f -');
    expect(canary[1]).toMatchObject({ namespace: 'shop', command: 'kubectl label gateway.gateway.networking.k8s.io web -n shop istio.io/rev=asm-1-30 --overwrite' });
    expect(canary[2]).toMatchObject({ kind: 'terraform', command: 'cdktf deploy', description: expect.stringContaining('["asm-1-30","asm-1-31"]') });
    const complete = phase(plan, 'complete');
    expect(complete.map(s => s.command)).toEqual([
      'kubectl label gateway.gateway.networking.k8s.io web -n shop istio.io/rev=asm-1-31 --overwrite',
      'cdktf deploy',
      'kubectl delete configmap istio-shared-configmap-asm-1-30 -n aks-istio-system --ignore-not-found',
    ]);
    expect(complete[1].description).toContain('["asm-1-31"]');
  });

  test('uses az commands with the given cluster when asked', () => {
    const { plan } = planUpgrade(testProfile(), 'asm-1-31', { manifests, via: ControlPlaneTool.AZ, resourceGroup: 'rg', clusterName: 'aks', now: TEST_NOW });
    const az = plan.phases.flatMap(p => p.steps).filter(s => s.kind === 'az').map(s => s.command);
    expect(az).toEqual([
      'az aks mesh upgrade start --resource-group rg --name aks --revision asm-1-31',
      'az aks mesh upgrade complete --resource-group rg --name aks',
      'az aks mesh upgrade rollback --resource-group rg --name aks',
    ]);
    expect(phase(plan, 'canary')[0].command).toEqual('az aks mesh get-upgrades --resource-group rg --name aks');
  });

  test('verifies proxies and gateways, and rolls back every moved namespace', () => {
    const { plan } = planUpgrade(testProfile(), 'asm-1-31', { manifests: [...manifests, ns('early', 'asm-1-31')], now: TEST_NOW });
    const verify = phase(plan, 'verify');
    expect(verify.map(s => s.command)).toEqual(expect.arrayContaining([
      'kubectl get pods -n shop -l istio.io/rev=asm-1-30',
      'kubectl rollout status deployment aks-istio-ingressgateway-external-asm-1-31 -n aks-istio-ingress',
      'kubectl rollout status deployment aks-istio-ingressgateway-internal-asm-1-31 -n aks-istio-ingress',
      'kubectl rollout status deployment asm-egress-test-asm-1-31 -n aks-istio-egress',
    ]));
    const rollback = phase(plan, 'rollback');
    expect(rollback.filter(s => s.namespace !== undefined).map(s => s.namespace)).toEqual(['early', 'cart', 'pets', 'shop']);
    expect(rollback.find(s => s.namespace === 'early')!.command).toEqual('kubectl label namespace early istio.io/rev=asm-1-30 --overwrite && kubectl rollout restart deployment -n early');
    expect(rollback.map(s => s.kind).slice(-2)).toEqual(['terraform', 'kubectl']);
    expect(verify.map(s => s.command)).toContain('kubectl wait --for=condition=Programmed gateway.gateway.networking.k8s.io/web -n shop --timeout=120s');
    expect(phase(plan, 'migrate').map(s => s.namespace)).not.toContain('early');
  });

  test('skips the shared MeshConfig when the old revision has none, and lists namespaces with kubectl without manifests', () => {
    const withoutConfig = planUpgrade(testProfile(), 'asm-1-31', { manifests: [ns('shop', 'asm-1-30')], now: TEST_NOW }).plan;
    expect(phase(withoutConfig, 'canary').some(s => (s.command ?? '').includes('istio-shared-configmap'))).toBe(false);
    const blind = planUpgrade(testProfile(), 'asm-1-31', { now: TEST_NOW }).plan;
    expect(phase(blind, 'canary').map(s => s.command)).toContain("kubectl get gateway.gateway.networking.k8s.io -A -l '!istio.io/rev'");
    expect(phase(blind, 'migrate')).toEqual([expect.objectContaining({
      command: "for ns in $(kubectl get namespaces -l istio.io/rev=asm-1-30 -o jsonpath='{.items[*].metadata.name}'); do kubectl label namespace $ns istio.io/rev=asm-1-31 --overwrite && kubectl rollout restart deployment -n $ns; done",
    })]);
  });

  test('plans from a profile already in the canary state', () => {
    const { plan } = planUpgrade(testProfile({ revisions: ['asm-1-29', 'asm-1-30'] }), 'asm-1-30', { manifests: [ns('shop', 'asm-1-29')], now: TEST_NOW });
    expect([plan.from, plan.to, phase(plan, 'migrate').length]).toEqual(['asm-1-29', 'asm-1-30', 1]);
  });

  test('fails when AKS would refuse the target, or a canary to another revision runs', () => {
    expect(() => planUpgrade(testProfile(), 'asm-1-30')).toThrow('target revision asm-1-30 is the revision the mesh already runs');
    expect(() => planUpgrade(testProfile(), 'asm-1-33')).toThrow('AKS upgrades to n+1 or n+2 only');
    expect(() => planUpgrade(testProfile({ revisions: ['asm-1-29', 'asm-1-30'] }), 'asm-1-31'))
      .toThrow('the profile is already in a canary upgrade from asm-1-29 to asm-1-30; plan with --to asm-1-30');
    expect(() => planUpgrade(testProfile(), 'asm-1-31', { waveSize: 0 })).toThrow('wave size must be a whole number of 1 or more, got 0');
  });

  test('warns about namespaces on a third revision', () => {
    const { warnings } = planUpgrade(testProfile(), 'asm-1-31', { manifests: [ns('old', 'asm-1-28')], now: TEST_NOW });
    expect(warnings).toContain("namespace 'old' is labelled istio.io/rev=asm-1-28, neither asm-1-30 nor asm-1-31; the plan leaves it alone and its sidecars stop working when that revision is gone");
  });
});
