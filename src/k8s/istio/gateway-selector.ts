import { IConstruct } from 'constructs';
import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { EgressGatewayRef, IngressGatewayRef } from '../../mesh/mesh-profile';
import { MeshChart } from '../mesh-chart';
import { checkLabels, fail } from '../private/validation';

/** What a selector resolved to inside a chart. */
export interface BoundGatewaySelector {
  readonly labels: Record<string, string>;
  /** Set when the selector is an AKS managed ingress gateway. */
  readonly ingress?: IngressGatewayRef;
  /** Set when the selector is an AKS managed egress gateway. */
  readonly egress?: EgressGatewayRef;
}

/**
 * Which gateway pods an Istio Gateway configures.
 *
 * @example GatewaySelector.ingress(IngressGatewayType.EXTERNAL)
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Gateway
 */
export abstract class GatewaySelector {
  /** An AKS managed ingress gateway; the chart's mesh profile must enable it. */
  public static ingress(type: IngressGatewayType): GatewaySelector {
    return new ProfileSelector(p => ({ ingressRef: p.ingressGateway(type) }));
  }

  /** An AKS managed egress gateway declared in the chart's mesh profile. */
  public static egress(name: string, namespace?: string): GatewaySelector {
    return new ProfileSelector(p => ({ egressRef: p.egressGateway(name, namespace) }));
  }

  /** Gateway pods with these labels (a gateway you run yourself). */
  public static labels(labels: Record<string, string>): GatewaySelector {
    return new LabelSelector(labels);
  }

  /** Resolves the selector for a construct inside a `MeshChart`. */
  public abstract bind(scope: IConstruct): BoundGatewaySelector;
}

class ProfileSelector extends GatewaySelector {
  public constructor(
    private readonly resolve: (profile: MeshChart['profile']) => { ingressRef?: IngressGatewayRef; egressRef?: EgressGatewayRef },
  ) {
    super();
  }

  public bind(scope: IConstruct): BoundGatewaySelector {
    const profile = MeshChart.of(scope).profile;
    let found: { ingressRef?: IngressGatewayRef; egressRef?: EgressGatewayRef };
    try {
      found = this.resolve(profile);
    } catch (e) {
      return fail(scope, (e as Error).message);
    }
    const ref = found.ingressRef ?? found.egressRef!;
    return { labels: { ...ref.selector }, ingress: found.ingressRef, egress: found.egressRef };
  }
}

class LabelSelector extends GatewaySelector {
  public constructor(private readonly labels: Record<string, string>) {
    super();
  }

  public bind(scope: IConstruct): BoundGatewaySelector {
    if (Object.keys(this.labels).length === 0) {
      fail(scope, "'selector' has no labels: an empty selector configures every gateway pod in the mesh; name the gateway's labels");
    }
    checkLabels(scope, 'selector', this.labels);
    return { labels: { ...this.labels } };
  }
}
