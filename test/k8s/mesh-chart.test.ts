import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { MeshChart } from '../../src/k8s/mesh-chart';
import { addWarning } from '../../src/k8s/private/warnings';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { TEST_NOW, testChart, testProfile } from '../support/mesh-chart';

describe('MeshChart', () => {
  test('is found from any construct inside it, and only mesh charts are MeshCharts', () => {
    const chart = testChart();
    const inner = new Construct(new Construct(chart, 'a'), 'b');
    expect(MeshChart.of(inner)).toBe(chart);
    expect(new Chart(Testing.app(), 'plain') instanceof MeshChart).toBe(false);
    expect(chart instanceof MeshChart).toBe(true);
  });

  test('fails when a construct needing the profile is outside a MeshChart', () => {
    const plain = new Chart(Testing.app(), 'plain');
    expect(() => MeshChart.of(new Construct(plain, 'x'))).toThrow('[plain/x] must be created inside a MeshChart');
  });

  test('fails synth with every failing validation and its path', () => {
    const chart = testChart();
    new Construct(chart, 'a').node.addValidation({ validate: () => ['first problem'] });
    new Construct(chart, 'b').node.addValidation({ validate: () => ['second problem'] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\] first problem[\s\S]*\[test\/b\] second problem/);
  });

  test('prints profile and construct warnings once per process', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const profile = new MeshProfile({ revisions: ['asm-1-28'] }, { now: TEST_NOW });
      const chart = testChart(profile);
      addWarning(new Construct(chart, 'w'), 'a construct warning');
      Testing.synth(chart);
      Testing.synth(chart);
      const lines = write.mock.calls.map(c => String(c[0]));
      expect(lines.filter(l => l.includes("revision 'asm-1-28'"))).toHaveLength(1);
      expect(lines.filter(l => l.includes('[test/w] a construct warning'))).toHaveLength(1);
    } finally {
      write.mockRestore();
    }
  });

  test('carries its profile', () => {
    const profile = testProfile();
    expect(testChart(profile).profile).toBe(profile);
  });
});
