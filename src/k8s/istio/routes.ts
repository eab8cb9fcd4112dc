import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { PathMatch } from '../path-match';
import { checkIstioHost, checkPort, fail } from '../private/validation';
import { IIstioGateway } from './istio-gateway';

/** Where a VirtualService route sends traffic. */
export interface RouteDestination {
  /** Service host: a short name in the VirtualService's namespace, an FQDN, or a ServiceEntry host. */
  readonly host: string;
  /** @default - the only port of the destination */
  readonly port?: number;
  /** A subset defined by a DestinationRule for `host`. @default - no subset */
  readonly subset?: string;
  /** Share of traffic, 0 to 100; the weights of one route must add up to 100. @default - all traffic */
  readonly weight?: number;
}

/** One alternative of an HTTP route's match (the alternatives are ORed). */
export interface HttpMatchOptions {
  /** @default - any path */
  readonly path?: PathMatch;
  /** Gateway port the request came in on. @default - any port */
  readonly port?: number;
  /** Only requests through these gateways (`IstioGateway.MESH` for sidecars). @default - all of the VirtualService's gateways */
  readonly gateways?: IIstioGateway[];
  /** Header values that must match exactly. @default - no header condition */
  readonly headers?: Record<string, string>;
  /** HTTP method, for example `GET`. @default - any method */
  readonly method?: string;
}

/** Retry policy of an HTTP route. */
export interface HttpRetryOptions {
  readonly attempts: number;
  /** @default - the route timeout */
  readonly perTryTimeout?: Duration;
  /** Envoy retry conditions, for example `5xx,reset`. @default - Istio's default conditions */
  readonly retryOn?: string;
}

/** An HTTP route of a VirtualService. */
export interface HttpRouteOptions {
  /** Route name, used in metrics and logs. @default - none */
  readonly name?: string;
  /** @default - every request */
  readonly match?: HttpMatchOptions[];
  /** Where matching requests go. */
  readonly destinations: RouteDestination[];
  /** @default - no timeout */
  readonly timeout?: Duration;
  /** @default - Istio's default retries */
  readonly retries?: HttpRetryOptions;
  /** Rewrite the matched path prefix (or whole exact path) to this before forwarding. @default - no rewrite */
  readonly rewriteUri?: string;
}

/** One alternative of a TLS route's match. */
export interface TlsMatchOptions {
  /** SNI names to match (wildcards allowed). */
  readonly sniHosts: string[];
  /** @default - any port */
  readonly port?: number;
  /** @default - all of the VirtualService's gateways */
  readonly gateways?: IIstioGateway[];
}

/** A TLS (SNI-routed, not terminated) route of a VirtualService. */
export interface TlsRouteOptions {
  readonly match: TlsMatchOptions[];
  readonly destinations: RouteDestination[];
}

/** One alternative of a TCP route's match. */
export interface TcpMatchOptions {
  /** @default - any port */
  readonly port?: number;
  /** @default - all of the VirtualService's gateways */
  readonly gateways?: IIstioGateway[];
}

/** An opaque TCP route of a VirtualService. */
export interface TcpRouteOptions {
  /** @default - every connection */
  readonly match?: TcpMatchOptions[];
  readonly destinations: RouteDestination[];
}

/** Checks a route's destinations: valid hosts and ports, weights that add up to 100. */
export function checkDestinations(scope: IConstruct, field: string, destinations: readonly RouteDestination[]): void {
  if (!destinations || destinations.length === 0) fail(scope, `'${field}' is empty: a route needs at least one destination`);
  destinations.forEach((d, i) => {
    checkIstioHost(scope, `${field}[${i}].host`, d.host, { namespaced: false });
    if (d.host.includes('*')) fail(scope, `'${field}[${i}].host' ${JSON.stringify(d.host)}: a destination must be a concrete host, not a wildcard`);
    if (d.port !== undefined) checkPort(scope, `${field}[${i}].port`, d.port);
    if (d.weight !== undefined && (!Number.isInteger(d.weight) || d.weight < 0 || d.weight > 100)) {
      fail(scope, `'${field}[${i}].weight' must be an integer from 0 to 100, got ${JSON.stringify(d.weight)}`);
    }
  });
  if (destinations.length > 1) {
    const total = destinations.reduce((sum, d) => sum + (d.weight ?? 0), 0);
    if (total !== 100) {
      fail(scope, `'${field}' weights add up to ${total}; with several destinations they must add up to 100`);
    }
  }
}

/** The Istio wire form of a destination list. */
export function renderDestinations(destinations: readonly RouteDestination[]) {
  return destinations.map(d => ({
    destination: {
      host: d.host,
      subset: d.subset,
      port: d.port === undefined ? undefined : { number: d.port },
    },
    weight: d.weight,
  }));
}
