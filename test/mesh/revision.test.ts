import { findKnownRevision, isPastEndOfLife, isRevisionName, KNOWN_REVISIONS, revisionMinor } from '../../src/mesh/revision';

describe('revisions', () => {
  test('parses asm-1-N names', () => {
    expect(isRevisionName('asm-1-30')).toBe(true);
    expect(isRevisionName('asm-1-30 ')).toBe(false);
    expect(isRevisionName('asm-2-1')).toBe(false);
    expect(revisionMinor('asm-1-29')).toBe(29);
    expect(revisionMinor('istio-1-29')).toBeUndefined();
  });

  test('keeps a sorted known-revision table', () => {
    const minors = KNOWN_REVISIONS.map(r => revisionMinor(r.revision)!);
    expect(minors).toEqual([...minors].sort((a, b) => a - b));
    expect(findKnownRevision('asm-1-30')).toEqual({ revision: 'asm-1-30', istioVersion: '1.30', endOfLife: '2026-12' });
  });

  test('compares end of life by month', () => {
    expect(isPastEndOfLife('asm-1-30', new Date('2026-12-31T00:00:00Z'))).toBe(false);
    expect(isPastEndOfLife('asm-1-30', new Date('2027-01-01T00:00:00Z'))).toBe(true);
    expect(isPastEndOfLife('asm-1-99', new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
