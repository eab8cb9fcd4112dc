/** Problems listed in the message; `problems` keeps them all. */
const MAX_LISTED = 50;

/** One problem in a mesh profile: where it is and what is wrong. */
export interface MeshProfileProblem {
  /** JSON path of the field, for example `$.egressGateways[0].name`; `$` for the profile itself. */
  readonly path: string;
  /** What is wrong and what would work, without the path. */
  readonly message: string;
}

/**
 * The error a mesh profile throws when AKS (or this library) would refuse it.
 *
 * It carries every problem found, each with the JSON path of its field, so one run of
 * `profile check` or one synth shows them all. The message lists them one per line.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-about
 */
export class MeshProfileError extends Error {
  /** Every problem found, in the order of the profile's fields. */
  public readonly problems: readonly MeshProfileProblem[];

  public constructor(problems: readonly MeshProfileProblem[]) {
    const shown = problems.slice(0, MAX_LISTED).map(p => `  - ${p.path}: ${p.message}`);
    if (problems.length > MAX_LISTED) shown.push(`  - ... and ${problems.length - MAX_LISTED} more problem(s)`);
    super(`Invalid mesh profile:\n${shown.join('\n')}`);
    this.name = 'MeshProfileError';
    this.problems = problems;
  }
}
