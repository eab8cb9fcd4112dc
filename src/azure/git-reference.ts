/**
 * The Git reference Flux follows: a branch, a tag, a semver range of tags, or one commit.
 *
 * @see https://learn.microsoft.com/azure/azure-arc/kubernetes/conceptual-gitops-flux2
 */
export abstract class GitReference {
  /** The tip of a branch (`reference_type = "branch"`). */
  public static branch(name: string): GitReference {
    return new FixedGitReference('branch', name);
  }

  /** One tag (`reference_type = "tag"`). */
  public static tag(name: string): GitReference {
    return new FixedGitReference('tag', name);
  }

  /** The highest tag in a semver range, such as `>=1.0.0 <2.0.0` (`reference_type = "semver"`). */
  public static semver(range: string): GitReference {
    return new FixedGitReference('semver', range);
  }

  /** One commit, by its SHA (`reference_type = "commit"`). */
  public static commit(sha: string): GitReference {
    return new FixedGitReference('commit', sha);
  }

  /** The azurerm `reference_type`: `branch`, `tag`, `semver` or `commit`. */
  public abstract readonly type: string;
  /** The branch, tag, range or commit. */
  public abstract readonly value: string;
}

class FixedGitReference extends GitReference {
  public constructor(public readonly type: string, public readonly value: string) {
    super();
  }
}
