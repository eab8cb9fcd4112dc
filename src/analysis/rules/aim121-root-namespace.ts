import { AksNames } from '../../mesh/aks-names';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { describeObject, Severity } from '../finding';
import { isNamespaceWide, SECURITY_GROUP, TELEMETRY_GROUP } from '../private/security-policies';
import { MeshRule, RuleViolation } from '../rule';

const MESH_WIDE_KINDS: readonly [string, string][] = [
  [SECURITY_GROUP, 'PeerAuthentication'],
  [SECURITY_GROUP, 'AuthorizationPolicy'],
  [SECURITY_GROUP, 'RequestAuthentication'],
  [TELEMETRY_GROUP, 'Telemetry'],
];

/**
 * AIM121: a policy meant to be mesh-wide (no selector) sits in `istio-system`, upstream Istio's root
 * namespace; on AKS the root namespace is `aks-istio-system`, so the policy applies to nothing.
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-root_namespace
 */
export const WrongRootNamespace: MeshRule = {
  code: 'AIM121',
  severity: Severity.ERROR,
  explanation: 'A mesh-wide policy (PeerAuthentication, AuthorizationPolicy or RequestAuthentication without selector, Telemetry) is in istio-system, but the AKS add-on\'s root namespace is aks-istio-system: there it is a namespace policy of a namespace without workloads and has no mesh-wide effect.',
  fix: `move the policy to namespace ${AksNames.SYSTEM_NAMESPACE}`,
  docs: 'https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-root_namespace',
  check: index => {
    const out: RuleViolation[] = [];
    for (const [group, kind] of MESH_WIDE_KINDS) {
      const policies = index.ofKind(group, kind);
      for (let i = 0; i < policies.length; i++) {
        const p = policies[i];
        if (p.ref.namespace !== MeshIdentity.UPSTREAM_NAMESPACE || !isNamespaceWide(p)) continue;
        out.push({
          target: p,
          message: `${describeObject(p.ref)} has no selector, so it is meant for the whole mesh, but it is in ${MeshIdentity.UPSTREAM_NAMESPACE}; `
            + `the AKS add-on's root namespace is ${MeshIdentity.ROOT_NAMESPACE}, so this policy has no effect`,
        });
      }
    }
    return out;
  },
};
