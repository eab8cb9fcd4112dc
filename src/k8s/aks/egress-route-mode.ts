import { ServiceEntryPortOptions, ServiceEntryProtocol } from '../istio/service-entry';
import { ServerProtocol, ServerTls } from '../istio/server';

/** Options for `EgressRouteMode.http`. */
export interface HttpEgressOptions {
  /**
   * Port of the external host that clients call, and the gateway forwards to.
   * @default 80
   */
  readonly port?: number;
  /**
   * Name of that port in the ServiceEntry.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * Port of the egress gateway the sidecars send to (the gateway Service exposes 80 and 443).
   * @default 80
   */
  readonly gatewayPort?: number;
}

/** Options for `EgressRouteMode.httpsPassthrough`. */
export interface HttpsPassthroughEgressOptions {
  /**
   * TLS port of the external host.
   * @default 443
   */
  readonly port?: number;
  /**
   * Name of that port in the ServiceEntry.
   * @default 'tls'
   */
  readonly portName?: string;
  /**
   * Port of the egress gateway the sidecars send to.
   * @default 443
   */
  readonly gatewayPort?: number;
}

/** Options for `EgressRouteMode.tlsOrigination`. */
export interface TlsOriginationEgressOptions {
  /**
   * Plain HTTP port clients call (the gateway upgrades the request to TLS).
   * @default 80
   */
  readonly port?: number;
  /**
   * Name of that port in the ServiceEntry.
   * @default 'http'
   */
  readonly portName?: string;
  /**
   * TLS port of the external host the gateway connects to.
   * @default 443
   */
  readonly tlsPort?: number;
  /**
   * Name of the TLS port in the ServiceEntry.
   * @default 'https'
   */
  readonly tlsPortName?: string;
  /**
   * Port of the egress gateway the sidecars send to, over Istio mutual TLS.
   * @default 80
   */
  readonly gatewayPort?: number;
}

/** What an egress route mode renders; read by `EgressRoute`. */
export interface EgressRouteModeConfig {
  /** `http` routes (HTTP, TLS origination) or `tls` routes on SNI (passthrough). */
  readonly routeKind: 'http' | 'tls';
  /** ServiceEntry ports the mode needs. */
  readonly servicePorts: ServiceEntryPortOptions[];
  /** Port the sidecar route matches. */
  readonly meshPort: number;
  /** Egress gateway port: the sidecars' destination and the gateway server's port. */
  readonly gatewayPort: number;
  readonly serverPortName: string;
  readonly serverProtocol: ServerProtocol;
  /** @default - plaintext server */
  readonly serverTls?: ServerTls;
  /** Port of the external host the gateway sends to. */
  readonly upstreamPort: number;
  /** Whether the gateway originates TLS (ISTIO_MUTUAL towards the gateway, SIMPLE beyond it). */
  readonly originateTls: boolean;
  /** The sidecar route's weight, as in the AKS guide for this mode. @default - none */
  readonly meshRouteWeight?: number;
  /** Whether `mesh` comes first in the VirtualService's gateways, as in the AKS guide for this mode. */
  readonly meshFirst: boolean;
}

/**
 * How an `EgressRoute` carries traffic through the egress gateway: plain HTTP, HTTPS passthrough
 * routed on SNI, or TLS originated at the gateway.
 *
 * @example EgressRouteMode.tlsOrigination()
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-egress#route-traffic-through-the-istio-egress-gateway
 */
export abstract class EgressRouteMode {
  /** Plain HTTP from the sidecar to the gateway and from the gateway to the host. */
  public static http(options: HttpEgressOptions = {}): EgressRouteMode {
    const port = options.port ?? 80;
    const gatewayPort = options.gatewayPort ?? 80;
    return new ConfiguredMode('HTTP', {
      routeKind: 'http',
      servicePorts: [{ number: port, name: options.portName ?? 'http', protocol: ServiceEntryProtocol.HTTP }],
      meshPort: port,
      gatewayPort,
      serverPortName: 'http',
      serverProtocol: ServerProtocol.HTTP,
      upstreamPort: port,
      originateTls: false,
      meshRouteWeight: 100,
      meshFirst: false,
    });
  }

  /** The client's TLS stream, untouched, routed on SNI at the sidecar and the gateway. */
  public static httpsPassthrough(options: HttpsPassthroughEgressOptions = {}): EgressRouteMode {
    const port = options.port ?? 443;
    const gatewayPort = options.gatewayPort ?? 443;
    return new ConfiguredMode('HTTPS passthrough', {
      routeKind: 'tls',
      servicePorts: [{ number: port, name: options.portName ?? 'tls', protocol: ServiceEntryProtocol.TLS }],
      meshPort: port,
      gatewayPort,
      serverPortName: 'tls',
      serverProtocol: ServerProtocol.TLS,
      serverTls: ServerTls.passthrough(),
      upstreamPort: port,
      originateTls: false,
      meshFirst: true,
    });
  }

  /**
   * The client sends plain HTTP; the sidecar wraps it in Istio mutual TLS to the gateway, and the
   * gateway opens a SIMPLE TLS connection to the host.
   */
  public static tlsOrigination(options: TlsOriginationEgressOptions = {}): EgressRouteMode {
    const port = options.port ?? 80;
    const tlsPort = options.tlsPort ?? 443;
    return new ConfiguredMode('TLS origination', {
      routeKind: 'http',
      servicePorts: [
        { number: port, name: options.portName ?? 'http', protocol: ServiceEntryProtocol.HTTP },
        { number: tlsPort, name: options.tlsPortName ?? 'https', protocol: ServiceEntryProtocol.HTTPS },
      ],
      meshPort: port,
      gatewayPort: options.gatewayPort ?? 80,
      serverPortName: 'https-port-for-tls-origination',
      serverProtocol: ServerProtocol.HTTPS,
      serverTls: ServerTls.istioMutual(),
      upstreamPort: tlsPort,
      originateTls: true,
      meshRouteWeight: 100,
      meshFirst: false,
    });
  }

  /** A short description of the mode, for messages. */
  public abstract readonly description: string;

  /** The objects' shape for this mode. */
  public abstract readonly config: EgressRouteModeConfig;
}

class ConfiguredMode extends EgressRouteMode {
  public constructor(public readonly description: string, public readonly config: EgressRouteModeConfig) {
    super();
  }
}
