import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { JsonRecord, rec, recs, str } from '../private/json';
import { routes } from '../private/gateway-api';
import { MeshRule, RuleViolation } from '../rule';

/** Backend kinds Istio resolves, by group (core group empty) then kind: looked up without a `group/kind` string. */
const SUPPORTED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['', new Set(['Service'])],
  ['networking.istio.io', new Set(['Hostname'])],
  ['multicluster.x-k8s.io', new Set(['ServiceImport'])],
  ['inference.networking.k8s.io', new Set(['InferencePool'])],
  ['gateway.networking.x-k8s.io', new Set(['XBackend'])],
]);

function isSupported(ref: JsonRecord): boolean {
  return SUPPORTED.get(str(ref.group) ?? Groups.CORE)?.has(str(ref.kind) ?? 'Service') ?? false;
}

/** The request-mirror backendRef of a filter, if any. */
function mirrorOf(filter: JsonRecord): JsonRecord | undefined {
  return rec(rec(filter.requestMirror)?.backendRef);
}

type Unsupported = { ref: JsonRecord; path: string }[];

/**
 * Every backendRef of a route Istio cannot resolve, with its field path: rule backends and request-mirror filters
 * (rule level and backend level). Paths are built only for those, as nearly every route has none.
 */
function unsupportedBackendRefs(route: JsonRecord): Unsupported | undefined {
  let out: Unsupported | undefined;
  const rules = recs(route.rules);
  for (let i = 0; i < rules.length; i++) {
    const refs = recs(rules[i].backendRefs);
    for (let j = 0; j < refs.length; j++) {
      const ref = refs[j];
      if (!isSupported(ref)) (out ??= []).push({ ref, path: `spec.rules[${i}].backendRefs[${j}]` });
      out = unsupportedMirrors(recs(ref.filters), i, j, out);
    }
    out = unsupportedMirrors(recs(rules[i].filters), i, undefined, out);
  }
  return out;
}

/** Adds the unsupported request-mirror backendRefs of the filters of rule `i` (or of its backendRef `j`) to `out`. */
function unsupportedMirrors(filters: readonly JsonRecord[], i: number, j: number | undefined, out: Unsupported | undefined): Unsupported | undefined {
  for (let k = 0; k < filters.length; k++) {
    const ref = mirrorOf(filters[k]);
    if (!ref || isSupported(ref)) continue;
    const at = j === undefined ? `spec.rules[${i}]` : `spec.rules[${i}].backendRefs[${j}]`;
    (out ??= []).push({ ref, path: `${at}.filters[${k}].requestMirror.backendRef` });
  }
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
      for (const { ref, path } of unsupportedBackendRefs(route.spec) ?? []) {
        const group = str(ref.group) ?? Groups.CORE;
        const kind = str(ref.kind) ?? 'Service';
        out.push({
          target: route,
          message: `${describeObject(route.ref)} ${path} has kind "${kind}"${group === '' ? '' : ` in group "${group}"`}, which Istio cannot resolve (InvalidKind)`,
        });
      }
    }
    return out;
  },
};
