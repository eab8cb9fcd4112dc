import { NoMatchingListenerHostname, Severity } from '../../../src/analysis';
import { check, GWAPI, obj } from '../helpers';

const gateway = obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [
  { name: 'web', port: 80, protocol: 'HTTP', hostname: '*.aks.rocks' },
  { name: 'tls', port: 443, protocol: 'TLS', hostname: 'other.example.com', tls: { mode: 'Passthrough' } },
] });
const route = (hostnames: string[]) => obj(GWAPI, 'HTTPRoute', 'edge', 'r', { parentRefs: [{ name: 'gw' }], hostnames });

describe('NoMatchingListenerHostname (AIM132)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: a subdomain, a deeper subdomain and a route wildcard all intersect *.aks.rocks
    const objects = [gateway, route(['store.aks.rocks', 'a.b.aks.rocks', '*.aks.rocks']), route([])];
    // WHEN
    const findings = check(NoMatchingListenerHostname, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: the bare domain is not covered by the wildcard; the TLS listener's hostname does not count for an HTTPRoute
    const objects = [gateway, route(['aks.rocks', 'other.example.com'])];
    // WHEN
    const findings = check(NoMatchingListenerHostname, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM132', severity: Severity.ERROR, file: 'test.yaml',
      message: 'HTTPRoute edge/r hostnames "aks.rocks", "other.example.com" match no listener of Gateway edge/gw (listener hostnames "*.aks.rocks")',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
