import { MeshProfile, MeshProfileOptions } from './mesh-profile';
import { findKnownRevision, isPastEndOfLife, isRevisionName, KNOWN_REVISIONS, MAX_UPGRADE_JUMP, revisionMinor } from './revision';

/** Where a mesh is in the minor-revision upgrade cycle. */
export enum RevisionUpgradeState {
  /** One control plane revision. */
  STABLE = 'stable',
  /** Two revisions: the stable one and the canary being rolled out. */
  CANARY = 'canary',
}

/** An upgrade step AKS would refuse (bad target, wrong state); the message is one line naming the value. */
export class RevisionUpgradeError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RevisionUpgradeError';
  }
}

/**
 * Checks that `to` is a revision AKS would start a canary upgrade to from `from`: well formed, newer,
 * at most two minors ahead. Returns the warnings (a revision the known-revision table does not list,
 * or one past its end of life).
 *
 * @throws RevisionUpgradeError with a one-line reason when AKS would refuse the target
 * @see https://learn.microsoft.com/azure/aks/istio-upgrade#minor-revision-upgrade
 */
export function checkUpgradeTarget(from: string, to: string, now: Date = new Date()): string[] {
  if (!isRevisionName(from)) {
    throw new RevisionUpgradeError(`current revision ${JSON.stringify(from)} is not a revision name of the form asm-1-N`);
  }
  if (!isRevisionName(to)) {
    throw new RevisionUpgradeError(`target revision ${JSON.stringify(to)} is not a revision name of the form asm-1-N (for example asm-1-${revisionMinor(from)! + 1})`);
  }
  const jump = revisionMinor(to)! - revisionMinor(from)!;
  if (jump === 0) {
    throw new RevisionUpgradeError(`target revision ${to} is the revision the mesh already runs; pick a newer one (asm-1-${revisionMinor(from)! + 1} or asm-1-${revisionMinor(from)! + 2})`);
  }
  if (jump < 0) {
    throw new RevisionUpgradeError(`target revision ${to} is older than ${from}; AKS does not downgrade (roll back a canary upgrade instead)`);
  }
  if (jump > MAX_UPGRADE_JUMP) {
    throw new RevisionUpgradeError(`target revision ${to} is ${jump} minors ahead of ${from}; AKS upgrades to n+1 or n+2 only `
      + `(asm-1-${revisionMinor(from)! + 1} or asm-1-${revisionMinor(from)! + 2}), so upgrade in steps`);
  }
  const warnings: string[] = [];
  const known = findKnownRevision(to);
  if (!known) {
    warnings.push(`target revision '${to}' is not in the known-revision table (${KNOWN_REVISIONS.map(r => r.revision).join(', ')}); `
      + "check that AKS offers it with 'az aks mesh get-upgrades'");
  } else if (isPastEndOfLife(to, now)) {
    warnings.push(`target revision '${to}' (Istio ${known.istioVersion}) reached end of life in ${known.endOfLife}; pick a supported revision`);
  }
  return warnings;
}

/**
 * The upgrade state machine of a mesh's control plane revisions, as AKS runs it: one revision
 * (`STABLE`) to two (`CANARY`, after `upgrade start`) to one again (`complete` keeps the canary,
 * `rollback` the stable one). Each transition is checked the way AKS checks it, and each state is
 * immutable, so a profile can be moved through the cycle in code review.
 *
 * @example
 * const canary = RevisionUpgrade.of(profile).start('asm-1-31');
 * const canaryProfile = canary.applyTo(profile); // revisions ['asm-1-30', 'asm-1-31']
 * const done = canary.complete().applyTo(profile); // revisions ['asm-1-31']
 * @see https://learn.microsoft.com/azure/aks/istio-upgrade
 */
export class RevisionUpgrade {
  /** The state of a profile (or a `revisions` list, as in Terraform's `service_mesh_profile.revisions`). */
  public static of(source: MeshProfile | readonly string[]): RevisionUpgrade {
    const revisions = Array.isArray(source) ? [...source as readonly string[]] : [...(source as MeshProfile).revisions];
    const malformed = revisions.filter(r => typeof r !== 'string' || !isRevisionName(r));
    if (revisions.length === 0 || revisions.length > 2) {
      throw new RevisionUpgradeError(`'revisions' needs one revision, or two during a canary upgrade, got ${JSON.stringify(revisions)}`);
    }
    if (malformed.length > 0) {
      throw new RevisionUpgradeError(`'revisions' has ${JSON.stringify(malformed[0])}, which is not a revision name of the form asm-1-N`);
    }
    const sorted = revisions.sort((a, b) => revisionMinor(a)! - revisionMinor(b)!);
    if (sorted.length === 1) return new RevisionUpgrade(sorted[0], undefined, []);
    return new RevisionUpgrade(sorted[0], sorted[1], checkUpgradeTarget(sorted[0], sorted[1]));
  }

  /** The revision workloads run on until they are moved: the only one, or the older one during a canary. */
  public readonly stable: string;
  /** The new revision during a canary upgrade. */
  public readonly canary?: string;
  /** What AKS accepts but you should check (a canary revision the known-revision table does not list, or past end of life). */
  public readonly warnings: readonly string[];

  private constructor(stable: string, canary: string | undefined, warnings: readonly string[]) {
    this.stable = stable;
    this.canary = canary;
    this.warnings = warnings;
  }

  public get state(): RevisionUpgradeState {
    return this.canary === undefined ? RevisionUpgradeState.STABLE : RevisionUpgradeState.CANARY;
  }

  /** The `revisions` list of this state, oldest first (what Terraform and the cluster side read). */
  public get revisions(): string[] {
    return this.canary === undefined ? [this.stable] : [this.stable, this.canary];
  }

  /**
   * `az aks mesh upgrade start --revision <to>`: installs `to` next to the stable revision.
   * @throws RevisionUpgradeError when a canary upgrade is already running or AKS would refuse `to`
   */
  public start(to: string, now?: Date): RevisionUpgrade {
    if (this.canary !== undefined) {
      throw new RevisionUpgradeError(`a canary upgrade from ${this.stable} to ${this.canary} is already running; complete or roll it back before starting another`);
    }
    return new RevisionUpgrade(this.stable, to, checkUpgradeTarget(this.stable, to, now));
  }

  /**
   * `az aks mesh upgrade complete`: removes the stable revision, keeping the canary.
   * @throws RevisionUpgradeError when no canary upgrade is running
   */
  public complete(): RevisionUpgrade {
    return new RevisionUpgrade(this.requireCanary('complete'), undefined, []);
  }

  /**
   * `az aks mesh upgrade rollback`: removes the canary revision, keeping the stable one.
   * @throws RevisionUpgradeError when no canary upgrade is running
   */
  public rollback(): RevisionUpgrade {
    this.requireCanary('roll back');
    return new RevisionUpgrade(this.stable, undefined, []);
  }

  /**
   * `profile` in this state: the same settings with this state's `revisions`. An `injectionRevision`
   * that is no longer installed is dropped (it then defaults to the stable revision); during a canary
   * it is kept, so new namespaces keep going where the profile said.
   */
  public applyTo(profile: MeshProfile, options: MeshProfileOptions = {}): MeshProfile {
    const { format, injectionRevision, ...rest } = profile.toJson();
    const revisions = this.revisions;
    const keepInjection = typeof injectionRevision === 'string' && revisions.includes(injectionRevision);
    return MeshProfile.fromJson({
      ...(format !== undefined ? { format } : {}),
      ...rest,
      revisions,
      ...(keepInjection ? { injectionRevision } : {}),
    }, options);
  }

  private requireCanary(action: string): string {
    if (this.canary === undefined) {
      throw new RevisionUpgradeError(`no canary upgrade is running (the mesh runs only ${this.stable}); nothing to ${action}`);
    }
    return this.canary;
  }
}
