import { MissingSubset, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

describe('MissingSubset (AIM105)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'DestinationRule', 'shop', 'dr', { host: 'reviews.shop.svc.cluster.local', subsets: [{ name: 'v1' }] }), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] })];
    // WHEN
    const findings = check(MissingSubset, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'DestinationRule', 'shop', 'dr', { host: 'reviews', subsets: [{ name: 'v1' }] }), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v2' } }] }] })];
    // WHEN
    const findings = check(MissingSubset, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM105', severity: Severity.ERROR, message: 'VirtualService shop/vs routes to subset "v2" of host "reviews", but its DestinationRule defines only "v1"', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
