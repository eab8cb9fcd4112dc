import { Severity, UnreachableRoute } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const to = (host: string) => ({ route: [{ destination: { host } }] });
const vs = (http: unknown[]) => obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['shop'], http });

describe('UnreachableRoute (AIM134)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: specific matches first, the catch-all last
    const objects = [vs([{ match: [{ uri: { prefix: '/api' } }], ...to('api') }, { match: [{ uri: { prefix: '/' } }], ...to('web') }])];
    // WHEN
    const findings = check(UnreachableRoute, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: a rule after a catch-all prefix /, and a duplicate of an earlier match
    const objects = [
      vs([{ match: [{ uri: { prefix: '/' } }], ...to('web') }, { match: [{ uri: { prefix: '/api' } }], ...to('api') }]),
      obj(ISTIO, 'VirtualService', 'shop', 'dup', { hosts: ['x'], http: [
        { name: 'first', match: [{ uri: { prefix: '/p' } }], ...to('a') },
        { name: 'second', match: [{ name: 'same', uri: { prefix: '/p' } }], ...to('b') },
      ] }),
      obj(ISTIO, 'VirtualService', 'shop', 'tcp', { hosts: ['x'], tcp: [to('a'), to('b')] }),
    ];
    // WHEN
    const findings = check(UnreachableRoute, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'VirtualService shop/vs spec.http[1] (rule #1) can never be reached: rule #0 before it matches every request and takes all traffic',
      'VirtualService shop/dup spec.http[1] (rule "second") can never be reached: earlier rules have all its matches',
      'VirtualService shop/tcp spec.tcp[1] (rule #1) can never be reached: rule #0 before it has no match and takes all traffic',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM134', severity: Severity.WARNING, istioCode: 'IST0130', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
