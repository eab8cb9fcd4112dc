import { Duration, Testing } from 'cdk8s';
import { PolicyTargetRef, RequestAuthentication } from '../../../src/k8s';
import { CrdSchemaValidator, crdSchemasAvailable, formatErrors } from '../../support/crd-schema';
import { testChart } from '../../support/mesh-chart';

const ISSUER = 'testing@secure.istio.io';
const JWKS = 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json';

describe('RequestAuthentication', () => {
  test('renders JWT rules', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    const ra = new RequestAuthentication(chart, 'ra', {
      metadata: { name: 'jwt' },
      selector: { app: 'httpbin' },
      jwtRules: [{ issuer: ISSUER, jwksUri: JWKS, audiences: ['httpbin'], forwardOriginalToken: true }],
    });
    ra.addJwtRule({
      issuer: 'https://login.example.com', jwks: '{"keys":[]}', fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }],
      outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }], timeout: Duration.seconds(3),
    });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.spec.selector).toEqual({ matchLabels: { app: 'httpbin' } });
    // The generated layer writes the JWKS address under Istio's proto name `jwks_uri` (an alias of `jwksUri`).
    expect(obj.spec.jwtRules).toEqual([
      { issuer: ISSUER, jwks_uri: JWKS, audiences: ['httpbin'], forwardOriginalToken: true },
      { issuer: 'https://login.example.com', jwks: '{"keys":[]}', fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }], outputClaimToHeaders: [{ header: 'x-sub', claim: 'sub' }], timeout: '3s' },
    ]);
    expect(ra.issuers).toEqual([ISSUER, 'https://login.example.com']);
  });

  test('fails without JWT rules', () => {
    const chart = testChart(undefined, 'shop');
    new RequestAuthentication(chart, 'ra', { selector: { app: 'x' } });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/ra\].*'jwtRules' is empty/s);
  });

  test.each([
    ['an empty issuer', { issuer: '' }, /'jwtRules\[0\]\.issuer' is empty/],
    ['jwks and jwksUri', { issuer: 'a', jwks: '{}', jwksUri: JWKS }, /sets both 'jwksUri' and 'jwks'/],
    ['a jwksUri that is no http URL', { issuer: 'a', jwksUri: 'ftp://example.com/keys' }, /'jwtRules\[0\]\.jwksUri' "ftp:\/\/example\.com\/keys" is not an http\(s\) URL/],
    ['a bad claim header', { issuer: 'a', outputClaimToHeaders: [{ header: 'x sub', claim: 'sub' }] }, /"x sub" is not a header name/],
  ])('fails with %s', (_name, rule, message) => {
    const chart = testChart(undefined, 'shop');
    expect(() => new RequestAuthentication(chart, 'ra', { jwtRules: [rule] })).toThrow(message);
  });

  test('fails when an issuer is listed twice, or selector and targetRefs are both set', () => {
    const chart = testChart(undefined, 'shop');
    expect(() => new RequestAuthentication(chart, 'a', { jwtRules: [{ issuer: 'x' }, { issuer: 'x' }] })).toThrow(/"x" is listed twice/);
    expect(() => new RequestAuthentication(chart, 'b', { selector: { a: 'b' }, targetRefs: [PolicyTargetRef.gateway('gw')], jwtRules: [{ issuer: 'x' }] }))
      .toThrow(/^\[test\/b\] both 'selector'/);
  });

  (crdSchemasAvailable() ? test : test.skip)('is valid against the Istio CRD, CEL rules included', () => {
    const chart = testChart(undefined, 'shop');
    new RequestAuthentication(chart, 'ra', { targetRefs: [PolicyTargetRef.gateway('gw')], jwtRules: [{ issuer: ISSUER, jwksUri: JWKS, timeout: Duration.millis(500) }] });
    expect(formatErrors(CrdSchemaValidator.load().validateAll(Testing.synth(chart)))).toEqual('');
  });
});
