import { Testing } from 'cdk8s';
import { MeshNamespace } from '../../../src/k8s/aks/mesh-namespace';
import { MeshProfile } from '../../../src/mesh/mesh-profile';
import { TEST_NOW, testChart } from '../../support/mesh-chart';

describe('MeshNamespace', () => {
  test('labels the namespace with the profile revision, never istio-injection', () => {
    // GIVEN a namespaced chart (whose namespace must not leak onto the cluster-scoped Namespace)
    const chart = testChart(undefined, 'pets');
    // WHEN
    new MeshNamespace(chart, 'ns', { name: 'pets', labels: { team: 'store' }, annotations: { owner: 'x' } });
    // THEN
    const [ns] = Testing.synth(chart);
    expect(ns).toMatchSnapshot();
    expect(ns).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'pets', labels: { 'team': 'store', 'istio.io/rev': 'asm-1-30' }, annotations: { owner: 'x' } },
    });
  });

  test('uses the canary revision when asked', () => {
    const chart = testChart(new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'] }, { now: TEST_NOW }));
    const stable = new MeshNamespace(chart, 'a', { name: 'a' });
    const canary = new MeshNamespace(chart, 'b', { name: 'b', revision: 'asm-1-30' });
    expect([stable.revision, canary.revision]).toEqual(['asm-1-29', 'asm-1-30']);
    expect(Testing.synth(chart).map(o => (o.metadata as { labels: Record<string, string> }).labels['istio.io/rev'])).toEqual(['asm-1-29', 'asm-1-30']);
  });

  test('fails when the revision is not in the profile', () => {
    expect(() => new MeshNamespace(testChart(), 'ns', { name: 'a', revision: 'asm-1-29' }))
      .toThrow("[test/ns] 'revision' 'asm-1-29' is not a revision of the mesh profile (asm-1-30)");
  });

  test('fails when given the ignored istio-injection label or the revision label', () => {
    expect(() => new MeshNamespace(testChart(), 'ns', { name: 'a', labels: { 'istio-injection': 'enabled' } })).toThrow("'labels' has 'istio-injection', which the AKS add-on ignores");
    expect(() => new MeshNamespace(testChart(), 'ns', { name: 'a', labels: { 'istio.io/rev': 'asm-1-30' } })).toThrow("set 'revision' instead");
  });

  test('fails when the name is not a namespace name', () => {
    expect(() => new MeshNamespace(testChart(), 'ns', { name: 'Pets' })).toThrow("'name' \"Pets\" is not a valid namespace name");
  });
});
