import { describeObject, Severity } from '../finding';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { IndexedObject } from '../manifest-index';
import { pushTo, strs } from '../private/json';
import {
  actionOf, isNamespaceWide, SECURITY_GROUP, selectorOf, selectorsOverlap, someCondition, someSource, targetRefsOf,
} from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

/** True when the policy refuses requests without a (matching) token: ALLOW on request principals, or DENY on their absence. */
function requiresToken(ap: IndexedObject): boolean {
  const action = actionOf(ap);
  if (action !== 'ALLOW' && action !== 'DENY') return false;
  const principalsField = action === 'ALLOW' ? 'requestPrincipals' : 'notRequestPrincipals';
  const valuesField = action === 'ALLOW' ? 'values' : 'notValues';
  return someSource(ap, source => strs(source[principalsField]).length > 0)
    || someCondition(ap, (when, key) => key.startsWith('request.auth.') && strs(when[valuesField]).length > 0);
}

/** True when the AuthorizationPolicy can apply to (some of) the workloads the RequestAuthentication selects. */
function inScope(ap: IndexedObject, ra: IndexedObject): boolean {
  if (isNamespaceWide(ap)) return true;
  const apSelector = selectorOf(ap);
  const raSelector = selectorOf(ra);
  if (apSelector !== undefined) return raSelector === undefined ? targetRefsOf(ra).length === 0 : selectorsOverlap(apSelector, raSelector);
  const apTargets = targetRefsOf(ap);
  return targetRefsOf(ra).some(t => apTargets.includes(t));
}

/**
 * AIM119: a RequestAuthentication without an AuthorizationPolicy in its scope that requires a request
 * principal: requests with no token at all are let through.
 * @see https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#require-a-valid-token
 */
export const OptionalJwt: MeshRule = {
  code: 'AIM119',
  severity: Severity.WARNING,
  explanation: 'A RequestAuthentication only refuses invalid tokens; without an AuthorizationPolicy that requires requestPrincipals for the same workloads, requests without any token are accepted.',
  fix: "add an AuthorizationPolicy that requires a token (DENY with notRequestPrincipals: ['*'], or ALLOW with requestPrincipals), for example with JwtRequirement",
  docs: 'https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#require-a-valid-token',
  check: index => {
    const requestAuthentications = index.ofKind(SECURITY_GROUP, 'RequestAuthentication');
    const out: RuleViolation[] = [];
    // Without a RequestAuthentication there is nothing to report: skip reading every AuthorizationPolicy.
    if (requestAuthentications.length === 0) return out;
    const requiring = new Map<string, IndexedObject[]>();
    for (const ap of index.ofKind(SECURITY_GROUP, 'AuthorizationPolicy')) {
      if (requiresToken(ap)) pushTo(requiring, ap.ref.namespace ?? 'default', ap);
    }
    const meshWide = (requiring.get(MeshIdentity.ROOT_NAMESPACE) ?? []).filter(isNamespaceWide);
    for (const ra of requestAuthentications) {
      const ns = ra.ref.namespace ?? 'default';
      if (meshWide.length > 0) continue;
      if ((requiring.get(ns) ?? []).some(ap => inScope(ap, ra))) continue;
      const selector = selectorOf(ra);
      const targets = targetRefsOf(ra);
      const scope = selector ? `workloads ${JSON.stringify(selector)}` : targets.length > 0 ? targets.join(', ') : `every workload of namespace ${ns}`;
      out.push({
        target: ra,
        message: `${describeObject(ra.ref)} validates tokens for ${scope}, but no AuthorizationPolicy there requires a request principal: `
          + 'requests without a token are let through',
      });
    }
    return out;
  },
};
