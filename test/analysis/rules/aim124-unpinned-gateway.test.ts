import { Severity, UnpinnedGateway } from '../../../src/analysis';
import { MeshProfile } from '../../../src/mesh';
import { check, GWAPI, obj, profile } from '../helpers';

const canary = new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'], gatewayApi: true }, { now: new Date('2026-07-01T00:00:00Z') });
const gateway = (labels?: Record<string, string>) => obj(GWAPI, 'Gateway', 'web', 'web-gateway', { gatewayClassName: 'istio', listeners: [] }, labels ? { metadata: { labels } } : {});
const ns = (name: string, revision: string) => obj('v1', 'Namespace', undefined, name, undefined, { metadata: { labels: { 'istio.io/rev': revision } } });

describe('UnpinnedGateway (AIM124)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN a pinned Gateway during a canary, and an unpinned one with a single revision
    const findings = [
      ...check(UnpinnedGateway, [gateway({ 'istio.io/rev': 'asm-1-29' })], canary),
      ...check(UnpinnedGateway, [gateway()], profile),
      ...check(UnpinnedGateway, [gateway(), ns('a', 'asm-1-30')]),
    ];
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // WHEN the profile has two revisions, or (without a profile) namespaces use two
    const findings = check(UnpinnedGateway, [gateway()], canary);
    const inferred = check(UnpinnedGateway, [gateway(), ns('a', 'asm-1-30'), ns('b', 'asm-1-29')]);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM124',
      severity: Severity.WARNING,
      message: 'Gateway web/web-gateway has no istio.io/rev label while revisions asm-1-29 and asm-1-30 are installed; the higher revision owns it from the moment the canary upgrade starts',
    });
    expect(inferred.map(f => f.object.name)).toEqual(['web-gateway']);
    expect(findings).toMatchSnapshot();
  });
});
