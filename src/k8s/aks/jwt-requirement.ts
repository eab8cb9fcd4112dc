import { Construct } from 'constructs';
import { checkObjectName } from '../private/validation';
import { AuthorizationAction } from '../security/authorization-action';
import { AuthorizationPolicy } from '../security/authorization-policy';
import { PolicyTargetRef } from '../security/policy-target';
import { JwtRuleOptions, RequestAuthentication } from '../security/request-authentication';
import { RequestOperation } from '../security/request-operation';
import { RequestSource } from '../security/request-source';

/** Props for `JwtRequirement`. */
export interface JwtRequirementProps {
  /**
   * Base name: the RequestAuthentication is `<name>`, the AuthorizationPolicy `<name>-deny-without-token`.
   * @default 'jwt'
   */
  readonly name?: string;
  /**
   * Namespace of both objects.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Pods that require the token, by label (exclusive with `targetRefs`).
   * @default - every workload in the namespace
   */
  readonly selector?: Record<string, string>;
  /**
   * Gateway API Gateways, Services or ServiceEntries that require the token (exclusive with `selector`).
   * @default - none: `selector` or the whole namespace
   */
  readonly targetRefs?: PolicyTargetRef[];
  /** The token issuers accepted (at least one). */
  readonly jwtRules: JwtRuleOptions[];
  /**
   * Requests that need a token, for example `RequestOperation.paths('/api/*')`.
   * @default - every request to the selected workloads
   */
  readonly to?: RequestOperation[];
  /**
   * Token identities (`<iss>/<sub>`) accepted; requests with any other token are refused too.
   * @default ['*'] - any token a rule of `jwtRules` validates
   */
  readonly requestPrincipals?: string[];
}

/**
 * Makes a JSON Web Token mandatory: a RequestAuthentication that validates tokens, plus the
 * AuthorizationPolicy without which a request with no token at all would still be let through.
 *
 * The policy is a DENY for requests without a valid request principal (`notRequestPrincipals`), so
 * it holds whatever ALLOW policies (such as allow-from-ingress) also apply to the workloads. It
 * does not allow anything by itself: in an allow-nothing namespace, still allow the callers.
 *
 * @example
 * new JwtRequirement(chart, 'jwt', {
 *   selector: { app: 'httpbin' },
 *   jwtRules: [{ issuer: 'https://login.microsoftonline.com/<tenant>/v2.0', jwksUri: 'https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys' }],
 *   to: [RequestOperation.paths('/headers')],
 * });
 * @see https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#require-a-valid-token
 */
export class JwtRequirement extends Construct {
  public readonly requestAuthentication: RequestAuthentication;
  public readonly authorizationPolicy: AuthorizationPolicy;

  public constructor(scope: Construct, id: string, props: JwtRequirementProps) {
    super(scope, id);
    const name = props.name ?? 'jwt';
    checkObjectName(this, 'name', name);
    this.requestAuthentication = new RequestAuthentication(this, 'RequestAuthentication', {
      metadata: { name, namespace: props.namespace },
      selector: props.selector,
      targetRefs: props.targetRefs,
      jwtRules: props.jwtRules,
    });
    this.authorizationPolicy = new AuthorizationPolicy(this, 'AuthorizationPolicy', {
      metadata: { name: `${name}-deny-without-token`, namespace: props.namespace },
      selector: props.selector,
      targetRefs: props.targetRefs,
      action: AuthorizationAction.DENY,
      rules: [{
        from: [RequestSource.matching({ notRequestPrincipals: props.requestPrincipals ?? ['*'] })],
        to: props.to,
      }],
    });
  }
}
