import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM123: a canary upgrade (two profile revisions) where the older revision has a shared MeshConfig
 * and the newer one has none: the new control plane would start without the mesh settings.
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig#mesh-configuration-and-upgrades
 */
export const CanaryMeshConfig: MeshRule = {
  code: 'AIM123',
  severity: Severity.ERROR,
  explanation: `During a canary upgrade the new revision needs its own ${AksNames.sharedMeshConfigName('<revision>')} `
    + 'before the upgrade starts, or its control plane runs without the mesh settings the stable revision has.',
  fix: `create ${AksNames.sharedMeshConfigName('<new revision>')} in ${AksNames.SYSTEM_NAMESPACE} with the same settings (SharedMeshConfig writes one per profile revision)`,
  docs: 'https://learn.microsoft.com/azure/aks/istio-meshconfig#mesh-configuration-and-upgrades',
  check: (index, context) => {
    const revisions = context.profile?.revisions ?? [];
    if (revisions.length !== 2) return [];
    const [older, newer] = revisions;
    const out: RuleViolation[] = [];
    const shared = (revision: string) => index.ofKind(Groups.CORE, 'ConfigMap')
      .filter(cm => cm.ref.namespace === AksNames.SYSTEM_NAMESPACE && cm.ref.name === AksNames.sharedMeshConfigName(revision));
    if (shared(newer).length > 0) return [];
    for (const cm of shared(older)) {
      out.push({
        target: cm,
        message: `${describeObject(cm.ref)} configures the stable revision ${older}, but the canary revision ${newer} has no ${AksNames.sharedMeshConfigName(newer)}; `
          + `${newer}'s control plane would run without these settings`,
      });
    }
    return out;
  },
};
