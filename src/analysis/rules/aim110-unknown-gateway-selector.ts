import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, hasKeys, labels, pushTo } from '../private/json';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM110: an Istio Gateway selects a managed ingress gateway the profile does not enable (error), or no known gateway (warning).
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export const UnknownGatewaySelector: MeshRule = {
  code: 'AIM110',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: 'An Istio Gateway selects a managed ingress gateway the mesh profile does not enable, so no pod serves it; a selector that matches no known gateway is a warning.',
  fix: "enable the ingress gateway in the profile (ingressGateways), or select an enabled one with GatewaySelector.ingress(type)",
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    // Workload pod labels in the set, indexed by one `key=value` pair so each selector checks only candidates.
    const podLabels = new Map<string, Record<string, string>[]>();
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      for (const w of index.ofKind(Groups.APPS, kind)) {
        const l = labels(at(w.spec, 'template', 'metadata', 'labels'));
        for (const [k, v] of Object.entries(l)) pushTo(podLabels, `${k}=${v}`, l);
      }
    }
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const selector = labels(gw.spec.selector);
      if (!hasKeys(selector)) continue;
      const ingress = mesh.ingressTypeOfSelector(selector);
      if (ingress !== undefined) {
        if (!mesh.isIngressEnabled(ingress)) {
          out.push({ target: gw, message: `${describeObject(gw.ref)} selects the ${ingress} managed ingress gateway (${AksNames.GATEWAY_SELECTOR_LABEL}: ${AksNames.ingressServiceName(ingress)}), which the mesh profile does not enable` });
        }
        continue;
      }
      if (mesh.egressNamespaceOfSelector(selector) !== undefined) continue;
      // Only a selector that is neither a managed ingress nor an egress gateway's gets its entries listed.
      const entries = Object.entries(selector);
      const [first] = entries;
      const candidates = podLabels.get(`${first[0]}=${first[1]}`) ?? [];
      if (candidates.some(l => entries.every(([k, v]) => l[k] === v))) continue;
      out.push({
        target: gw,
        severity: Severity.WARNING,
        fix: 'select a managed gateway (GatewaySelector.ingress or .egress), declare the egress gateway in the profile, or check the selector labels',
        message: `${describeObject(gw.ref)} selector ${JSON.stringify(selector)} matches no managed ingress gateway, `
          + `${mesh.profile ? 'no egress gateway of the profile' : 'no known egress gateway (no profile given)'} and no workload in the set`,
      });
    }
    return out;
  },
};
