import { IdentityWithoutMtls, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

const SEC = 'security.istio.io/v1';
const fromPrincipal = (ns: string, spec: Record<string, unknown> = {}) => obj(SEC, 'AuthorizationPolicy', ns, 'allow-frontend', {
  ...spec,
  rules: [{ from: [{ source: { principals: ['cluster.local/ns/web/sa/frontend'] } }] }],
});

describe('IdentityWithoutMtls (AIM118)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: the namespace is STRICT, so the principal is known
    const objects = [obj(SEC, 'PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } }), fromPrincipal('shop')];
    // WHEN
    const findings = check(IdentityWithoutMtls, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: mTLS disabled for the namespace
    const objects = [obj(SEC, 'PeerAuthentication', 'shop', 'default', { mtls: { mode: 'DISABLE' } }), fromPrincipal('shop')];
    // WHEN
    const findings = check(IdentityWithoutMtls, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM118', severity: Severity.WARNING,
      message: 'AuthorizationPolicy shop/allow-frontend (ALLOW) matches on peer identity at rules[0].from[0].source.principals, but PeerAuthentication shop/default sets mTLS DISABLE for those workloads: plaintext requests carry no principal or namespace, so the rule never matches',
    });
    expect(findings).toMatchSnapshot();
  });

  test('follows workload and mesh-wide policies, and source.namespace conditions', () => {
    // GIVEN
    const objects = [
      obj(SEC, 'PeerAuthentication', 'aks-istio-system', 'default', { mtls: { mode: 'DISABLE' } }),
      obj(SEC, 'PeerAuthentication', 'shop', 'db', { selector: { matchLabels: { app: 'db' } }, mtls: { mode: 'STRICT' } }),
      fromPrincipal('shop', { selector: { matchLabels: { app: 'db', tier: 'data' } } }),
      obj(SEC, 'AuthorizationPolicy', 'web', 'by-namespace', { rules: [{ when: [{ key: 'source.namespace', values: ['shop'] }] }] }),
      obj(SEC, 'AuthorizationPolicy', 'web', 'by-ip', { rules: [{ from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] }] }),
    ];
    // WHEN
    const findings = check(IdentityWithoutMtls, objects);
    // THEN: the db workload is STRICT; web inherits the mesh's DISABLE; ipBlocks need no mTLS
    expect(findings.map(f => f.object.name)).toEqual(['by-namespace']);
    expect(findings[0].message).toContain('rules[0].when[0] (source.namespace)');
  });
});
