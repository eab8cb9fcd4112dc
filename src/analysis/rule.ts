import { MeshProfile } from '../mesh/mesh-profile';
import { Severity } from './finding';
import { IndexedObject, ManifestIndex } from './manifest-index';

/** What a rule gets besides the objects. */
export interface RuleContext {
  /**
   * The mesh the objects are for.
   * @default - the AKS names, with both managed ingress gateways treated as enabled and no egress gateways known
   */
  readonly profile?: MeshProfile;
  /**
   * Objects defined outside the set that references may still name, for example a Gateway imported
   * with `IstioGateway.fromGatewayName`: a reference to one is not reported as missing.
   * @default - none: every referenced object must be in the set
   */
  readonly externalObjects?: readonly ExternalObject[];
}

/** An object known to exist outside the analysed set. */
export interface ExternalObject {
  /** API group, `''` for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** True when `context` declares this object as defined elsewhere. */
export function isExternal(context: RuleContext, group: string, kind: string, namespace: string | undefined, name: string): boolean {
  return (context.externalObjects ?? []).some(o => o.group === group && o.kind === kind && o.namespace === namespace && o.name === name);
}

/** One violation a rule reports; the rule's code is added by `analyze`. */
export interface RuleViolation {
  readonly target: IndexedObject;
  readonly message: string;
  /**
   * @default - the rule's severity
   */
  readonly severity?: Severity;
  /**
   * @default - the rule's fix
   */
  readonly fix?: string;
}

/**
 * One analysis rule, in the cdk-nag shape: a stable code, a level and an explanation, and a pure
 * function from the indexed objects to violations.
 *
 * @see https://github.com/cdklabs/cdk-nag/blob/main/RULES.md
 */
export interface MeshRule {
  /** Stable code, `AIM1xx` for errors, `AIM2xx` for warnings. Never reused. */
  readonly code: string;
  /** The level of most of its violations (some rules report the milder or harsher case at the other level). */
  readonly severity: Severity;
  /** What the rule checks and why it matters, for the rule table. */
  readonly explanation: string;
  /** The usual fix. */
  readonly fix: string;
  /**
   * The `istioctl analyze` message code this rule corresponds to, so users can search upstream docs.
   * @default - none: the rule has no upstream counterpart
   * @see https://istio.io/latest/docs/reference/config/analysis/
   */
  readonly istioCode?: string;
  /**
   * A page that explains the finding (the upstream message page when one exists).
   * @default - none
   */
  readonly docs?: string;
  check(index: ManifestIndex, context: RuleContext): RuleViolation[];
}
