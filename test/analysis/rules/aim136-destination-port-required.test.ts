import { DestinationPortRequired, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const twoPorts = obj('v1', 'Service', 'default', 'reviews-2port', { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] });

describe('DestinationPortRequired (AIM136)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [twoPorts, obj(ISTIO, 'VirtualService', 'default', 'vs', { hosts: ['a'], http: [{ route: [{ destination: { host: 'reviews-2port', port: { number: 80 } } }] }] })];
    // WHEN
    const findings = check(DestinationPortRequired, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [twoPorts, obj(ISTIO, 'VirtualService', 'default', 'vs', { hosts: ['a'], http: [{ route: [{ destination: { host: 'reviews-2port' } }] }] })];
    // WHEN
    const findings = check(DestinationPortRequired, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM136', severity: Severity.ERROR, istioCode: 'IST0112', file: 'test.yaml',
      message: 'VirtualService default/vs spec.http[0].route[0].destination to host "reviews-2port" has no port, but Service default/reviews-2port serves ports 80, 443',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
