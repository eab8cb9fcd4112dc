import { AksNames } from '../../mesh/aks-names';
import { findKnownRevision, isRevisionName, KNOWN_REVISIONS } from '../../mesh/revision';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { labels, rec } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM114: a namespace `istio.io/rev` that is malformed or not a profile revision (error); the ignored `istio-injection` label (warning).
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-addon#enable-sidecar-injection
 */
export const NamespaceRevision: MeshRule = {
  code: 'AIM114',
  severity: Severity.ERROR,
  explanation: `A namespace's ${AksNames.REVISION_LABEL} label must name a revision the mesh runs (asm-1-N), else no sidecar is injected; ${AksNames.IGNORED_INJECTION_LABEL} is ignored by the add-on.`,
  fix: `label the namespace ${AksNames.REVISION_LABEL}=<a profile revision> (MeshNamespace does this from the profile)`,
  check: (index, context) => {
    const out: RuleViolation[] = [];
    // Most namespaces carry the same few revisions: a value seen valid once is not parsed and looked up again.
    const valid = new Set<string>();
    const namespaces = index.ofKind(Groups.CORE, 'Namespace');
    for (let n = 0; n < namespaces.length; n++) {
      const ns = namespaces[n];
      const l = labels(rec(ns.object.metadata)?.labels);
      const rev = l[AksNames.REVISION_LABEL];
      if (rev !== undefined && !valid.has(rev)) {
        if (!isRevisionName(rev)) {
          out.push({ target: ns, message: `${describeObject(ns.ref)} label ${AksNames.REVISION_LABEL}="${rev}" is not a revision name of the form asm-1-N` });
        } else if (context.profile && !context.profile.hasRevision(rev)) {
          out.push({ target: ns, message: `${describeObject(ns.ref)} label ${AksNames.REVISION_LABEL}="${rev}" is not a revision of the mesh profile (${context.profile.revisions.join(', ')})` });
        } else if (!context.profile && !findKnownRevision(rev)) {
          out.push({
            target: ns,
            severity: Severity.WARNING,
            message: `${describeObject(ns.ref)} label ${AksNames.REVISION_LABEL}="${rev}" is not a known AKS revision (${KNOWN_REVISIONS.map(r => r.revision).join(', ')})`,
            fix: 'pass the mesh profile to check against the cluster revisions, or use a known revision',
          });
        } else {
          valid.add(rev);
        }
      }
      if (l[AksNames.IGNORED_INJECTION_LABEL] !== undefined) {
        out.push({
          target: ns,
          severity: Severity.WARNING,
          message: `${describeObject(ns.ref)} label ${AksNames.IGNORED_INJECTION_LABEL}="${l[AksNames.IGNORED_INJECTION_LABEL]}" is ignored by the AKS add-on`,
          fix: `remove ${AksNames.IGNORED_INJECTION_LABEL} and set ${AksNames.REVISION_LABEL}=<revision>`,
        });
      }
    }
    return out;
  },
};
