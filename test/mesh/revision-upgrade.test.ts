import { checkUpgradeTarget, RevisionUpgrade, RevisionUpgradeError, RevisionUpgradeState } from '../../src/mesh/revision-upgrade';
import { TEST_NOW, testProfile } from '../support/mesh-chart';

describe('RevisionUpgrade', () => {
  test('moves a profile from one revision to a canary and back to one (complete or rollback)', () => {
    // GIVEN
    const profile = testProfile({ injectionRevision: 'asm-1-30' });
    // WHEN
    const stable = RevisionUpgrade.of(profile);
    const canary = stable.start('asm-1-31', TEST_NOW);
    // THEN
    expect([stable.state, stable.revisions]).toEqual([RevisionUpgradeState.STABLE, ['asm-1-30']]);
    expect([canary.state, canary.stable, canary.canary, canary.revisions]).toEqual([RevisionUpgradeState.CANARY, 'asm-1-30', 'asm-1-31', ['asm-1-30', 'asm-1-31']]);
    expect(canary.warnings).toEqual([expect.stringContaining("target revision 'asm-1-31' is not in the known-revision table")]);
    expect(canary.complete().revisions).toEqual(['asm-1-31']);
    expect(canary.rollback().revisions).toEqual(['asm-1-30']);
    const canaryProfile = canary.applyTo(profile, { now: TEST_NOW });
    expect(canaryProfile.revisions).toEqual(['asm-1-30', 'asm-1-31']);
    expect(canaryProfile.injectionRevision).toEqual('asm-1-30');
    expect(canaryProfile.egressGateways).toEqual(profile.egressGateways);
    expect(canaryProfile.warnings.join('\n')).toContain("revision 'asm-1-31' is not in the known-revision table");
    const done = canary.complete().applyTo(canaryProfile, { now: TEST_NOW });
    expect([done.revisions, done.injectionRevision]).toEqual([['asm-1-31'], 'asm-1-31']);
    expect(RevisionUpgrade.of(done).state).toEqual(RevisionUpgradeState.STABLE);
  });

  test('reads a canary state from a revisions list in any order, and allows an n+2 jump', () => {
    expect(RevisionUpgrade.of(['asm-1-30', 'asm-1-29']).revisions).toEqual(['asm-1-29', 'asm-1-30']);
    expect(RevisionUpgrade.of(['asm-1-28']).start('asm-1-30').revisions).toEqual(['asm-1-28', 'asm-1-30']);
    expect(testProfile({ revisions: ['asm-1-28', 'asm-1-30'] }).revisions).toEqual(['asm-1-28', 'asm-1-30']);
  });

  test('fails when a second canary starts, or complete/rollback run without one', () => {
    const canary = RevisionUpgrade.of(['asm-1-29', 'asm-1-30']);
    expect(() => canary.start('asm-1-31')).toThrow('a canary upgrade from asm-1-29 to asm-1-30 is already running; complete or roll it back before starting another');
    expect(() => RevisionUpgrade.of(['asm-1-30']).complete()).toThrow('no canary upgrade is running (the mesh runs only asm-1-30); nothing to complete');
    expect(() => RevisionUpgrade.of(['asm-1-30']).rollback()).toThrow(RevisionUpgradeError);
  });

  test('fails on malformed, too many or too distant revisions', () => {
    expect(() => RevisionUpgrade.of(['asm-1-28', 'asm-1-29', 'asm-1-30'])).toThrow("'revisions' needs one revision, or two during a canary upgrade");
    expect(() => RevisionUpgrade.of(['1.30'])).toThrow("'revisions' has \"1.30\", which is not a revision name of the form asm-1-N");
    expect(() => RevisionUpgrade.of(['asm-1-27', 'asm-1-30'])).toThrow('target revision asm-1-30 is 3 minors ahead of asm-1-27');
  });
});

describe('checkUpgradeTarget', () => {
  test('accepts n+1 and n+2, warning on a revision the table does not know', () => {
    expect(checkUpgradeTarget('asm-1-29', 'asm-1-30', TEST_NOW)).toEqual([]);
    expect(checkUpgradeTarget('asm-1-28', 'asm-1-30', TEST_NOW)).toEqual([]);
    const [warning] = checkUpgradeTarget('asm-1-30', 'asm-1-32', TEST_NOW);
    expect(warning).toContain("target revision 'asm-1-32' is not in the known-revision table");
  });

  test('warns on a target past its end of life', () => {
    expect(checkUpgradeTarget('asm-1-27', 'asm-1-28', TEST_NOW)).toEqual(["target revision 'asm-1-28' (Istio 1.28) reached end of life in 2026-08; pick a supported revision"]);
  });

  test('fails on the same, an older, a too distant or a malformed target, with a one-line reason', () => {
    const reasons = ['asm-1-30', 'asm-1-29', 'asm-1-33', 'asm-1-x', 'asm-2-31'].map(to => {
      try {
        checkUpgradeTarget('asm-1-30', to, TEST_NOW);
        return 'accepted';
      } catch (e) {
        expect(e).toBeInstanceOf(RevisionUpgradeError);
        return (e as Error).message;
      }
    });
    expect(reasons).toEqual([
      'target revision asm-1-30 is the revision the mesh already runs; pick a newer one (asm-1-31 or asm-1-32)',
      'target revision asm-1-29 is older than asm-1-30; AKS does not downgrade (roll back a canary upgrade instead)',
      'target revision asm-1-33 is 3 minors ahead of asm-1-30; AKS upgrades to n+1 or n+2 only (asm-1-31 or asm-1-32), so upgrade in steps',
      'target revision "asm-1-x" is not a revision name of the form asm-1-N (for example asm-1-31)',
      'target revision "asm-2-31" is not a revision name of the form asm-1-N (for example asm-1-31)',
    ]);
    expect(reasons.every(r => !r.includes('\n'))).toBe(true);
  });
});
