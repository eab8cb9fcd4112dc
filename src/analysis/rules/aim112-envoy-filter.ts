import { describeObject, Severity } from '../finding';
import { rec } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

/** True when any `@type` or `name` in the patch is a Wasm filter. */
function mentionsWasm(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsWasm);
  const r = rec(value);
  if (!r) return false;
  for (const [k, v] of Object.entries(r)) {
    if ((k === '@type' || k === 'type_url' || k === 'name') && typeof v === 'string' && /\bwasm\b/i.test(v.replace(/[._/]/g, ' '))) return true;
    if (mentionsWasm(v)) return true;
  }
  return false;
}

/**
 * AIM112: an EnvoyFilter (allowed but unsupported on AKS, warning); a Wasm-typed one is rejected (error).
 * @see https://learn.microsoft.com/azure/aks/istio-support-policy#allowed-supported-and-blocked-customizations
 */
export const EnvoyFilterUse: MeshRule = {
  code: 'AIM112',
  severity: Severity.WARNING,
  explanation: 'EnvoyFilter is allowed on AKS but outside its support; EnvoyFilters that load Wasm are rejected.',
  fix: 'prefer a supported API (Telemetry, AuthorizationPolicy, VirtualService) over an EnvoyFilter',
  check: index => {
    const out: RuleViolation[] = [];
    for (const f of index.ofKind('networking.istio.io', 'EnvoyFilter')) {
      if (mentionsWasm(f.spec.configPatches)) {
        out.push({ target: f, severity: Severity.ERROR, fix: 'remove the Wasm filter; the AKS add-on rejects Wasm EnvoyFilters', message: `${describeObject(f.ref)} patches in a Wasm filter, which the AKS add-on rejects` });
      } else {
        out.push({ target: f, message: `${describeObject(f.ref)} is an EnvoyFilter: allowed on AKS but not supported (it can break on any revision upgrade)` });
      }
    }
    return out;
  },
};
