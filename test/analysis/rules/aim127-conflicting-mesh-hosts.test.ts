import { ConflictingMeshHosts, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const vs = (ns: string, name: string, spec: Record<string, unknown>) =>
  obj(ISTIO, 'VirtualService', ns, name, { http: [{ route: [{ destination: { host: 'ratings' } }] }], ...spec });

describe('ConflictingMeshHosts (AIM127)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: other gateway, other namespace scope (exportTo .), and a different host
    const objects = [
      vs('foo', 'ratings', { hosts: ['ratings'] }),
      vs('bar', 'ratings', { hosts: ['ratings.foo.svc.cluster.local'], gateways: ['edge'] }),
      vs('team1', 'ratings', { hosts: ['ratings'], exportTo: ['.'] }),
      vs('team2', 'ratings', { hosts: ['ratings.team1.svc.cluster.local'], exportTo: ['.'] }),
      vs('foo', 'reviews', { hosts: ['reviews'] }),
    ];
    // WHEN
    const findings = check(ConflictingMeshHosts, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: a short name and its FQDN from another namespace, both on mesh
    const objects = [
      vs('foo', 'ratings', { hosts: ['ratings'], gateways: ['mesh'] }),
      vs('bar', 'ratings', { hosts: ['ratings.foo.svc.cluster.local', 'google.com'], gateways: ['edge', 'mesh'] }),
      vs('team2', 'ratings', { hosts: ['google.com'], exportTo: ['.'] }),
    ];
    // WHEN
    const findings = check(ConflictingMeshHosts, objects);
    // THEN
    expect(findings.map(f => `${f.object.namespace}/${f.object.name}`)).toEqual(['foo/ratings', 'bar/ratings', 'team2/ratings']);
    expect(findings[0]).toMatchObject({ code: 'AIM127', severity: Severity.ERROR, istioCode: 'IST0109', message: expect.stringContaining('claims host "ratings.foo.svc.cluster.local" on the mesh gateway, as do bar/ratings'), file: 'test.yaml' });
    expect(findings[2].message).toContain('claims host "google.com" on the mesh gateway in namespace "team2"');
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});
