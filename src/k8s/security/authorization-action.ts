import { SharedMeshConfig } from '../aks/shared-mesh-config';

/** The wire values of AuthorizationPolicy `action`. */
export enum AuthorizationActionType {
  ALLOW = 'ALLOW',
  DENY = 'DENY',
  AUDIT = 'AUDIT',
  CUSTOM = 'CUSTOM',
}

/**
 * What an AuthorizationPolicy does with the requests its rules match.
 *
 * Istio evaluates CUSTOM, then DENY, then ALLOW policies; once any ALLOW policy applies to a
 * workload, requests no ALLOW rule matches are refused.
 *
 * @example AuthorizationAction.custom('ext-authz')
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#AuthorizationPolicy-Action
 */
export class AuthorizationAction {
  /** Allow matching requests (and, for the selected workloads, refuse the rest). */
  public static readonly ALLOW = new AuthorizationAction(AuthorizationActionType.ALLOW);
  /** Refuse matching requests, whatever ALLOW policies say. */
  public static readonly DENY = new AuthorizationAction(AuthorizationActionType.DENY);
  /** Only log matching requests (needs a telemetry provider that records audits). */
  public static readonly AUDIT = new AuthorizationAction(AuthorizationActionType.AUDIT);

  /**
   * Delegate the decision on matching requests to an extension provider (an external authorizer)
   * that the shared MeshConfig declares in `extensionProviders`. The synth fails when no
   * `SharedMeshConfig` in the app declares `provider`.
   *
   * @param provider the extension provider's name
   * @param meshConfig the MeshConfig that declares it
   * @default meshConfig - every `SharedMeshConfig` in the app is searched
   */
  public static custom(provider: string, meshConfig?: SharedMeshConfig): AuthorizationAction {
    return new AuthorizationAction(AuthorizationActionType.CUSTOM, provider, meshConfig);
  }

  private constructor(
    public readonly type: AuthorizationActionType,
    /** The extension provider of a CUSTOM action. */
    public readonly provider?: string,
    /** The MeshConfig a CUSTOM action's provider must be declared in. */
    public readonly meshConfig?: SharedMeshConfig,
  ) {}
}
