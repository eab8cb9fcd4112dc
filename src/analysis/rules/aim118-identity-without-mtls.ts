import { describeObject, Severity } from '../finding';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { IndexedObject } from '../manifest-index';
import { rec, recs, str, strs } from '../private/json';
import { actionOf, conditionsOf, EffectiveMtls, hasTargetRefs, mtlsIndexOf, SECURITY_GROUP, selectorOf, sourcesOf } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

const PEER_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts'];
const PEER_KEYS = ['source.principal', 'source.namespace', 'source.serviceAccount', 'source.trustDomain'];

/**
 * True when an AuthorizationPolicy matches on peer identity anywhere: read without building field paths, since
 * every AuthorizationPolicy goes through here and the paths are only needed for a report.
 */
function matchesPeerIdentity(ap: IndexedObject): boolean {
  // Index loops, not `for…of`: unoptimized code allocates an iterator result per element.
  const rules = recs(ap.spec.rules);
  for (let i = 0; i < rules.length; i++) {
    const froms = recs(rules[i].from);
    for (let j = 0; j < froms.length; j++) {
      const source = rec(froms[j].source);
      if (source === undefined) continue;
      for (let k = 0; k < PEER_FIELDS.length; k++) if (strs(source[PEER_FIELDS[k]]).length > 0) return true;
    }
    const whens = recs(rules[i].when);
    for (let j = 0; j < whens.length; j++) {
      const key = str(whens[j].key);
      if (key !== undefined && PEER_KEYS.includes(key)) return true;
    }
  }
  return false;
}

/** The field paths where an AuthorizationPolicy matches on peer identity (for the report). */
function peerFields(ap: IndexedObject): string[] {
  const fields: string[] = [];
  for (const { path, source } of sourcesOf(ap)) {
    for (const f of PEER_FIELDS) if (strs(source[f]).length > 0) fields.push(`${path}.${f}`);
  }
  for (const c of conditionsOf(ap)) if (PEER_KEYS.includes(c.key)) fields.push(`${c.path} (${c.key})`);
  return fields;
}

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
    const out: RuleViolation[] = [];
    const policies = index.ofKind(SECURITY_GROUP, 'AuthorizationPolicy');
    for (let a = 0; a < policies.length; a++) {
      const ap = policies[a];
      if (!matchesPeerIdentity(ap)) continue;
      // Built on the first policy that matches on peer identity: only those need the effective mTLS mode.
      const mtls = mtlsIndexOf(index);
      const ns = ap.ref.namespace ?? 'default';
      const selector = selectorOf(ap);
      let effective: EffectiveMtls | undefined;
      if (ns === MeshIdentity.ROOT_NAMESPACE && selector === undefined && !hasTargetRefs(ap)) effective = mtls.meshMode;
      else if (selector !== undefined) effective = mtls.workloadMode(ns, selector);
      else effective = mtls.namespaceMode(ns);
      if (effective?.mode !== 'DISABLE') continue;
      const fields = peerFields(ap);
      out.push({
        target: ap,
        message: `${describeObject(ap.ref)} (${actionOf(ap)}) matches on peer identity at ${fields.join(', ')}, but ${describeObject(effective.source.ref)} `
          + 'sets mTLS DISABLE for those workloads: plaintext requests carry no principal or namespace, so the rule never matches',
      });
    }
    return out;
  },
};
