// Types of scripts/app-launcher.cjs for test/scripts/app-launcher.test.ts.

/** Where the app's bundle is and whether this call had to build it. */
export interface BundleResult {
  /** Absolute path of the bundle (its source map is next to it, `.map`). */
  readonly bundle: string;
  /** True when the cached bundle was missing or stale and was built again. */
  readonly rebuilt: boolean;
  /** Why it was rebuilt (the first stale input found), or 'up to date'. */
  readonly reason: string;
}

/** Which app to bundle, and where. */
export interface BundleOptions {
  /** The app's entry file, absolute or relative to `root`. */
  readonly entry: string;
  /**
   * Directory of the bundles and their input records.
   * @default - `node_modules/.cache/aks-istio-mesh` under `root`
   */
  readonly cacheDir?: string;
  /**
   * Project root: where esbuild runs and finds tsconfig.json.
   * @default - the current directory
   */
  readonly root?: string;
}

/** Returns the bundle of `options.entry`, building it first unless the cached one is up to date. */
export function prepareBundle(options: BundleOptions): Promise<BundleResult>;

/** The bundle's file name for `entry`: its path from `root` with `/` as `__` (examples/main.ts: examples__main.cjs). */
export function bundleName(root: string, entry: string): string;
