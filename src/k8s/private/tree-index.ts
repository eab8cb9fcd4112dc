import { IConstruct } from 'constructs';

/**
 * One walk of a construct tree, shared by the cross-construct validations of one synth.
 *
 * Validations such as "no other object of this kind and name" used to walk the whole App once per
 * construct, which made a synth quadratic in the size of the mesh (about 20 s for 1,000 services).
 */
export class TreeIndex {
  /** Every construct under the root, in `findAll` (pre-order) order. */
  public readonly all: readonly IConstruct[];
  private readonly order = new Map<IConstruct, number>();
  private readonly groups = new Map<string, Map<string, IConstruct[]>>();

  public constructor(root: IConstruct) {
    this.all = root.node.findAll();
    this.all.forEach((c, i) => this.order.set(c, i));
  }

  /** True when `c` was in the tree when the index was built. */
  public has(c: IConstruct): boolean {
    return this.order.has(c);
  }

  /** Sorts constructs into tree order, as a walk of the whole tree would list them. */
  public inTreeOrder<T extends IConstruct>(constructs: Iterable<T>): T[] {
    return [...constructs].sort((a, b) => (this.order.get(a) ?? 0) - (this.order.get(b) ?? 0));
  }

  /**
   * The constructs with key `value` under the grouping `name` (constructs for which `key` answers
   * `undefined` are left out), in tree order. The grouping is computed once per index.
   */
  public lookup<T extends IConstruct>(name: string, key: (c: IConstruct) => string | undefined, value: string): readonly T[] {
    let group = this.groups.get(name);
    if (!group) {
      group = new Map();
      for (const c of this.all) {
        const k = key(c);
        if (k === undefined) continue;
        const list = group.get(k);
        if (list) list.push(c); else group.set(k, [c]);
      }
      this.groups.set(name, group);
    }
    return (group.get(value) ?? []) as T[];
  }
}

const cache = new WeakMap<IConstruct, TreeIndex>();

/**
 * The index of the tree `scope` belongs to, built once per synth.
 *
 * Like the App-wide analysis, the index lives until the current synchronous synth ends (it is
 * dropped in a microtask), so the next synth after the caller changed the tree sees the new tree.
 * An index that does not contain `scope` is stale (built before `scope` was added) and is rebuilt.
 */
export function treeIndexOf(scope: IConstruct): TreeIndex {
  const root = scope.node.root;
  const cached = cache.get(root);
  if (cached && cached.has(scope)) return cached;
  const index = new TreeIndex(root);
  if (!cached) queueMicrotask(() => cache.delete(root));
  cache.set(root, index);
  return index;
}

/** Drops the index of `root`'s tree, so the next lookup sees the tree as it is now (a new synth). */
export function forgetTreeIndex(root: IConstruct): void {
  cache.delete(root);
}
