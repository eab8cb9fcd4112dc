import { Testing } from 'cdk8s';
import { MeshWideMtls, MtlsMode } from '../../../src/k8s';
import { testChart } from '../../support/mesh-chart';

describe('MeshWideMtls', () => {
  test('puts a STRICT PeerAuthentication named default in aks-istio-system, whatever the chart namespace', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    const mtls = new MeshWideMtls(chart, 'mtls');
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toEqual({
      apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'aks-istio-system' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    expect(mtls.mode).toEqual(MtlsMode.STRICT);
  });

  test('fails with mode UNSET', () => {
    const chart = testChart();
    expect(() => new MeshWideMtls(chart, 'mtls', { mode: MtlsMode.UNSET })).toThrow(/^\[test\/mtls\] 'mode' is UNSET/);
  });

  test('fails when the app has two', () => {
    const chart = testChart();
    new MeshWideMtls(chart, 'a');
    new MeshWideMtls(chart, 'b', { name: 'other', mode: MtlsMode.PERMISSIVE });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/a\].*another mesh-wide mTLS policy \(test\/b\)/s);
  });
});
