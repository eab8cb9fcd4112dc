import { IConstruct } from 'constructs';
import { checkObjectName, fail } from '../private/validation';

/**
 * What a policy attaches to through `targetRefs`, instead of a workload selector: a Gateway API
 * Gateway, a Service or a ServiceEntry in the policy's namespace.
 *
 * @example PolicyTargetRef.gateway('httpbin-gateway')
 * @see https://istio.io/latest/docs/reference/config/type/workload-selector/#PolicyTargetReference
 */
export class PolicyTargetRef {
  /** A Gateway API `Gateway` (its generated deployment enforces the policy). */
  public static gateway(name: string): PolicyTargetRef {
    return new PolicyTargetRef('gateway.networking.k8s.io', 'Gateway', name);
  }

  /** A Kubernetes `Service` (waypoint-enforced in ambient mode). */
  public static service(name: string): PolicyTargetRef {
    return new PolicyTargetRef('', 'Service', name);
  }

  /** An Istio `ServiceEntry`. */
  public static serviceEntry(name: string): PolicyTargetRef {
    return new PolicyTargetRef('networking.istio.io', 'ServiceEntry', name);
  }

  private constructor(
    /** API group; `''` is the core group. */
    public readonly group: string,
    public readonly kind: string,
    public readonly name: string,
  ) {}

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    if (this.name === '') fail(scope, `'${field}.name' is empty; name the ${this.kind} the policy attaches to`);
    checkObjectName(scope, `${field}.name`, this.name);
  }

  /** @internal */
  public _render(): { group: string; kind: string; name: string } {
    return { group: this.group, kind: this.kind, name: this.name };
  }
}
