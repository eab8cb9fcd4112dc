import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { recs, str } from '../private/json';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM109: a Gateway API Gateway bound by `addresses` to an AKS managed ingress Service but outside `aks-istio-ingress`.
 * @see https://learn.microsoft.com/azure/aks/istio-gateway-api
 */
export const ManagedAddressNamespace: MeshRule = {
  code: 'AIM109',
  severity: Severity.ERROR,
  explanation: `A Gateway API Gateway whose addresses name an AKS managed ingress Service must live in ${AksNames.INGRESS_NAMESPACE}, the Service's namespace.`,
  fix: `move the Gateway to namespace ${AksNames.INGRESS_NAMESPACE} and let routes attach from their namespaces through allowedRoutes`,
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      if (gw.ref.namespace === AksNames.INGRESS_NAMESPACE) continue;
      for (const address of recs(gw.spec.addresses)) {
        const value = str(address.value) ?? '';
        if (mesh.ingressTypeOfAddress(value) !== undefined) {
          out.push({ target: gw, message: `${describeObject(gw.ref)} binds to managed ingress Service "${value}" but is in namespace "${gw.ref.namespace ?? ''}", not "${AksNames.INGRESS_NAMESPACE}"` });
        }
      }
    }
    return out;
  },
};
