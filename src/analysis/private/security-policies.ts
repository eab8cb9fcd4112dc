import { MeshIdentity } from '../../mesh/mesh-identity';
import { IndexedObject, ManifestIndex } from '../manifest-index';
import { hasKeys, JsonRecord, labels, pushTo, rec, recs, str } from './json';
import { normalizeHost } from './mesh-knowledge';
import { selectorMatches } from './workloads';

/** API groups of the policies the security rules read. */
export const SECURITY_GROUP = 'security.istio.io';
export const TELEMETRY_GROUP = 'telemetry.istio.io';

/** The workload selector of a policy, or `undefined` when it has none (or an empty one). */
export function selectorOf(policy: IndexedObject): Readonly<Record<string, string>> | undefined {
  // Direct reads, not `at(...)`: every policy of the set goes through here, in several rules.
  const selector = labels(rec(policy.spec.selector)?.matchLabels);
  return hasKeys(selector) ? selector : undefined;
}

/** True when a policy has a targetRef or a non-empty targetRefs (without building the `kind/name` list). */
export function hasTargetRefs(policy: IndexedObject): boolean {
  return rec(policy.spec.targetRef) !== undefined || recs(policy.spec.targetRefs).length > 0;
}

/** `kind/name` of every targetRef (singular or list) of a policy. */
export function targetRefsOf(policy: IndexedObject): string[] {
  const out: string[] = [];
  const single = rec(policy.spec.targetRef);
  if (single) out.push(`${str(single.kind) ?? ''}/${str(single.name) ?? ''}`);
  for (const r of recs(policy.spec.targetRefs)) out.push(`${str(r.kind) ?? ''}/${str(r.name) ?? ''}`);
  return out;
}

/** True when a policy has neither selector nor targetRef(s): it applies to its whole namespace (the mesh in the root namespace). */
export function isNamespaceWide(policy: IndexedObject): boolean {
  return selectorOf(policy) === undefined && !hasTargetRefs(policy);
}

/** True when some pod could carry both label sets (no key with two different values). */
export function selectorsOverlap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  for (const k in a) if (b[k] !== undefined && b[k] !== a[k]) return false;
  return true;
}

/** The mTLS mode a PeerAuthentication sets, `undefined` when it inherits (no mode, or UNSET). */
export function mtlsModeOf(pa: IndexedObject): string | undefined {
  const mode = str(rec(pa.spec.mtls)?.mode);
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
    const policies = index.ofKind(SECURITY_GROUP, 'PeerAuthentication');
    for (let i = 0; i < policies.length; i++) {
      const pa = policies[i];
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
  public workloadMode(namespace: string, podLabels: Readonly<Record<string, string>>): EffectiveMtls | undefined {
    for (const pa of this.workloads.get(namespace) ?? []) {
      const selector = selectorOf(pa);
      const mode = mtlsModeOf(pa);
      if (selector && mode && selectorMatches(selector, podLabels)) return { mode, source: pa };
    }
    return this.namespaceMode(namespace);
  }
}

/** The `MtlsIndex` of `index`, built on first use and shared by the rules (one pass over the PeerAuthentications). */
export function mtlsIndexOf(index: ManifestIndex): MtlsIndex {
  return index.derived('security.mtls', i => new MtlsIndex(i));
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

/** The field path of `rules[i].from[j].source` of an AuthorizationPolicy, built only for a report. */
export function sourcePath(i: number, j: number): string {
  return `rules[${i}].from[${j}].source`;
}

/** The field path of `rules[i].when[j]` of an AuthorizationPolicy, built only for a report. */
export function conditionPath(i: number, j: number): string {
  return `rules[${i}].when[${j}]`;
}

/**
 * Calls `visit` with every `rules[i].from[j].source` of an AuthorizationPolicy, in order, until it returns true.
 * Walks in place and builds no paths (see `sourcePath`): every AuthorizationPolicy goes through here, in several rules.
 * @returns true when `visit` stopped the walk
 */
export function someSource(policy: IndexedObject, visit: (source: JsonRecord, i: number, j: number) => boolean | void): boolean {
  const rules = recs(policy.spec.rules);
  for (let i = 0; i < rules.length; i++) {
    const froms = recs(rules[i].from);
    for (let j = 0; j < froms.length; j++) {
      const source = rec(froms[j].source);
      if (source !== undefined && visit(source, i, j) === true) return true;
    }
  }
  return false;
}

/**
 * Calls `visit` with every `rules[i].when[j]` condition that has a key, in order, until it returns true; as `someSource`.
 * @returns true when `visit` stopped the walk
 */
export function someCondition(policy: IndexedObject, visit: (when: JsonRecord, key: string, i: number, j: number) => boolean | void): boolean {
  const rules = recs(policy.spec.rules);
  for (let i = 0; i < rules.length; i++) {
    const whens = recs(rules[i].when);
    for (let j = 0; j < whens.length; j++) {
      const key = str(whens[j].key);
      if (key !== undefined && visit(whens[j], key, i, j) === true) return true;
    }
  }
  return false;
}

/** The action of an AuthorizationPolicy (`ALLOW` when unset). */
export function actionOf(policy: IndexedObject): string {
  return str(policy.spec.action) ?? 'ALLOW';
}
