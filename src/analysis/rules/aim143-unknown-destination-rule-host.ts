import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { str, strs } from '../private/json';
import { namespaceOf, ServiceRegistry } from '../private/service-registry';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM143: a DestinationRule whose host no Service, ServiceEntry or AKS-managed gateway Service defines; its policy applies to nothing.
 *
 * Hosts resolve as for AIM130 (short names in the DestinationRule's namespace, `exportTo`), and are judged
 * only when the set has Services (for an in-cluster host, Services in that namespace). Wildcard hosts are
 * not judged.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0174/
 */
export const UnknownDestinationRuleHost: MeshRule = {
  code: 'AIM143',
  severity: Severity.WARNING,
  istioCode: 'IST0174',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0174/',
  explanation: "A DestinationRule's host is defined by no Service or ServiceEntry in the set; its traffic policy and subsets apply to nothing.",
  fix: "correct the host (short names resolve in the DestinationRule's namespace), or add the Service or ServiceEntry",
  check: (index, context) => {
    const registry = ServiceRegistry.of(index, context);
    // Without Services no host can be judged (`canJudge`): skip the lookups.
    if (!registry.hasServices) return [];
    const out: RuleViolation[] = [];
    for (const dr of index.ofKind(Groups.ISTIO_NETWORKING, 'DestinationRule')) {
      const host = str(dr.spec.host);
      if (host === undefined || host.startsWith('*')) continue;
      const ns = namespaceOf(dr);
      if (!registry.lookup(ns, strs(dr.spec.exportTo), host) && registry.canJudge(ns, host)) {
        out.push({ target: dr, message: `${describeObject(dr.ref)} host "${host}" is defined by no Service or ServiceEntry visible in namespace "${ns}"` });
      }
    }
    return out;
  },
};
