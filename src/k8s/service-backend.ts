import { AksNames } from '../mesh/aks-names';

/** Options for `ServiceBackend.of`. */
export interface ServiceBackendOptions {
  /**
   * Namespace of the Service.
   * @default - the namespace of the route that sends to it
   */
  readonly namespace?: string;
  /**
   * Share of traffic, when a rule sends to several backends.
   * @default - all of it
   */
  readonly weight?: number;
}

/**
 * A Kubernetes Service port that a route sends traffic to.
 *
 * @example ServiceBackend.of('productpage', 9080)
 */
export class ServiceBackend {
  /** The Service `name` on `port`. */
  public static of(name: string, port: number, options: ServiceBackendOptions = {}): ServiceBackend {
    return new ServiceBackend(name, port, options.namespace, options.weight);
  }

  private constructor(
    public readonly name: string,
    public readonly port: number,
    public readonly namespace: string | undefined,
    public readonly weight: number | undefined,
  ) {}

  /** The host an Istio destination uses: the short name in the route's namespace, else the FQDN. */
  public istioHost(routeNamespace: string | undefined): string {
    if (this.namespace === undefined || this.namespace === routeNamespace) return this.name;
    return AksNames.serviceFqdn(this.name, this.namespace);
  }
}
