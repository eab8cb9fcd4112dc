import { Testing } from 'cdk8s';
import { MtlsMode, PeerAuthentication } from '../../../src/k8s';
import { testChart } from '../../support/mesh-chart';

describe('PeerAuthentication', () => {
  test('renders a namespace-wide mode', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    const pa = new PeerAuthentication(chart, 'pa', { metadata: { name: 'default' }, mode: MtlsMode.STRICT });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj).toMatchObject({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'shop' } });
    expect(obj.spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(pa.mode).toEqual(MtlsMode.STRICT);
  });

  test('renders port-level mTLS for selected workloads, ports sorted', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    const pa = new PeerAuthentication(chart, 'pa', { selector: { app: 'db' }, mode: MtlsMode.STRICT, portLevelMtls: { 9090: MtlsMode.PERMISSIVE } });
    pa.addPortMtls(5432, MtlsMode.DISABLE);
    // THEN
    expect(Testing.synth(chart)[0].spec).toEqual({
      selector: { matchLabels: { app: 'db' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { 5432: { mode: 'DISABLE' }, 9090: { mode: 'PERMISSIVE' } },
    });
    expect([...pa.portLevelMtls.keys()]).toEqual([9090, 5432]);
  });

  test('fails when port-level mTLS has no selector', () => {
    const chart = testChart(undefined, 'shop');
    expect(() => new PeerAuthentication(chart, 'pa', { mode: MtlsMode.STRICT, portLevelMtls: { 5432: MtlsMode.DISABLE } }))
      .toThrow(/^\[test\/pa\] 'portLevelMtls' \(port 5432: DISABLE\) needs 'selector'/);
  });

  test('fails on a port out of range or set twice', () => {
    const chart = testChart(undefined, 'shop');
    const pa = new PeerAuthentication(chart, 'pa', { selector: { app: 'db' } });
    expect(() => pa.addPortMtls(0, MtlsMode.DISABLE)).toThrow(/'portLevelMtls\[0\]' must be a port number from 1 to 65535, got 0/);
    pa.addPortMtls(80, MtlsMode.DISABLE);
    expect(() => pa.addPortMtls(80, MtlsMode.STRICT)).toThrow(/sets port 80 twice/);
  });

  test('fails on an empty selector', () => {
    const chart = testChart(undefined, 'shop');
    expect(() => new PeerAuthentication(chart, 'pa', { selector: {} })).toThrow(/'selector' is empty/);
  });

  test('fails at synth when placed mesh-wide in istio-system (AIM121 names the construct path)', () => {
    const chart = testChart();
    new PeerAuthentication(chart, 'upstream', { metadata: { name: 'default', namespace: 'istio-system' }, mode: MtlsMode.STRICT });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/upstream\/Resource\] AIM121: PeerAuthentication istio-system\/default has no selector.*aks-istio-system/s);
  });
});
