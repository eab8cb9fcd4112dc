import { MeshIdentity } from '../../mesh/mesh-identity';
import { IndexedObject, ManifestIndex } from '../manifest-index';
import { at, labels, pushTo, rec, recs, str, strs } from './json';
import { normalizeHost } from './mesh-knowledge';

/** API groups of the policies the security rules read. */
export const SECURITY_GROUP = 'security.istio.io';
export const TELEMETRY_GROUP = 'telemetry.istio.io';

/** The workload selector of a policy, or `undefined` when it has none (or an empty one). */
export function selectorOf(policy: IndexedObject): Record<string, string> | undefined {
  const selector = labels(at(policy.spec, 'selector', 'matchLabels'));
  return Object.keys(selector).length > 0 ? selector : undefined;
}

/** `kind/name` of every targetRef (singular or list) of a policy. */
export function targetRefsOf(policy: IndexedObject): string[] {
  const refs = [rec(policy.spec.targetRef), ...recs(policy.spec.targetRefs)].filter((r): r is Record<string, unknown> => r !== undefined);
  return refs.map(r => `${str(r.kind) ?? ''}/${str(r.name) ?? ''}`);
}

/** True when a policy has neither selector nor targetRef(s): it applies to its whole namespace (the mesh in the root namespace). */
export function isNamespaceWide(policy: IndexedObject): boolean {
  return selectorOf(policy) === undefined && targetRefsOf(policy).length === 0;
}

/** True when every label of `subset` is in `labelSet` with the same value. */
export function selectorCovers(subset: Record<string, string>, labelSet: Record<string, string>): boolean {
  return Object.entries(subset).every(([k, v]) => labelSet[k] === v);
}

/** True when some pod could carry both label sets (no key with two different values). */
export function selectorsOverlap(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === undefined || b[k] === v);
}

/** The mTLS mode a PeerAuthentication sets, `undefined` when it inherits (no mode, or UNSET). */
export function mtlsModeOf(pa: IndexedObject): string | undefined {
  const mode = str(at(pa.spec, 'mtls', 'mode'));
  return mode === undefined || mode === 'UNSET' ? undefined : mode;
}

/** An effective mTLS mode and the PeerAuthentication that sets it. */
export interface EffectiveMtls {
  readonly mode: string;
  readonly source: IndexedObject;
}

/**
 * The PeerAuthentications of a set by scope (mesh, namespace, workload), built once per index and
 * shared by the rules that need the effective mTLS mode of a namespace or workload.
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 */
export class MtlsIndex {
  /** The mesh-wide policy (root namespace, no selector) that sets a mode. */
  public readonly mesh?: IndexedObject;
  private readonly namespaces = new Map<string, IndexedObject>();
  private readonly workloads = new Map<string, IndexedObject[]>();

  public constructor(index: ManifestIndex) {
    let mesh: IndexedObject | undefined;
    for (const pa of index.ofKind(SECURITY_GROUP, 'PeerAuthentication')) {
      const ns = pa.ref.namespace ?? 'default';
      if (selectorOf(pa) !== undefined) {
        pushTo(this.workloads, ns, pa);
      } else if (ns === MeshIdentity.ROOT_NAMESPACE) {
        // Istio uses the oldest mesh-wide policy; in a manifest set the first stands for it.
        mesh ??= pa;
      } else if (!this.namespaces.has(ns)) {
        this.namespaces.set(ns, pa);
      }
    }
    this.mesh = mesh;
  }

  /** The mode of the mesh-wide policy, if it sets one. */
  public get meshMode(): EffectiveMtls | undefined {
    const mode = this.mesh && mtlsModeOf(this.mesh);
    return this.mesh && mode ? { mode, source: this.mesh } : undefined;
  }

  /** The mode that applies to a namespace's workloads without a workload policy: namespace policy, else mesh policy. */
  public namespaceMode(namespace: string): EffectiveMtls | undefined {
    const own = this.namespaces.get(namespace);
    const mode = own && mtlsModeOf(own);
    if (own && mode) return { mode, source: own };
    return this.meshMode;
  }

  /**
   * The mode for workloads known to carry `podLabels`: a workload policy whose selector those
   * labels satisfy, else the namespace mode.
   */
  public workloadMode(namespace: string, podLabels: Record<string, string>): EffectiveMtls | undefined {
    for (const pa of this.workloads.get(namespace) ?? []) {
      const selector = selectorOf(pa);
      const mode = mtlsModeOf(pa);
      if (selector && mode && selectorCovers(selector, podLabels)) return { mode, source: pa };
    }
    return this.namespaceMode(namespace);
  }
}

const mtlsIndexes = new WeakMap<ManifestIndex, MtlsIndex>();

/** The `MtlsIndex` of `index`, built on first use. */
export function mtlsIndexOf(index: ManifestIndex): MtlsIndex {
  let found = mtlsIndexes.get(index);
  if (!found) {
    found = new MtlsIndex(index);
    mtlsIndexes.set(index, found);
  }
  return found;
}

/**
 * The namespace a mesh host lives in: `reviews` (relative to `namespace`) and
 * `reviews.shop.svc.cluster.local` give `shop`; wildcards over every namespace give `*`;
 * hosts outside the cluster give `undefined`.
 */
export function namespaceOfHost(host: string, namespace: string | undefined): string | undefined {
  const full = normalizeHost(host, namespace);
  if (full === '*' || full === '*.local' || full === '*.cluster.local' || full === '*.svc.cluster.local') return '*';
  const m = /^(?:\*|[a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local$/.exec(full);
  return m ? m[1] : undefined;
}

/** Every `from[].source` of every rule of an AuthorizationPolicy, with its field path. */
export function sourcesOf(policy: IndexedObject): { path: string; source: Record<string, unknown> }[] {
  const out: { path: string; source: Record<string, unknown> }[] = [];
  recs(policy.spec.rules).forEach((rule, i) => recs(rule.from).forEach((from, j) => {
    const source = rec(from.source);
    if (source) out.push({ path: `rules[${i}].from[${j}].source`, source });
  }));
  return out;
}

/** Every `when` condition of every rule of an AuthorizationPolicy, with its field path. */
export function conditionsOf(policy: IndexedObject): { path: string; key: string; values: readonly string[]; notValues: readonly string[] }[] {
  const out: { path: string; key: string; values: readonly string[]; notValues: readonly string[] }[] = [];
  recs(policy.spec.rules).forEach((rule, i) => recs(rule.when).forEach((when, j) => {
    const key = str(when.key);
    if (key !== undefined) out.push({ path: `rules[${i}].when[${j}]`, key, values: strs(when.values), notValues: strs(when.notValues) });
  }));
  return out;
}

/** The action of an AuthorizationPolicy (`ALLOW` when unset). */
export function actionOf(policy: IndexedObject): string {
  return str(policy.spec.action) ?? 'ALLOW';
}
