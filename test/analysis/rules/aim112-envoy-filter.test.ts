import { EnvoyFilterUse, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

describe('EnvoyFilterUse (AIM112)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'Sidecar', 'shop', 'default', { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })];
    // WHEN
    const findings = check(EnvoyFilterUse, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj('networking.istio.io/v1alpha3', 'EnvoyFilter', 'shop', 'wasm', { configPatches: [{ applyTo: 'HTTP_FILTER', patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.filters.http.wasm', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm' } } } }] })];
    // WHEN
    const findings = check(EnvoyFilterUse, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM112', severity: Severity.ERROR, message: 'EnvoyFilter shop/wasm patches in a Wasm filter, which the AKS add-on rejects', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
