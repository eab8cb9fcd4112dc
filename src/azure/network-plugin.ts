/**
 * How pods get their IP addresses. Static egress gateways (and so Istio egress gateways) do not work
 * with Azure CNI Pod Subnet, which is why it is not offered here.
 *
 * @see https://learn.microsoft.com/azure/aks/concepts-network-cni-overview
 */
export abstract class NetworkPlugin {
  /** Azure CNI Overlay: pods get addresses from a private CIDR separate from the VNet. */
  public static azureCniOverlay(): NetworkPlugin {
    return new Plugin({ networkPlugin: 'azure', networkPluginMode: 'overlay' });
  }

  /** Azure CNI Overlay with the Cilium data plane (and Cilium network policy). */
  public static azureCniPoweredByCilium(): NetworkPlugin {
    return new Plugin({ networkPlugin: 'azure', networkPluginMode: 'overlay', networkDataPlane: 'cilium', networkPolicy: 'cilium' });
  }

  /** Azure CNI with pods on the node subnet (flat network). */
  public static azureCniNodeSubnet(): NetworkPlugin {
    return new Plugin({ networkPlugin: 'azure' });
  }

  /** @internal */
  public abstract _bind(): NetworkPluginSettings;
}

/** @internal */
export interface NetworkPluginSettings {
  readonly networkPlugin: string;
  readonly networkPluginMode?: string;
  readonly networkDataPlane?: string;
  readonly networkPolicy?: string;
}

class Plugin extends NetworkPlugin {
  public constructor(private readonly settings: NetworkPluginSettings) {
    super();
  }

  public _bind(): NetworkPluginSettings {
    return this.settings;
  }
}
