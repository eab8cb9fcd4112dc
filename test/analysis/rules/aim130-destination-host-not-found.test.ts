import { DestinationHostNotFound, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const svc = (ns: string, name: string, ports: number[], annotations?: Record<string, string>) =>
  obj('v1', 'Service', ns, name, { ports: ports.map(port => ({ port, name: `http-${port}` })) }, annotations ? { metadata: { annotations } } : {});
const vs = (ns: string, name: string, host: string, more: Record<string, unknown> = {}) =>
  obj(ISTIO, 'VirtualService', ns, name, { hosts: [name], http: [{ route: [{ destination: { host, ...more } }] }] });

describe('DestinationHostNotFound (AIM130)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: short name, FQDN from another namespace, wildcard ServiceEntry, exported Service, AKS ingress Service
    const objects = [
      svc('default', 'reviews', [42]),
      svc('hello', 'hello', [9080], { 'networking.istio.io/exportTo': 'hello1,.' }),
      obj(ISTIO, 'ServiceEntry', 'default', 'eu', { hosts: ['*.eu.bookinfo.com'] }),
      vs('default', 'a', 'reviews', { port: { number: 42 } }),
      vs('istio-system', 'b', 'reviews.default.svc.cluster.local'),
      vs('default', 'c', 'reviews.eu.bookinfo.com'),
      vs('hello1', 'd', 'hello.hello.svc.cluster.local'),
      vs('default', 'e', 'aks-istio-ingressgateway-internal.aks-istio-ingress.svc.cluster.local'),
      // bookinfo's Services are deployed from elsewhere: with none of them in the set, its hosts are not judged
      vs('bookinfo', 'f', 'productpage'),
    ];
    // WHEN
    const findings = check(DestinationHostNotFound, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('is quiet when the set has no Services', () => {
    // GIVEN
    const objects = [vs('default', 'a', 'reviews')];
    // WHEN / THEN
    expect(check(DestinationHostNotFound, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      svc('default', 'reviews', [42]),
      svc('hello', 'hello', [9080], { 'networking.istio.io/exportTo': 'hello1' }),
      svc('other', 'details', [9080]),
      vs('default', 'bogus', 'reviews-bogus'),
      vs('default', 'port', 'reviews', { port: { number: 999 } }),
      vs('other', 'short', 'reviews'),
      vs('hello2', 'hidden', 'hello.hello.svc.cluster.local'),
    ];
    // WHEN
    const findings = check(DestinationHostNotFound, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'VirtualService default/bogus routes to host "reviews-bogus" (spec.http[0].route[0].destination), which no Service or ServiceEntry visible in namespace "default" defines',
      'VirtualService default/port spec.http[0].route[0].destination names port 999 of host "reviews", which serves only 42 (Service default/reviews)',
      'VirtualService other/short routes to host "reviews" (spec.http[0].route[0].destination), which no Service or ServiceEntry visible in namespace "other" defines',
      'VirtualService hello2/hidden routes to host "hello.hello.svc.cluster.local" (spec.http[0].route[0].destination), which no Service or ServiceEntry visible in namespace "hello2" defines',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM130', severity: Severity.WARNING, istioCode: 'IST0101', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
