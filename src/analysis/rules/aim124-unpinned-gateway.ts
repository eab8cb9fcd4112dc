import { AksNames } from '../../mesh/aks-names';
import { isRevisionName, revisionMinor } from '../../mesh/revision';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, labels, rec, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM124: a Gateway API Gateway without `istio.io/rev` while two revisions are installed: the higher
 * (canary) revision takes it over as soon as the upgrade starts.
 * @see https://learn.microsoft.com/azure/aks/istio-upgrade
 */
export const UnpinnedGateway: MeshRule = {
  code: 'AIM124',
  severity: Severity.WARNING,
  explanation: `While two revisions run, a Gateway API Gateway without the ${AksNames.REVISION_LABEL} label is owned by the higher revision, `
    + 'so the canary takes over its traffic before any workload was moved.',
  fix: `label the Gateway ${AksNames.REVISION_LABEL}=<stable revision> (GatewayApiGateway does this during a canary) and move it when the upgrade completes`,
  check: (index, context) => {
    const revisions = new Set(context.profile?.revisions ?? []);
    if (!context.profile) {
      // Without a profile, two revisions show as namespaces labelled with two different revisions.
      const namespaces = index.ofKind(Groups.CORE, 'Namespace');
      for (let i = 0; i < namespaces.length; i++) {
        const rev = labels(rec(namespaces[i].object.metadata)?.labels)[AksNames.REVISION_LABEL];
        if (rev !== undefined && isRevisionName(rev)) revisions.add(rev);
      }
    }
    if (revisions.size < 2) return [];
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      if (str(gw.spec.gatewayClassName) !== AksNames.GATEWAY_CLASS_NAME) continue;
      if (labels(at(gw.object, 'metadata', 'labels'))[AksNames.REVISION_LABEL] !== undefined) continue;
      out.push({
        target: gw,
        message: `${describeObject(gw.ref)} has no ${AksNames.REVISION_LABEL} label while revisions ${[...revisions].sort((a, b) => revisionMinor(a)! - revisionMinor(b)!).join(' and ')} are installed; `
          + 'the higher revision owns it from the moment the canary upgrade starts',
      });
    }
    return out;
  },
};
