import { ConflictingGateways, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const gw = (name: string, selector: Record<string, string>, port: number, hosts: string[]) =>
  obj(ISTIO, 'Gateway', 'edge', name, { selector, servers: [{ port: { number: port, name: 'http', protocol: 'HTTP' }, hosts }] });

describe('ConflictingGateways (AIM128)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: other port, other host, and a narrower selector no workload in the set carries
    const objects = [
      gw('alpha', { istio: 'ingress' }, 80, ['foo.bar']),
      gw('beta', { istio: 'ingress' }, 443, ['foo.bar']),
      gw('gamma', { istio: 'ingress' }, 80, ['other.bar']),
      gw('delta', { istio: 'ingress', extra: 'x' }, 80, ['foo.bar']),
    ];
    // WHEN
    const findings = check(ConflictingGateways, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: same selector, and a sub-selector whose workload carries both
    const objects = [
      gw('alpha', { istio: 'ingress' }, 80, ['foo.bar']),
      gw('beta', { istio: 'ingress' }, 80, ['foo.bar', 'x.bar']),
      gw('gamma', { istio: 'egress', app: 'gw' }, 8080, ['foo.bar']),
      gw('delta', { istio: 'egress' }, 8080, ['foo.bar']),
      obj('v1', 'Pod', 'edge', 'egress-1', undefined, { metadata: { labels: { istio: 'egress', app: 'gw' } } }),
    ];
    // WHEN
    const findings = check(ConflictingGateways, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['alpha', 'beta', 'gamma', 'delta']);
    expect(findings[0]).toMatchObject({ code: 'AIM128', severity: Severity.ERROR, istioCode: 'IST0145', message: 'Gateway edge/alpha serves "foo.bar" on port 80 for selector {istio=ingress}, as do edge/beta; only one server takes effect', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });

  test('judges a selector group whose related group has no server with a port', () => {
    // GIVEN: a Gateway without servers whose selector overlaps another's on a workload (this used to throw)
    const objects = [
      gw('alpha', { istio: 'ingress' }, 80, ['foo.bar']),
      gw('beta', { istio: 'ingress' }, 80, ['foo.bar']),
      obj(ISTIO, 'Gateway', 'edge', 'empty', { selector: { istio: 'ingress', app: 'gw' }, servers: [] }),
      obj('v1', 'Pod', 'edge', 'ingress-1', undefined, { metadata: { labels: { istio: 'ingress', app: 'gw' } } }),
    ];
    // WHEN
    const findings = check(ConflictingGateways, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['alpha', 'beta']);
    expect(findings[1].message).toEqual('Gateway edge/beta serves "foo.bar" on port 80 for selector {istio=ingress}, as do edge/alpha; only one server takes effect');
  });
});
