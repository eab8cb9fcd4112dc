import { describeObject, Severity } from '../finding';
import { MeshRule, RuleViolation } from '../rule';

const BLOCKED: Record<string, string> = {
  ProxyConfig: 'networking.istio.io',
  WorkloadEntry: 'networking.istio.io',
  WorkloadGroup: 'networking.istio.io',
  IstioOperator: 'install.istio.io',
  WasmPlugin: 'extensions.istio.io',
};

/**
 * AIM111: a kind the AKS add-on blocks (ProxyConfig, WorkloadEntry, WorkloadGroup, IstioOperator, WasmPlugin).
 * @see https://learn.microsoft.com/azure/aks/istio-support-policy#allowed-supported-and-blocked-customizations
 */
export const BlockedKind: MeshRule = {
  code: 'AIM111',
  severity: Severity.ERROR,
  explanation: 'The AKS Istio add-on blocks ProxyConfig, WorkloadEntry, WorkloadGroup, IstioOperator and WasmPlugin; applying one fails.',
  fix: 'remove the object; use the shared MeshConfig (defaultConfig) instead of ProxyConfig, and Services instead of WorkloadEntry',
  check: index => {
    const out: RuleViolation[] = [];
    for (const [kind, group] of Object.entries(BLOCKED)) {
      for (const o of index.ofKind(group, kind)) {
        out.push({ target: o, message: `${describeObject(o.ref)}: kind ${kind} (${o.ref.apiVersion}) is blocked by the AKS Istio add-on` });
      }
    }
    return out;
  },
};
