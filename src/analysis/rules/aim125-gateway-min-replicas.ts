import { parse } from 'yaml';
import { AksNames } from '../../mesh/aks-names';
import { MIN_GATEWAY_REPLICAS } from '../../mesh/managed-gateway-fields';
import { isRevisionName } from '../../mesh/revision';
import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, num, str } from '../private/json';
import { MeshRule, RuleContext, RuleViolation } from '../rule';

const INGRESS_HPA = /^aks-istio-ingressgateway-(external|internal)-(asm-1-\d+)$/;

/** True when the HPA scales a gateway (or istiod) AKS manages. */
function isManagedAutoscaler(hpa: IndexedObject, context: RuleContext): boolean {
  const { name, namespace } = hpa.ref;
  if (namespace === AksNames.INGRESS_NAMESPACE && INGRESS_HPA.test(name)) return true;
  if (namespace === AksNames.SYSTEM_NAMESPACE && name.startsWith(AksNames.istiodName('')) && isRevisionName(name.slice(AksNames.istiodName('').length))) return true;
  const egress = context.profile
    ? context.profile.egressGateways.filter(e => e.namespace === namespace).map(e => e.name)
    : undefined;
  const dash = name.lastIndexOf('-asm-1-');
  if (dash <= 0 || !isRevisionName(name.slice(dash + 1))) return false;
  return egress ? egress.includes(name.slice(0, dash)) : namespace === AksNames.EGRESS_NAMESPACE;
}

/**
 * AIM125: an autoscaler for an AKS managed gateway (or istiod, or the Gateway API class defaults) with
 * `minReplicas` below 2, which AKS refuses.
 * @see https://learn.microsoft.com/azure/aks/istio-scale#horizontal-pod-autoscaling-hpa-customization
 */
export const GatewayMinReplicas: MeshRule = {
  code: 'AIM125',
  severity: Severity.ERROR,
  explanation: `AKS refuses an autoscaler below ${MIN_GATEWAY_REPLICAS} replicas for its gateways and istiod, to keep their PodDisruptionBudget satisfiable.`,
  fix: `set minReplicas to ${MIN_GATEWAY_REPLICAS} or more (ManagedGatewayTuning refuses less)`,
  docs: 'https://learn.microsoft.com/azure/aks/istio-scale#horizontal-pod-autoscaling-hpa-customization',
  check: (index, context) => {
    const out: RuleViolation[] = [];
    for (const hpa of index.ofKind('autoscaling', 'HorizontalPodAutoscaler')) {
      if (!isManagedAutoscaler(hpa, context)) continue;
      const min = num(hpa.spec.minReplicas);
      if (min !== undefined && min < MIN_GATEWAY_REPLICAS) {
        out.push({ target: hpa, message: `${describeObject(hpa.ref)} scales an AKS managed deployment with minReplicas ${min}; AKS allows ${MIN_GATEWAY_REPLICAS} or more` });
      }
    }
    for (const cm of index.ofKind(Groups.CORE, 'ConfigMap')) {
      const isDefaults = cm.ref.namespace === AksNames.SYSTEM_NAMESPACE && cm.ref.name === AksNames.GATEWAY_CLASS_DEFAULTS_NAME;
      const text = str(at(cm.object, 'data', 'horizontalPodAutoscaler'));
      if (text === undefined || (!isDefaults && !isParametersRef(index, cm))) continue;
      let doc: unknown;
      try {
        doc = parse(text);
      } catch {
        continue;
      }
      const min = num(at(doc, 'spec', 'minReplicas'));
      if (min !== undefined && min < MIN_GATEWAY_REPLICAS) {
        out.push({ target: cm, message: `${describeObject(cm.ref)} sets the Gateway API gateways' autoscaler to minReplicas ${min}; AKS allows ${MIN_GATEWAY_REPLICAS} or more` });
      }
    }
    return out;
  },
};

/** True when some Gateway in the ConfigMap's namespace names it in `spec.infrastructure.parametersRef`. */
function isParametersRef(index: ManifestIndex, cm: IndexedObject): boolean {
  return index.ofKind(Groups.GATEWAY_API, 'Gateway').some(gw => gw.ref.namespace === cm.ref.namespace
    && str(at(gw.spec, 'infrastructure', 'parametersRef', 'kind')) === 'ConfigMap'
    && str(at(gw.spec, 'infrastructure', 'parametersRef', 'name')) === cm.ref.name);
}
