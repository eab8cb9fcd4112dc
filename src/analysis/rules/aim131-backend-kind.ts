import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, JsonRecord, rec, recs, str } from '../private/json';
import { routes } from '../private/gateway-api';
import { MeshRule, RuleViolation } from '../rule';

/** Backend kinds Istio resolves, as `group/kind` (core group empty). */
const SUPPORTED = new Set([
  '/Service',
  'networking.istio.io/Hostname',
  'multicluster.x-k8s.io/ServiceImport',
  'inference.networking.k8s.io/InferencePool',
  'gateway.networking.x-k8s.io/XBackend',
]);

/** Every backendRef of a route: rule backends and request-mirror filters (rule level and backend level). */
function backendRefs(route: JsonRecord): { ref: JsonRecord; path: string }[] {
  const out: { ref: JsonRecord; path: string }[] = [];
  const mirrors = (filters: unknown, path: string) => recs(filters).forEach((f, k) => {
    const ref = rec(at(f, 'requestMirror', 'backendRef'));
    if (ref) out.push({ ref, path: `${path}.filters[${k}].requestMirror.backendRef` });
  });
  recs(route.rules).forEach((rule, i) => {
    recs(rule.backendRefs).forEach((ref, j) => {
      out.push({ ref, path: `spec.rules[${i}].backendRefs[${j}]` });
      mirrors(ref.filters, `spec.rules[${i}].backendRefs[${j}]`);
    });
    mirrors(rule.filters, `spec.rules[${i}]`);
  });
  return out;
}

/**
 * AIM131: a route backendRef whose group and kind Istio cannot resolve; the Gateway sets ResolvedRefs=False (InvalidKind) and answers 500.
 *
 * Istio resolves core `Service`, `networking.istio.io` `Hostname`, `multicluster.x-k8s.io` `ServiceImport`,
 * `inference.networking.k8s.io` `InferencePool` and the alpha `gateway.networking.x-k8s.io` `XBackend`.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason
 */
export const BackendKind: MeshRule = {
  code: 'AIM131',
  severity: Severity.ERROR,
  docs: 'https://gateway-api.sigs.k8s.io/reference/spec/#routeconditionreason',
  explanation: 'A route backendRef names a group/kind Istio cannot send traffic to (ResolvedRefs InvalidKind); requests to it fail with 500.',
  fix: "point the backendRef at a Service (leave group and kind unset), or at a networking.istio.io Hostname for a ServiceEntry host",
  check: index => {
    const out: RuleViolation[] = [];
    for (const route of routes(index)) {
      for (const { ref, path } of backendRefs(route.spec)) {
        const group = str(ref.group) ?? Groups.CORE;
        const kind = str(ref.kind) ?? 'Service';
        if (SUPPORTED.has(`${group}/${kind}`)) continue;
        out.push({
          target: route,
          message: `${describeObject(route.ref)} ${path} has kind "${kind}"${group === '' ? '' : ` in group "${group}"`}, which Istio cannot resolve (InvalidKind)`,
        });
      }
    }
    return out;
  },
};
