import { describeObject, Severity } from '../finding';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { actionOf, conditionsOf, EffectiveMtls, mtlsIndexOf, SECURITY_GROUP, selectorOf, sourcesOf, targetRefsOf } from '../private/security-policies';
import { strs } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const PEER_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts'];
const PEER_KEYS = ['source.principal', 'source.namespace', 'source.serviceAccount', 'source.trustDomain'];

/**
 * AIM118: an AuthorizationPolicy matches on peer identity (principals, namespaces) for workloads whose
 * PeerAuthentication is DISABLE: without mutual TLS there is no peer identity, so those rules never match.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 */
export const IdentityWithoutMtls: MeshRule = {
  code: 'AIM118',
  severity: Severity.WARNING,
  explanation: 'An AuthorizationPolicy matches on principals or namespaces for workloads whose PeerAuthentication is DISABLE; those fields come from the mTLS certificate, so the rule never matches (an ALLOW refuses everything, a DENY lets everything through).',
  fix: 'enable mutual TLS for the workloads (PeerAuthentication STRICT or PERMISSIVE), or match on ipBlocks or request principals instead',
  docs: 'https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source',
  check: index => {
    const mtls = mtlsIndexOf(index);
    const out: RuleViolation[] = [];
    for (const ap of index.ofKind(SECURITY_GROUP, 'AuthorizationPolicy')) {
      const fields = [
        ...sourcesOf(ap).flatMap(({ path, source }) => PEER_FIELDS.filter(f => strs(source[f]).length > 0).map(f => `${path}.${f}`)),
        ...conditionsOf(ap).filter(c => PEER_KEYS.includes(c.key)).map(c => `${c.path} (${c.key})`),
      ];
      if (fields.length === 0) continue;
      const ns = ap.ref.namespace ?? 'default';
      const selector = selectorOf(ap);
      let effective: EffectiveMtls | undefined;
      if (ns === MeshIdentity.ROOT_NAMESPACE && selector === undefined && targetRefsOf(ap).length === 0) effective = mtls.meshMode;
      else if (selector !== undefined) effective = mtls.workloadMode(ns, selector);
      else effective = mtls.namespaceMode(ns);
      if (effective?.mode !== 'DISABLE') continue;
      out.push({
        target: ap,
        message: `${describeObject(ap.ref)} (${actionOf(ap)}) matches on peer identity at ${fields.join(', ')}, but ${describeObject(effective.source.ref)} `
          + 'sets mTLS DISABLE for those workloads: plaintext requests carry no principal or namespace, so the rule never matches',
      });
    }
    return out;
  },
};
