import { Manifest, ObjectRef } from './finding';
import { at, JsonRecord, str } from './private/json';

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

function key(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}|${kind}|${namespace ?? ''}|${name}`;
}

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
  private readonly byKey = new Map<string, IndexedObject>();
  private readonly byKind = new Map<string, IndexedObject[]>();
  private readonly derivedCache = new Map<string, unknown>();

  public constructor(manifests: readonly Manifest[]) {
    const objects: IndexedObject[] = [];
    const duplicates: IndexedObject[] = [];
    for (const manifest of manifests) {
      const object = manifest.object;
      const apiVersion = str(object.apiVersion);
      const kind = str(object.kind);
      const name = str(at(object, 'metadata', 'name'));
      if (apiVersion === undefined || kind === undefined || name === undefined) continue;
      const namespace = str(at(object, 'metadata', 'namespace'));
      const slash = apiVersion.indexOf('/');
      const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
      const spec = at(object, 'spec');
      const entry: IndexedObject = {
        manifest,
        object,
        ref: namespace !== undefined ? { apiVersion, kind, namespace, name } : { apiVersion, kind, name },
        group,
        spec: typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? spec as JsonRecord : {},
      };
      objects.push(entry);
      const k = key(group, kind, namespace, name);
      if (this.byKey.has(k)) {
        duplicates.push(entry);
      } else {
        this.byKey.set(k, entry);
      }
      const kindKey = `${group}|${kind}`;
      const list = this.byKind.get(kindKey);
      if (list) list.push(entry); else this.byKind.set(kindKey, [entry]);
    }
    this.objects = objects;
    this.duplicates = duplicates;
  }

  /** The first object with this identity. */
  public get(group: string, kind: string, namespace: string | undefined, name: string): IndexedObject | undefined {
    return this.byKey.get(key(group, kind, namespace, name));
  }

  /** Every object of one kind. */
  public ofKind(group: string, kind: string): readonly IndexedObject[] {
    return this.byKind.get(`${group}|${kind}`) ?? [];
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
}
