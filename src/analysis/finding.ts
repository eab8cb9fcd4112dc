/**
 * How bad a finding is: errors stop `cdk8s synth` and make the CLI exit 1; warnings are printed.
 *
 * @see https://github.com/cdklabs/cdk-nag#rules-and-packs
 */
export enum Severity {
  /** The configuration is refused by AKS or silently does nothing in Istio. */
  ERROR = 'error',
  /** Accepted, but probably not what you want. */
  WARNING = 'warning',
}

/** The identity of one Kubernetes object, as a finding names it. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  /** Absent for cluster-scoped objects and objects that do not set it. */
  readonly namespace?: string;
  readonly name: string;
}

/** Where an object came from, so findings can point back to it. */
export interface ManifestSource {
  /**
   * The file the object was read from.
   * @default - unknown (object built in memory)
   */
  readonly file?: string;
  /**
   * The 1-based line of the object's document in `file`.
   * @default - unknown
   */
  readonly line?: number;
  /**
   * The cdk8s construct path of the object.
   * @default - unknown (object not synthesized by cdk8s)
   */
  readonly constructPath?: string;
}

/** One object to analyse: the plain JSON as parsed from YAML, plus where it came from. */
export interface Manifest extends ManifestSource {
  readonly object: Record<string, unknown>;
}

/** One problem a rule found on one object. */
export interface Finding extends ManifestSource {
  /** Stable rule code, for example `AIM102`. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong, naming the object and the bad value. */
  readonly message: string;
  /** What would work instead. */
  readonly fix: string;
  /** The offending object. */
  readonly object: ObjectRef;
  /**
   * The corresponding `istioctl analyze` code, for example `IST0101`.
   * @default - none: no upstream counterpart
   */
  readonly istioCode?: string;
  /**
   * A page that explains the finding.
   * @default - none
   */
  readonly docs?: string;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects). */
export function describeObject(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace !== undefined ? `${ref.namespace}/` : ''}${ref.name}`;
}
