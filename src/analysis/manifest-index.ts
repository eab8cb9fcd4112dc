import { Manifest, ObjectRef } from './finding';
import { JsonRecord, rec } from './private/json';

/** One object in a `ManifestIndex`, with its identity read once. */
export interface IndexedObject {
  readonly manifest: Manifest;
  readonly object: JsonRecord;
  readonly ref: ObjectRef;
  /** API group: `''` for the core group, else the part of `apiVersion` before `/`. */
  readonly group: string;
  readonly spec: JsonRecord;
}

/** Well-known API groups the rules read. */
export const Groups = {
  CORE: '',
  ISTIO_NETWORKING: 'networking.istio.io',
  GATEWAY_API: 'gateway.networking.k8s.io',
  SECRETS_STORE: 'secrets-store.csi.x-k8s.io',
  APPS: 'apps',
} as const;

/**
 * The first object with a name, or, once objects in several namespaces share the name, those objects by
 * namespace (`''` for none). One Map per kind rather than one per namespace: a mesh has thousands of
 * namespaces with a few objects each, and thousands of small Maps cost more to build than the lookups save.
 */
type NameSlot = IndexedObject | Map<string, IndexedObject>;

/** The objects of one group and kind: in input order, and by name. */
interface KindBucket {
  readonly group: string;
  readonly objects: IndexedObject[];
  readonly byName: Map<string, NameSlot>;
}

/**
 * The buckets of the (apiVersion, kind) pairs the index has met, found with `===` on the manifests' own strings: a
 * set has a few dozen pairs, most manifests share one string per apiVersion and kind, and slicing the group out of
 * apiVersion made a new string to hash on every object (about a fifth of the index's time).
 */
interface SeenPairs {
  readonly apiVersions: string[];
  readonly kinds: string[];
  readonly buckets: KindBucket[];
}

/** Pairs beyond this many (generated input with very many kinds) are looked up through the Maps. */
const MAX_SEEN_PAIRS = 64;

const NONE: readonly IndexedObject[] = Object.freeze([]);
const NO_SPEC: JsonRecord = Object.freeze({}) as JsonRecord;

/**
 * Lookups over a set of manifests, built once, so every rule runs in time linear in the number of objects.
 *
 * Objects without `kind`, `apiVersion` or `metadata.name` are not Kubernetes objects and are left out.
 */
export class ManifestIndex {
  /** Every indexed object, in input order. */
  public readonly objects: readonly IndexedObject[];
  /** Objects whose group, kind, namespace and name repeat an earlier one. */
  public readonly duplicates: readonly IndexedObject[];
  // Nested maps (group -> kind -> name), not `group|kind|namespace|name` strings: the identity strings are the
  // manifests' own, whose hashes V8 computes once, where a concatenated key is a new string to flatten and hash
  // on every insert and lookup (about three times slower over 37,000 objects).
  private readonly byGroup = new Map<string, Map<string, KindBucket>>();
  private readonly derivedCache = new Map<string, unknown>();

  public constructor(manifests: readonly Manifest[]) {
    const objects: IndexedObject[] = [];
    const duplicates: IndexedObject[] = [];
    const seen: SeenPairs = { apiVersions: [], kinds: [], buckets: [] };
    for (const manifest of manifests) {
      const object = manifest.object;
      // Direct reads, not `at(...)`: this loop runs once per object of every analysis.
      const apiVersion = object.apiVersion;
      const kind = object.kind;
      const metadata = rec(object.metadata);
      const name = metadata?.name;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') continue;
      const ns = metadata!.namespace;
      const namespace = typeof ns === 'string' ? ns : undefined;
      const bucket = this.bucketOf(seen, apiVersion, kind);
      const entry: IndexedObject = {
        manifest,
        object,
        ref: namespace !== undefined ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name },
        group: bucket.group,
        spec: rec(object.spec) ?? NO_SPEC,
      };
      objects.push(entry);
      bucket.objects.push(entry);
      const slot = bucket.byName.get(name);
      if (slot === undefined) {
        bucket.byName.set(name, entry);
      } else if (slot instanceof Map) {
        const nsKey = namespace ?? '';
        if (slot.has(nsKey)) duplicates.push(entry); else slot.set(nsKey, entry);
      } else if ((slot.ref.namespace ?? '') === (namespace ?? '')) {
        duplicates.push(entry);
      } else {
        bucket.byName.set(name, new Map([[slot.ref.namespace ?? '', slot], [namespace ?? '', entry]]));
      }
    }
    this.objects = objects;
    this.duplicates = duplicates;
  }

  /** The first object with this identity. */
  public get(group: string, kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    const slot = this.bucket(group, kind, false)?.byName.get(name);
    // No namespace and the empty namespace are one identity, as in the `namespace ?? ''` of the slot Maps.
    if (slot === undefined || !(slot instanceof Map)) return slot !== undefined && (slot.ref.namespace ?? '') === (namespace ?? '') ? slot : undefined;
    return slot.get(namespace ?? '');
  }

  /** Every object of one kind. */
  public ofKind(group: string, kind: string): readonly IndexedObject[] {
    return this.bucket(group, kind, false)?.objects ?? NONE;
  }

  /**
   * A lookup several rules need (a host registry, workload labels), built on first use and shared,
   * so no rule rescans every object.
   *
   * @param key names the lookup; one key always means one builder
   */
  public derived<T>(key: string, build: (index: ManifestIndex) => T): T {
    if (this.derivedCache.has(key)) return this.derivedCache.get(key) as T;
    const value = build(this);
    this.derivedCache.set(key, value);
    return value;
  }

  /** The bucket of an object's apiVersion and kind, created if new. */
  private bucketOf(seen: SeenPairs, apiVersion: string, kind: string): KindBucket {
    const { apiVersions, kinds, buckets } = seen;
    for (let i = 0; i < kinds.length; i++) {
      if (kinds[i] === kind && apiVersions[i] === apiVersion) return buckets[i];
    }
    const slash = apiVersion.indexOf('/');
    const bucket = this.bucket(slash >= 0 ? apiVersion.slice(0, slash) : '', kind, true)!;
    if (kinds.length < MAX_SEEN_PAIRS) {
      apiVersions.push(apiVersion);
      kinds.push(kind);
      buckets.push(bucket);
    }
    return bucket;
  }

  private bucket(group: string, kind: string, create: boolean): KindBucket | undefined {
    let kinds = this.byGroup.get(group);
    if (kinds === undefined) {
      if (!create) return undefined;
      this.byGroup.set(group, kinds = new Map());
    }
    let bucket = kinds.get(kind);
    if (bucket === undefined && create) kinds.set(kind, bucket = { group, objects: [], byName: new Map() });
    return bucket;
  }
}
