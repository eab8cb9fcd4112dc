import { AksNames } from '../../mesh/aks-names';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { describeKeptServiceFields, isKeptServiceAnnotation, KEPT_SERVICE_SPEC_FIELDS } from '../../mesh/managed-gateway-fields';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, rec } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const MANAGED_SERVICES = [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL].map(t => AksNames.ingressServiceName(t));

/**
 * AIM126: a change to an AKS managed ingress gateway Service that AKS reverts (an annotation outside
 * its allowlist, ports, type or any spec field but `externalTrafficPolicy`).
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress#ingress-gateway-service-customizations
 */
export const ManagedServiceChange: MeshRule = {
  code: 'AIM126',
  severity: Severity.WARNING,
  explanation: 'AKS owns the managed ingress gateway Services and silently reverts every change but a few load balancer annotations and externalTrafficPolicy.',
  fix: `keep only ${describeKeptServiceFields()} (ManagedGatewayTuning renders just those)`,
  docs: 'https://learn.microsoft.com/azure/aks/istio-deploy-ingress#ingress-gateway-service-customizations',
  check: index => {
    const out: RuleViolation[] = [];
    for (const svc of index.ofKind(Groups.CORE, 'Service')) {
      if (svc.ref.namespace !== AksNames.INGRESS_NAMESPACE || !MANAGED_SERVICES.includes(svc.ref.name)) continue;
      const annotations = Object.keys(rec(at(svc.object, 'metadata', 'annotations')) ?? {}).filter(k => !isKeptServiceAnnotation(k));
      const spec = Object.keys(svc.spec).filter(k => !KEPT_SERVICE_SPEC_FIELDS.includes(k));
      const reverted = [...annotations.map(k => `annotation ${k}`), ...spec.map(k => `spec.${k}`)];
      if (reverted.length > 0) {
        out.push({ target: svc, message: `${describeObject(svc.ref)} is the AKS managed ingress Service; AKS reverts ${reverted.join(', ')}` });
      }
    }
    return out;
  },
};
