import { OptionalJwt, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

const SEC = 'security.istio.io/v1';
const ra = (ns: string, spec: Record<string, unknown> = {}) => obj(SEC, 'RequestAuthentication', ns, 'jwt', {
  ...spec, jwtRules: [{ issuer: 'testing@secure.istio.io', jwksUri: 'https://example.com/jwks.json' }],
});

describe('OptionalJwt (AIM119)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: a DENY policy for requests without a request principal on the same workloads
    const objects = [
      ra('shop', { selector: { matchLabels: { app: 'api' } } }),
      obj(SEC, 'AuthorizationPolicy', 'shop', 'require-token', {
        selector: { matchLabels: { app: 'api' } }, action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }],
      }),
    ];
    // WHEN
    const findings = check(OptionalJwt, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: the only policy allows by peer identity, not by token
    const objects = [
      ra('shop', { selector: { matchLabels: { app: 'api' } } }),
      obj(SEC, 'AuthorizationPolicy', 'shop', 'allow-web', { selector: { matchLabels: { app: 'api' } }, rules: [{ from: [{ source: { namespaces: ['web'] } }] }] }),
    ];
    // WHEN
    const findings = check(OptionalJwt, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM119', severity: Severity.WARNING,
      message: 'RequestAuthentication shop/jwt validates tokens for workloads {"app":"api"}, but no AuthorizationPolicy there requires a request principal: requests without a token are let through',
    });
    expect(findings).toMatchSnapshot();
  });

  test('accepts ALLOW on requestPrincipals, claims conditions and mesh-wide policies; refuses other namespaces and other workloads', () => {
    // GIVEN
    const allowToken = (ns: string, name: string, spec: Record<string, unknown>) => obj(SEC, 'AuthorizationPolicy', ns, name, spec);
    const covered = [
      [ra('a'), allowToken('a', 'p', { rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })],
      [ra('b'), allowToken('b', 'p', { rules: [{ when: [{ key: 'request.auth.claims[groups]', values: ['admins'] }] }] })],
      [ra('c'), allowToken('aks-istio-system', 'p', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] })],
      [ra('d', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }] }),
        allowToken('d', 'p', { targetRefs: [{ kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'gw' }], rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })],
    ];
    const uncovered = [
      [ra('e'), allowToken('other', 'p', { rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })],
      [ra('f', { selector: { matchLabels: { app: 'api' } } }), allowToken('f', 'p', { selector: { matchLabels: { app: 'web' } }, rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })],
      [ra('g'), allowToken('g', 'p', { action: 'AUDIT', rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })],
    ];
    // WHEN / THEN
    for (const set of covered) expect(check(OptionalJwt, set)).toEqual([]);
    for (const set of uncovered) expect(check(OptionalJwt, set)).toHaveLength(1);
  });
});
