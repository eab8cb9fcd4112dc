import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, recs, str } from '../private/json';
import { isExternalGatewayApiGateway } from '../private/gateway-api';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM203: a listener on the external gateway with `allowedRoutes.namespaces.from: All`.
 * @see https://gateway-api.sigs.k8s.io/guides/multiple-ns/
 */
export const RoutesFromAll: MeshRule = {
  code: 'AIM203',
  severity: Severity.WARNING,
  explanation: 'A listener on the public (external) gateway admits routes from every namespace, so any team can publish on it.',
  fix: 'use allowedRoutes.namespaces.from: Selector with a namespace label, or Same',
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      if (!isExternalGatewayApiGateway(gw, v => mesh.ingressTypeOfAddress(v) === IngressGatewayType.EXTERNAL)) continue;
      for (const listener of recs(gw.spec.listeners)) {
        if (str(at(listener, 'allowedRoutes', 'namespaces', 'from')) === 'All') {
          out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" on the external gateway admits routes from All namespaces` });
        }
      }
    }
    return out;
  },
};
