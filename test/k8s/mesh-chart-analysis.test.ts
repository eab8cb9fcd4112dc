import { ApiObject, Testing } from 'cdk8s';
import { MeshChart } from '../../src/k8s';
import { buildBrokenApp } from '../../examples/broken/app';
import { exampleProfile } from '../../examples/profile';

describe('MeshChart analysis', () => {
  test('fails when objects of the App break a rule, naming the construct path and the code', () => {
    // GIVEN
    const app = buildBrokenApp({ outdir: Testing.app().outdir });
    // WHEN / THEN
    expect(() => app.synth()).toThrow(/\[broken-routes\/Reviews\/Resource\] AIM105: VirtualService shop\/\S+ routes to subset "v2"/);
  });

  test('fails when two charts of one App define the same object (Testing.synth of the second chart)', () => {
    // GIVEN
    const app = buildBrokenApp();
    const chart = app.node.findChild('broken-namespaces') as MeshChart;
    // WHEN / THEN
    expect(() => Testing.synth(chart)).toThrow('[broken-namespaces/Namespace/Resource] AIM101: Namespace shop (v1) is defined more than once');
  });

  test('prints warnings once and does not fail on them', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new MeshChart(app, 'warned', { profile: exampleProfile });
    new ApiObject(chart, 'Legacy', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy', labels: { 'istio-injection': 'enabled' } } });
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(s => { written.push(String(s)); return true; });
    try {
      // WHEN
      const manifests = Testing.synth(chart);
      Testing.synth(chart);
      // THEN
      expect(manifests).toHaveLength(1);
      expect(written.filter(w => w.includes('AIM114'))).toEqual([
        expect.stringContaining('[warned/Legacy] AIM114: Namespace legacy label istio-injection="enabled" is ignored by the AKS add-on'),
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});
