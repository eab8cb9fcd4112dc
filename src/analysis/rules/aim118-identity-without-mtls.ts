import { describeObject, Severity } from '../finding';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { IndexedObject } from '../manifest-index';
import { JsonRecord, strs } from '../private/json';
import {
  actionOf, conditionPath, EffectiveMtls, hasTargetRefs, mtlsIndexOf, SECURITY_GROUP, selectorOf, someCondition, someSource, sourcePath,
} from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

const PEER_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts'];
const PEER_KEYS = ['source.principal', 'source.namespace', 'source.serviceAccount', 'source.trustDomain'];

function isPeerSource(source: JsonRecord): boolean {
  for (let k = 0; k < PEER_FIELDS.length; k++) if (strs(source[PEER_FIELDS[k]]).length > 0) return true;
  return false;
}

function isPeerCondition(_when: JsonRecord, key: string): boolean {
  return PEER_KEYS.includes(key);
}

/**
 * True when an AuthorizationPolicy matches on peer identity anywhere: read without building field paths, since
 * every AuthorizationPolicy goes through here and the paths are only needed for a report.
 */
function matchesPeerIdentity(ap: IndexedObject): boolean {
  return someSource(ap, isPeerSource) || someCondition(ap, isPeerCondition);
}

/** The field paths where an AuthorizationPolicy matches on peer identity (for the report). */
function peerFields(ap: IndexedObject): string[] {
  const fields: string[] = [];
  someSource(ap, (source, i, j) => {
    for (const f of PEER_FIELDS) if (strs(source[f]).length > 0) fields.push(`${sourcePath(i, j)}.${f}`);
  });
  someCondition(ap, (_when, key, i, j) => {
    if (PEER_KEYS.includes(key)) fields.push(`${conditionPath(i, j)} (${key})`);
  });
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
