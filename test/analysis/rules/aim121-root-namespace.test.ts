import { Severity, WrongRootNamespace } from '../../../src/analysis';
import { check, obj } from '../helpers';

const SEC = 'security.istio.io/v1';

describe('WrongRootNamespace (AIM121)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: mesh-wide policies in the AKS root namespace
    const objects = [
      obj(SEC, 'PeerAuthentication', 'aks-istio-system', 'default', { mtls: { mode: 'STRICT' } }),
      obj('telemetry.istio.io/v1', 'Telemetry', 'aks-istio-system', 'mesh-default', { accessLogging: [{ providers: [{ name: 'envoy' }] }] }),
    ];
    // WHEN
    const findings = check(WrongRootNamespace, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: the upstream root namespace
    const objects = [obj(SEC, 'PeerAuthentication', 'istio-system', 'default', { mtls: { mode: 'STRICT' } })];
    // WHEN
    const findings = check(WrongRootNamespace, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM121', severity: Severity.ERROR, fix: 'move the policy to namespace aks-istio-system',
      message: 'PeerAuthentication istio-system/default has no selector, so it is meant for the whole mesh, but it is in istio-system; the AKS add-on\'s root namespace is aks-istio-system, so this policy has no effect',
    });
    expect(findings).toMatchSnapshot();
  });

  test('covers AuthorizationPolicy and Telemetry, and leaves selected policies to AIM120', () => {
    // GIVEN
    const objects = [
      obj(SEC, 'AuthorizationPolicy', 'istio-system', 'deny-all', { action: 'DENY', rules: [{}] }),
      obj('telemetry.istio.io/v1', 'Telemetry', 'istio-system', 'mesh-default', {}),
      obj(SEC, 'AuthorizationPolicy', 'istio-system', 'selected', { selector: { matchLabels: { app: 'x' } } }),
    ];
    // WHEN
    const findings = check(WrongRootNamespace, objects);
    // THEN
    expect(findings.map(f => `${f.object.kind} ${f.object.name}`)).toEqual(['AuthorizationPolicy deny-all', 'Telemetry mesh-default']);
  });
});
