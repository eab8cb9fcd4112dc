import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, labels, num, recs } from '../private/json';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM201: an Istio Gateway server on a port the AKS managed ingress Service does not expose (only 80 and 443).
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export const UnexposedPort: MeshRule = {
  code: 'AIM201',
  severity: Severity.WARNING,
  istioCode: 'IST0162',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0162/',
  explanation: `The managed ingress Services expose only ports ${AksNames.INGRESS_SERVICE_PORTS.join(' and ')} (AKS reverts other port changes); a server on another port is unreachable from outside.`,
  fix: `serve on port ${AksNames.INGRESS_SERVICE_PORTS.join(' or ')}`,
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const type = mesh.ingressTypeOfSelector(labels(gw.spec.selector));
      if (type === undefined) continue;
      for (const server of recs(gw.spec.servers)) {
        const port = num(at(server, 'port', 'number'));
        if (port !== undefined && !AksNames.INGRESS_SERVICE_PORTS.includes(port)) {
          out.push({ target: gw, message: `${describeObject(gw.ref)} serves port ${port} on the ${type} managed ingress gateway, whose Service exposes only ${AksNames.INGRESS_SERVICE_PORTS.join(' and ')}` });
        }
      }
    }
    return out;
  },
};
