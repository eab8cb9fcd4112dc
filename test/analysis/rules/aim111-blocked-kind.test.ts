import { BlockedKind, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

describe('BlockedKind (AIM111)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj('security.istio.io/v1', 'PeerAuthentication', 'shop', 'pa', { mtls: { mode: 'STRICT' } })];
    // WHEN
    const findings = check(BlockedKind, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj('networking.istio.io/v1', 'WorkloadEntry', 'shop', 'vm', { address: '10.0.0.1' })];
    // WHEN
    const findings = check(BlockedKind, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM111', severity: Severity.ERROR, message: 'WorkloadEntry shop/vm: kind WorkloadEntry (networking.istio.io/v1) is blocked by the AKS Istio add-on', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
