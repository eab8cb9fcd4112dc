import { Severity, StrictMtlsTlsDisabled } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const SEC = 'security.istio.io/v1';
const strictMesh = obj(SEC, 'PeerAuthentication', 'aks-istio-system', 'default', { mtls: { mode: 'STRICT' } });
const disableDr = (ns: string, host: string) => obj(ISTIO, 'DestinationRule', ns, 'dr', { host, trafficPolicy: { tls: { mode: 'DISABLE' } } });

describe('StrictMtlsTlsDisabled (AIM117)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: STRICT mesh-wide, the DestinationRule leaves TLS to Istio's automatic mTLS
    const objects = [strictMesh, obj(ISTIO, 'DestinationRule', 'shop', 'dr', { host: 'reviews', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } })];
    // WHEN
    const findings = check(StrictMtlsTlsDisabled, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: mesh-wide STRICT from the AKS root namespace, plaintext to reviews.shop
    const objects = [strictMesh, disableDr('shop', 'reviews')];
    // WHEN
    const findings = check(StrictMtlsTlsDisabled, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM117', severity: Severity.ERROR,
      object: { kind: 'DestinationRule', namespace: 'shop', name: 'dr' },
      message: 'DestinationRule shop/dr sets trafficPolicy.tls.mode: DISABLE for host "reviews", but PeerAuthentication aks-istio-system/default makes the whole mesh STRICT: the sidecars in shop refuse plaintext, so these connections fail',
    });
    expect(findings[0].docs).toContain('istio.io');
    expect(findings).toMatchSnapshot();
  });

  test('fires for a namespace-wide STRICT policy and a port-level DISABLE in another namespace', () => {
    // GIVEN
    const objects = [
      obj(SEC, 'PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } }),
      obj(ISTIO, 'DestinationRule', 'client', 'dr', { host: 'reviews.shop.svc.cluster.local', trafficPolicy: { portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'DISABLE' } }] } }),
    ];
    // WHEN
    const findings = check(StrictMtlsTlsDisabled, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'DestinationRule client/dr sets trafficPolicy.portLevelSettings[0].tls.mode: DISABLE for host "reviews.shop.svc.cluster.local", but PeerAuthentication shop/default makes namespace shop STRICT: the sidecars in shop refuse plaintext, so these connections fail',
    ]);
  });

  test('is quiet when the namespace overrides the mesh, the workload is exempt, or the host is outside the mesh', () => {
    // GIVEN
    const objects = [
      strictMesh,
      obj(SEC, 'PeerAuthentication', 'legacy', 'default', { mtls: { mode: 'PERMISSIVE' } }),
      disableDr('legacy', 'old-app'),
      obj(SEC, 'PeerAuthentication', 'shop', 'db-exempt', { selector: { matchLabels: { app: 'db' } }, mtls: { mode: 'PERMISSIVE' } }),
      obj('v1', 'Service', 'shop', 'db', { selector: { app: 'db' } }),
      disableDr('shop', 'db'),
      disableDr('shop', 'api.example.com'),
      obj(SEC, 'PeerAuthentication', 'quiet', 'default', { mtls: { mode: 'UNSET' } }),
    ];
    // WHEN
    const findings = check(StrictMtlsTlsDisabled, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('a wildcard host over every namespace conflicts with mesh-wide STRICT only', () => {
    // GIVEN
    const wildcard = disableDr('shop', '*.svc.cluster.local');
    // WHEN
    const withMesh = check(StrictMtlsTlsDisabled, [strictMesh, wildcard]);
    const withNamespace = check(StrictMtlsTlsDisabled, [obj(SEC, 'PeerAuthentication', 'shop', 'default', { mtls: { mode: 'STRICT' } }), wildcard]);
    // THEN
    expect(withMesh).toHaveLength(1);
    expect(withNamespace).toEqual([]);
  });
});
