import { Severity, UnknownDestinationRuleHost } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const reviews = obj('v1', 'Service', 'default', 'reviews', { ports: [{ port: 9080, name: 'http' }] });

describe('UnknownDestinationRuleHost (AIM143)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: a short name, a wildcard, a ServiceEntry host, and a host in a namespace without Services in the set
    const objects = [
      reviews,
      obj(ISTIO, 'ServiceEntry', 'default', 'ext', { hosts: ['api.example.com'] }),
      obj(ISTIO, 'DestinationRule', 'default', 'reviews', { host: 'reviews' }),
      obj(ISTIO, 'DestinationRule', 'default', 'all', { host: '*.local' }),
      obj(ISTIO, 'DestinationRule', 'default', 'ext', { host: 'api.example.com' }),
      obj(ISTIO, 'DestinationRule', 'bookinfo', 'productpage', { host: 'productpage' }),
    ];
    // WHEN / THEN
    expect(check(UnknownDestinationRuleHost, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [reviews, obj(ISTIO, 'DestinationRule', 'default', 'fake-host', { host: 'fake-svc.default.svc.cluster.local' })];
    // WHEN
    const findings = check(UnknownDestinationRuleHost, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM143', severity: Severity.WARNING, istioCode: 'IST0174', file: 'test.yaml',
      message: 'DestinationRule default/fake-host host "fake-svc.default.svc.cluster.local" is defined by no Service or ServiceEntry visible in namespace "default"',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
