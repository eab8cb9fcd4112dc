import { ApiObject, ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import * as gwapi from '../../../imports/gateway-api-gateway.networking.k8s.io';
import { checkMetadata, checkNamespaceName, checkObjectName, definedMetadata, fail } from '../private/validation';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Objects in another namespace that may refer into this one. */
export class GrantFrom {
  /** HTTPRoutes in `namespace` (to send to backends here). */
  public static httpRoutes(namespace: string): GrantFrom {
    return new GrantFrom(GATEWAY_GROUP, 'HTTPRoute', namespace);
  }

  /** GRPCRoutes in `namespace`. */
  public static grpcRoutes(namespace: string): GrantFrom {
    return new GrantFrom(GATEWAY_GROUP, 'GRPCRoute', namespace);
  }

  /** Gateways in `namespace` (to use certificate Secrets here). */
  public static gateways(namespace: string): GrantFrom {
    return new GrantFrom(GATEWAY_GROUP, 'Gateway', namespace);
  }

  private constructor(public readonly group: string, public readonly kind: string, public readonly namespace: string) {}
}

/** Objects in this namespace that may be referred to. */
export class GrantTo {
  /** Services (all, or the one named). */
  public static services(name?: string): GrantTo {
    return new GrantTo('', 'Service', name);
  }

  /** Secrets (all, or the one named). */
  public static secrets(name?: string): GrantTo {
    return new GrantTo('', 'Secret', name);
  }

  private constructor(public readonly group: string, public readonly kind: string, public readonly name?: string) {}
}

/** Props for `ReferenceGrant`. */
export interface ReferenceGrantProps {
  /** Put it in the namespace of the objects referred to. */
  readonly metadata?: ApiObjectMetadata;
  readonly from: GrantFrom[];
  readonly to: GrantTo[];
}

/**
 * A Gateway API ReferenceGrant (`v1beta1` in the v1.3.0 standard channel): lets routes or Gateways
 * in other namespaces refer to Services or Secrets in this one.
 *
 * @example
 * new ReferenceGrant(chart, 'grant', {
 *   metadata: { namespace: 'backend' },
 *   from: [GrantFrom.httpRoutes('frontend')],
 *   to: [GrantTo.services('api')],
 * });
 * @see https://gateway-api.sigs.k8s.io/api-types/referencegrant/
 */
export class ReferenceGrant extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: ReferenceGrantProps) {
    super(scope, id);
    checkMetadata(this, props.metadata);
    if (props.from.length === 0 || props.from.length > 16) fail(this, `'from' needs 1 to 16 entries, got ${props.from.length}`);
    if (props.to.length === 0 || props.to.length > 16) fail(this, `'to' needs 1 to 16 entries, got ${props.to.length}`);
    props.from.forEach((f, i) => checkNamespaceName(this, `from[${i}].namespace`, f.namespace));
    props.to.forEach((t, i) => checkObjectName(this, `to[${i}].name`, t.name));
    this.apiObject = new gwapi.ReferenceGrant(this, 'Resource', {
      metadata: definedMetadata(props.metadata),
      spec: {
        from: props.from.map(f => ({ group: f.group, kind: f.kind, namespace: f.namespace })),
        to: props.to.map(t => ({ group: t.group, kind: t.kind, name: t.name })),
      },
    });
  }
}
