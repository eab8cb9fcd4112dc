/**
 * The identity of the AKS control plane, which also receives the role assignments the gateways need.
 *
 * @see https://learn.microsoft.com/azure/aks/use-managed-identity
 */
export abstract class ClusterIdentity {
  /** A system-assigned managed identity, created and deleted with the cluster. */
  public static systemAssigned(): ClusterIdentity {
    return new SystemAssignedIdentity();
  }

  /**
   * A user-assigned managed identity you manage.
   * @param identityId ARM ID of the identity
   * @param principalId its principal (object) ID, for the role assignments
   */
  public static userAssigned(identityId: string, principalId: string): ClusterIdentity {
    return new UserAssignedIdentity(identityId, principalId);
  }

  /** @internal */
  public abstract _bind(): { type: string; identityIds?: string[]; principalId?: string };
}

class SystemAssignedIdentity extends ClusterIdentity {
  public _bind(): { type: string } {
    return { type: 'SystemAssigned' };
  }
}

class UserAssignedIdentity extends ClusterIdentity {
  public constructor(private readonly identityId: string, private readonly principalId: string) {
    super();
  }

  public _bind(): { type: string; identityIds: string[]; principalId: string } {
    return { type: 'UserAssigned', identityIds: [this.identityId], principalId: this.principalId };
  }
}
