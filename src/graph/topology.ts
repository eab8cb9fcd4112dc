import { ObjectRef, Severity } from '../analysis/finding';

/**
 * What a node of the topology stands for.
 *
 * Traffic reads left to right: entry points (managed gateways, namespaces whose workloads send
 * traffic), the gateway objects that configure them, the hosts they serve, the routes, the backends.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-ingress
 */
export enum TopologyNodeKind {
  /** An AKS managed ingress gateway (`aks-istio-ingressgateway-external` / `-internal` in `aks-istio-ingress`). */
  MANAGED_INGRESS_GATEWAY = 'managed-ingress-gateway',
  /** An AKS managed egress gateway (a ClusterIP Service named after the gateway). */
  EGRESS_GATEWAY = 'egress-gateway',
  /** A `networking.istio.io` Gateway: the servers (ports, hosts, TLS) a gateway's pods listen with. */
  ISTIO_GATEWAY = 'istio-gateway',
  /** A `gateway.networking.k8s.io` Gateway with its addresses and listeners. */
  GATEWAY_API_GATEWAY = 'gateway-api-gateway',
  /** The class of `networking.k8s.io` Ingresses (for Istio: the controller that serves them). */
  INGRESS_CLASS = 'ingress-class',
  /** The workloads of one namespace, as the source of mesh traffic (sidecars, egress). */
  NAMESPACE = 'namespace',
  /** A host name served by one entry point. */
  HOST = 'host',
  /** A VirtualService (one node per gateway or `mesh` it applies to), an HTTPRoute-like route or an Ingress. */
  ROUTE = 'route',
  /** A Kubernetes Service a route sends traffic to. */
  SERVICE = 'service',
  /** A DestinationRule subset of a backend. */
  SUBSET = 'subset',
  /** A ServiceEntry: hosts outside the mesh made known to it. */
  SERVICE_ENTRY = 'service-entry',
  /** A destination host that is neither a Service nor declared by a ServiceEntry. */
  EXTERNAL_HOST = 'external-host',
  /** Any other object a finding concerns, so that no finding is left out of the picture. */
  OBJECT = 'object',
}

/**
 * What an edge of the topology means; edges point the way requests flow.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export enum TopologyEdgeKind {
  /** A managed gateway runs the configuration of an Istio Gateway (by selector) or Gateway API Gateway (by address). */
  CONFIGURES = 'configures',
  /** An entry point serves a host. */
  SERVES = 'serves',
  /** A host (or a namespace's mesh traffic) is handled by a route. */
  ROUTES = 'routes',
  /** A route sends traffic to a backend. */
  SENDS_TO = 'sends-to',
  /** A subset belongs to a backend. */
  SUBSET_OF = 'subset-of',
}

/** A finding of `analyze`, as a node shows it. */
export interface TopologyFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** The object the finding is about. */
  readonly object: ObjectRef;
}

/** One node of the topology. */
export interface TopologyNode {
  /** Stable identity, unique in the topology (for example `service:bookinfo/productpage`). */
  readonly id: string;
  readonly kind: TopologyNodeKind;
  /** The node's title, for example `Gateway bookinfo/bookinfo-gateway-external`. */
  readonly label: string;
  /** Further lines: listeners, servers, addresses, match summaries, subset labels. */
  readonly details: readonly string[];
  /** The input objects this node stands for; empty for nodes only referenced (a Service not in the input). */
  readonly objects: readonly ObjectRef[];
  /**
   * False when the node is only referenced by the input (a backend Service, a Gateway a route names)
   * but not defined in it.
   */
  readonly inInput: boolean;
  /** Findings about the node's objects, sorted by code. */
  readonly findings: readonly TopologyFinding[];
}

/** One edge of the topology. */
export interface TopologyEdge {
  /** `id` of the source node. */
  readonly from: string;
  /** `id` of the target node. */
  readonly to: string;
  readonly kind: TopologyEdgeKind;
  /**
   * A short label (port, weight, subset, selector).
   * @default - no label
   */
  readonly label?: string;
  /**
   * True when the edge is inferred from a default rather than stated by the input or the profile
   * (an egress gateway's selector without a profile); renderers draw it dashed.
   * @default false
   */
  readonly assumed?: boolean;
}

/**
 * The mesh's topology: entry points, hosts, routes and backends, with the analysis findings on the
 * nodes they concern. Nodes are sorted by `id`, edges by source, target, kind and label, so the same
 * input always gives the same topology.
 *
 * @see https://istio.io/latest/docs/ops/diagnostic-tools/istioctl-analyze/
 */
export interface Topology {
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
}
