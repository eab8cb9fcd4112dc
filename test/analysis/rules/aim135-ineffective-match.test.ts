import { IneffectiveMatch, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const to = (host: string) => ({ route: [{ destination: { host } }] });
const vs = (name: string, http: unknown[]) => obj(ISTIO, 'VirtualService', 'shop', name, { hosts: ['shop'], http });

describe('IneffectiveMatch (AIM135)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: the longer prefix first; a narrower earlier match (method, header) does not cover a wider later one
    const objects = [vs('vs', [
      { match: [{ uri: { prefix: '/api/v1/products' } }], ...to('a') },
      { match: [{ uri: { prefix: '/api/v1/prod' }, method: { exact: 'GET' } }], ...to('b') },
      { match: [{ uri: { prefix: '/api/v1/product' }, method: { exact: 'POST' } }], ...to('b') },
      { match: [{ uri: { prefix: '/api' }, headers: { x: { exact: '1' } } }], ...to('c') },
      { match: [{ uri: { prefix: '/api/v2' } }], ...to('d') },
    ])];
    // WHEN
    const findings = check(IneffectiveMatch, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      vs('overlap', [
        { match: [{ uri: { prefix: '/api/v1/product' } }], ...to('a') },
        { match: [{ uri: { prefix: '/api/v1/products' }, method: { exact: 'GET' } }, { uri: { prefix: '/potato' } }], ...to('b') },
      ]),
      vs('same-rule', [{ match: [{ uri: { prefix: '/x' } }, { name: 'again', uri: { prefix: '/x' } }], ...to('a') }]),
      vs('exact-after-prefix', [{ match: [{ uri: { prefix: '/api' } }], ...to('a') }, { match: [{ uri: { exact: '/api/v1' } }], ...to('b') }]),
    ];
    // WHEN
    const findings = check(IneffectiveMatch, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'VirtualService shop/overlap spec.http[1] (rule #1) match 0 (prefix "/api/v1/products") is never used: rule #0 match 0 (prefix "/api/v1/product") takes its requests first',
      'VirtualService shop/same-rule spec.http[0] (rule #0) match 1 is never used: rule #0 has the same match',
      'VirtualService shop/exact-after-prefix spec.http[1] (rule #1) match 0 (exact "/api/v1") is never used: rule #0 match 0 (prefix "/api") takes its requests first',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM135', severity: Severity.WARNING, istioCode: 'IST0131', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
