import { Testing } from 'cdk8s';
import { analyze } from '../../../src/analysis';
import { JwtRequirement, MeshWideMtls, MtlsMode, RequestOperation, ZeroTrustNamespace } from '../../../src/k8s';
import { IngressGatewayType } from '../../../src/mesh';
import { CrdSchemaValidator, crdSchemasAvailable, formatErrors } from '../../support/crd-schema';
import { findObject, testChart } from '../../support/mesh-chart';

const JWT_RULE = { issuer: 'testing@secure.istio.io', jwksUri: 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json' };

describe('JwtRequirement', () => {
  test('validates tokens and denies requests without one, for the chosen paths', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    const zt = new ZeroTrustNamespace(chart, 'zt');
    zt.allowFromIngressGateway('ingress', IngressGatewayType.EXTERNAL, { selector: { app: 'httpbin' } });
    // WHEN
    const jwt = zt.requireJwt('jwt', { selector: { app: 'httpbin' }, jwtRules: [JWT_RULE], to: [RequestOperation.paths('/headers')] });
    // THEN
    const objects = Testing.synth(chart);
    expect(jwt).toBeInstanceOf(JwtRequirement);
    expect(findObject(objects, 'RequestAuthentication', 'jwt')).toMatchObject({
      metadata: { namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'httpbin' } }, jwtRules: [{ issuer: JWT_RULE.issuer, jwks_uri: JWT_RULE.jwksUri }] },
    });
    expect(findObject(objects, 'AuthorizationPolicy', 'jwt-deny-without-token').spec).toEqual({
      action: 'DENY',
      selector: { matchLabels: { app: 'httpbin' } },
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/headers'] } }] }],
    });
    const findings = analyze(objects.map(object => ({ object })));
    expect(findings.filter(f => f.code === 'AIM119')).toEqual([]);
  });

  test('accepts only named token identities when asked', () => {
    const chart = testChart(undefined, 'shop');
    new JwtRequirement(chart, 'jwt', { name: 'api-jwt', jwtRules: [JWT_RULE], requestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] });
    const objects = Testing.synth(chart);
    expect(findObject(objects, 'RequestAuthentication', 'api-jwt')).toMatchObject({ metadata: { name: 'api-jwt', namespace: 'shop' } });
    expect(findObject(objects, 'AuthorizationPolicy', 'api-jwt-deny-without-token')).toMatchObject({ metadata: { namespace: 'shop' } });
    expect(findObject(objects, 'AuthorizationPolicy', 'api-jwt-deny-without-token').spec).toMatchObject({ rules: [{ from: [{ source: { notRequestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] } }] }] });
  });

  test('fails without JWT rules', () => {
    const chart = testChart(undefined, 'shop');
    new JwtRequirement(chart, 'jwt', { jwtRules: [] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/jwt\/RequestAuthentication\].*'jwtRules' is empty/s);
  });

  (crdSchemasAvailable() ? test : test.skip)('everything is valid against the Istio CRDs', () => {
    const chart = testChart(undefined, 'shop');
    new MeshWideMtls(chart, 'mtls');
    const zt = new ZeroTrustNamespace(chart, 'zt', { mtls: MtlsMode.STRICT });
    zt.allowFromIngressGateway('ingress', IngressGatewayType.EXTERNAL);
    zt.requireJwt('jwt', { jwtRules: [JWT_RULE] });
    expect(formatErrors(CrdSchemaValidator.load().validateAll(Testing.synth(chart)))).toEqual('');
  });
});
