import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { EgressGatewayRef } from '../../mesh/mesh-profile';
import { DestinationRule } from '../istio/destination-rule';
import { GatewaySelector } from '../istio/gateway-selector';
import { IstioGateway } from '../istio/istio-gateway';
import { ServiceEntry, ServiceEntryPortOptions, ServiceEntryResolution } from '../istio/service-entry';
import { ClientTls, LoadBalancerAlgorithm } from '../istio/traffic-policy';
import { VirtualService } from '../istio/virtual-service';
import { treeIndexOf } from '../private/tree-index';
import { checkNamespaceName, checkObjectName, fail, isDnsLabel, isHostname } from '../private/validation';
import {
  EgressRouteMode, HttpEgressOptions, HttpsPassthroughEgressOptions, TlsOriginationEgressOptions,
} from './egress-route-mode';

/** AKS's rule for egress gateway names. */
const EGRESS_GATEWAY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Ports of the ClusterIP Service AKS creates for an egress gateway (besides the 15021 health port). */
const EGRESS_SERVICE_PORTS: readonly number[] = [80, 443];

/** Object names of an `EgressRoute`; each defaults from the route's `name`. */
export interface EgressRouteNames {
  /** @default - `<name>`, for example `cnn` */
  readonly serviceEntry?: string;
  /** @default - `<name>-egressgateway`, for example `cnn-egressgateway` */
  readonly gateway?: string;
  /** DestinationRule for the egress gateway Service. @default - `egressgateway-for-<name>` */
  readonly gatewayDestinationRule?: string;
  /** @default - `direct-<name>-through-egress-gateway` */
  readonly virtualService?: string;
  /**
   * DestinationRule that originates TLS to the host (TLS origination only).
   * @default - `originate-tls-for-<host with dots as dashes>`, for example `originate-tls-for-edition-cnn-com`
   */
  readonly originateTlsDestinationRule?: string;
}

/** Props every egress route mode shares. */
export interface EgressRouteOptions {
  /** The external host, for example `edition.cnn.com`. */
  readonly host: string;
  /** Name of an egress gateway declared in the chart's mesh profile, for example `asm-egress-test`. */
  readonly egressGateway: string;
  /**
   * Namespace of the egress gateway, when the profile declares the name in several namespaces.
   * @default - the only gateway with that name
   */
  readonly egressGatewayNamespace?: string;
  /**
   * Base of the object names and the gateway DestinationRule's subset, for example `cnn`.
   * @default - the host with dots as dashes, for example `edition-cnn-com`
   */
  readonly name?: string;
  /** @default - derived from `name` */
  readonly names?: EgressRouteNames;
  /**
   * Subset of the egress gateway DestinationRule the sidecars route to.
   * @default - `name`
   */
  readonly subsetName?: string;
  /**
   * Namespace of the objects (the client workloads' namespace).
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * More ServiceEntry ports for the host, for example direct HTTPS on 443 next to an HTTP route.
   * @default - only the ports the mode needs
   */
  readonly additionalServicePorts?: ServiceEntryPortOptions[];
}

/** Props for `EgressRoute`. */
export interface EgressRouteProps extends EgressRouteOptions {
  /** How traffic is carried, for example `EgressRouteMode.tlsOrigination()`. */
  readonly mode: EgressRouteMode;
}

/** Props for `EgressRoute.http`. */
export interface HttpEgressRouteProps extends EgressRouteOptions, HttpEgressOptions {}
/** Props for `EgressRoute.httpsPassthrough`. */
export interface HttpsPassthroughEgressRouteProps extends EgressRouteOptions, HttpsPassthroughEgressOptions {}
/** Props for `EgressRoute.tlsOrigination`. */
export interface TlsOriginationEgressRouteProps extends EgressRouteOptions, TlsOriginationEgressOptions {}

/**
 * Sends a workload namespace's traffic to one external host through an AKS Istio egress gateway:
 * a DNS ServiceEntry for the host, an Istio Gateway on the egress gateway's pods, a DestinationRule
 * (subset) for the gateway Service, a VirtualService routing sidecars (`mesh`) to the gateway and
 * the gateway to the host, and for TLS origination a DestinationRule that opens TLS to the host.
 * The gateway's selector and Service FQDN come from the mesh profile.
 *
 * @example
 * EgressRoute.tlsOrigination(chart, 'cnn', {
 *   host: 'edition.cnn.com',
 *   egressGateway: 'asm-egress-test',
 *   name: 'cnn',
 * });
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-egress
 */
export class EgressRoute extends Construct {
  /** Plain HTTP through the egress gateway. */
  public static http(scope: Construct, id: string, props: HttpEgressRouteProps): EgressRoute {
    return new EgressRoute(scope, id, { ...props, mode: EgressRouteMode.http(props) });
  }

  /** HTTPS through the egress gateway, passed through untouched and routed on SNI. */
  public static httpsPassthrough(scope: Construct, id: string, props: HttpsPassthroughEgressRouteProps): EgressRoute {
    return new EgressRoute(scope, id, { ...props, mode: EgressRouteMode.httpsPassthrough(props) });
  }

  /** HTTP from the workload, Istio mutual TLS to the gateway, and TLS originated by the gateway. */
  public static tlsOrigination(scope: Construct, id: string, props: TlsOriginationEgressRouteProps): EgressRoute {
    return new EgressRoute(scope, id, { ...props, mode: EgressRouteMode.tlsOrigination(props) });
  }

  /** The egress gateway, as declared in the mesh profile. */
  public readonly egressGateway: EgressGatewayRef;
  public readonly host: string;
  public readonly mode: EgressRouteMode;
  public readonly serviceEntry: ServiceEntry;
  public readonly gateway: IstioGateway;
  /** The DestinationRule (with the route's subset) for the egress gateway Service. */
  public readonly gatewayDestinationRule: DestinationRule;
  public readonly virtualService: VirtualService;
  /** The DestinationRule that originates TLS to the host (TLS origination only). */
  public readonly originateTlsDestinationRule?: DestinationRule;

  public constructor(scope: Construct, id: string, props: EgressRouteProps) {
    super(scope, id);
    const host = props.host;
    if (typeof host !== 'string' || host.includes('*') || !isHostname(host, false)) {
      fail(this, `'host' ${JSON.stringify(host)} is not a valid DNS name; an egress route needs one exact external host `
        + "such as 'edition.cnn.com' (wildcards cannot be resolved with DNS resolution)");
    }
    const gatewayName = props.egressGateway;
    if (typeof gatewayName !== 'string' || gatewayName.length > 53 || !EGRESS_GATEWAY_NAME.test(gatewayName)) {
      fail(this, `'egressGateway' ${JSON.stringify(gatewayName)} is not a name AKS accepts for an egress gateway `
        + "(1 to 53 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, for example asm-egress-test)");
    }
    checkNamespaceName(this, 'namespace', props.namespace);
    const name = props.name ?? host.replace(/\./g, '-');
    if (!isDnsLabel(name)) {
      fail(this, `'name' ${JSON.stringify(name)} is not a valid name base (lowercase letters, digits and '-', at most 63 characters)`);
    }
    const subset = props.subsetName ?? name;
    if (!isDnsLabel(subset)) fail(this, `'subsetName' ${JSON.stringify(subset)} is not a valid subset name (lowercase letters, digits and '-')`);
    const names = {
      serviceEntry: props.names?.serviceEntry ?? name,
      gateway: props.names?.gateway ?? `${name}-egressgateway`,
      gatewayDestinationRule: props.names?.gatewayDestinationRule ?? `egressgateway-for-${name}`,
      virtualService: props.names?.virtualService ?? `direct-${name}-through-egress-gateway`,
      originateTlsDestinationRule: props.names?.originateTlsDestinationRule ?? `originate-tls-for-${host.replace(/\./g, '-')}`,
    };
    for (const [key, value] of Object.entries(names)) checkObjectName(this, `names.${key}`, value);

    const mode = props.mode;
    const cfg = mode.config;
    this.checkPorts(mode, props.additionalServicePorts ?? []);
    // Resolve through the selector so an undeclared gateway fails with this construct's path.
    const selector = GatewaySelector.egress(gatewayName, props.egressGatewayNamespace);
    const bound = selector.bind(this);
    this.egressGateway = bound.egress!;
    this.host = host;
    this.mode = mode;
    const fqdn = this.egressGateway.fqdn;
    const metadata = (objectName: string) => ({ name: objectName, namespace: props.namespace });

    this.serviceEntry = new ServiceEntry(this, 'ServiceEntry', {
      metadata: metadata(names.serviceEntry),
      hosts: [host],
      ports: [...cfg.servicePorts, ...(props.additionalServicePorts ?? [])],
      resolution: ServiceEntryResolution.DNS,
    });
    this.gateway = new IstioGateway(this, 'Gateway', {
      metadata: metadata(names.gateway),
      selector,
      servers: [{
        port: cfg.gatewayPort,
        portName: cfg.serverPortName,
        protocol: cfg.serverProtocol,
        hosts: [host],
        tls: cfg.serverTls,
      }],
    });
    this.gatewayDestinationRule = new DestinationRule(this, 'GatewayDestinationRule', {
      metadata: metadata(names.gatewayDestinationRule),
      host: fqdn,
      subsets: [{
        name: subset,
        trafficPolicy: cfg.originateTls ? {
          loadBalancer: LoadBalancerAlgorithm.ROUND_ROBIN,
          portLevelSettings: [{ port: cfg.gatewayPort, tls: ClientTls.istioMutual({ sni: host }) }],
        } : undefined,
      }],
    });
    const mesh = IstioGateway.MESH;
    this.virtualService = new VirtualService(this, 'VirtualService', {
      metadata: metadata(names.virtualService),
      hosts: [host],
      gateways: cfg.meshFirst ? [mesh, this.gateway] : [this.gateway, mesh],
    });
    const toGateway = [{ host: fqdn, subset, port: cfg.gatewayPort, weight: cfg.meshRouteWeight }];
    const toHost = [{ host, port: cfg.upstreamPort, weight: 100 }];
    if (cfg.routeKind === 'http') {
      this.virtualService.addHttpRoute({ match: [{ gateways: [mesh], port: cfg.meshPort }], destinations: toGateway });
      this.virtualService.addHttpRoute({ match: [{ gateways: [this.gateway], port: cfg.gatewayPort }], destinations: toHost });
    } else {
      this.virtualService.addTlsRoute({ match: [{ gateways: [mesh], port: cfg.meshPort, sniHosts: [host] }], destinations: toGateway });
      this.virtualService.addTlsRoute({ match: [{ gateways: [this.gateway], port: cfg.gatewayPort, sniHosts: [host] }], destinations: toHost });
    }
    if (cfg.originateTls) {
      this.originateTlsDestinationRule = new DestinationRule(this, 'OriginateTlsDestinationRule', {
        metadata: metadata(names.originateTlsDestinationRule),
        host,
        trafficPolicy: {
          loadBalancer: LoadBalancerAlgorithm.ROUND_ROBIN,
          portLevelSettings: [{ port: cfg.upstreamPort, tls: ClientTls.simple() }],
        },
      });
    }
    this.node.addValidation({ validate: () => [...this.checkOtherServiceEntries(), ...this.checkNameClashes()] });
  }

  /** The objects this route emits. */
  public get apiObjects(): ApiObject[] {
    return this.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  }

  private checkPorts(mode: EgressRouteMode, additional: readonly ServiceEntryPortOptions[]): void {
    const cfg = mode.config;
    if (!EGRESS_SERVICE_PORTS.includes(cfg.gatewayPort)) {
      fail(this, `'gatewayPort' ${cfg.gatewayPort} is not a port of the egress gateway Service, which exposes only `
        + `${EGRESS_SERVICE_PORTS.join(' and ')}; sidecars could not reach the gateway`);
    }
    const own = cfg.servicePorts;
    if (own.length === 2 && own[0].number === own[1].number) {
      fail(this, `the ${mode.description} route uses port ${own[0].number} both for plain HTTP ('port') and for TLS to the host ('tlsPort'); `
        + 'give them different numbers (80 and 443 in the AKS guide)');
    }
    additional.forEach((p, i) => {
      const clash = own.find(o => o.number === p.number || o.name === p.name);
      if (clash) {
        fail(this, `'additionalServicePorts[${i}]' (${p.number} '${p.name}') clashes with port ${clash.number} '${clash.name}' `
          + `that the ${mode.description} route already declares; choose another number and name`);
      }
    });
  }

  /** Any other ServiceEntry for this host in the same namespace must resolve by DNS, or the gateway cannot reach the host. */
  private checkOtherServiceEntries(): string[] {
    const ns = this.serviceEntry.apiObject.metadata.namespace;
    return treeIndexOf(this).lookup<ServiceEntry>('ServiceEntry by namespace', serviceEntryNamespace, namespaceKey(ns))
      .filter(c => c !== this.serviceEntry && c.hosts.includes(this.host))
      .filter(se => se.resolution !== ServiceEntryResolution.DNS)
      .map(se => `ServiceEntry ${se.node.path} also declares '${this.host}' with resolution ${se.resolution}; `
        + 'hosts behind an AKS egress gateway must use DNS resolution');
  }

  /** Two objects of one kind and name in one namespace overwrite each other on apply. */
  private checkNameClashes(): string[] {
    const mine = this.apiObjects;
    const index = treeIndexOf(this);
    const others = new Set<ApiObject>();
    for (const key of new Set(mine.map(objectKey))) {
      for (const o of index.lookup<ApiObject>('ApiObject by identity', apiObjectKey, key)) {
        if (!mine.includes(o)) others.add(o);
      }
    }
    return index.inTreeOrder(others)
      .map(o => `${o.kind} '${o.name}' is also defined at ${o.node.path}; in one namespace the later one overwrites this route's. `
        + "Set 'name' or 'names', or put the routes in different namespaces");
  }
}

/** Kind, name and namespace: two objects with the same identity overwrite each other on apply. */
function objectKey(o: ApiObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.name}`;
}

function apiObjectKey(c: IConstruct): string | undefined {
  return ApiObject.isApiObject(c) ? objectKey(c) : undefined;
}

function serviceEntryNamespace(c: IConstruct): string | undefined {
  return c instanceof ServiceEntry ? namespaceKey(c.apiObject.metadata.namespace) : undefined;
}

/** Tells an unset namespace from every namespace name. */
function namespaceKey(ns: string | undefined): string {
  return JSON.stringify(ns ?? null);
}
