import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { labels, num, rec, recs } from '../private/json';
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
      // Ports first: the gateway's selector is read only when a server is on an unexposed port (rarely);
      // `null` until then.
      let type: IngressGatewayType | undefined | null = null;
      for (const server of recs(gw.spec.servers)) {
        const port = num(rec(server.port)?.number);
        if (port === undefined || AksNames.INGRESS_SERVICE_PORTS.includes(port)) continue;
        if (type === null) type = mesh.ingressTypeOfSelector(labels(gw.spec.selector));
        if (type === undefined) break;
        out.push({ target: gw, message: `${describeObject(gw.ref)} serves port ${port} on the ${type} managed ingress gateway, whose Service exposes only ${AksNames.INGRESS_SERVICE_PORTS.join(' and ')}` });
      }
    }
    return out;
  },
};
