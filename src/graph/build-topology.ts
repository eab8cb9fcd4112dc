import { analyze } from '../analysis/analyze';
import { Finding, Manifest } from '../analysis/finding';
import { ManifestIndex } from '../analysis/manifest-index';
import { MeshProfile } from '../mesh/mesh-profile';
import { TopologyBuilder } from './private/topology-builder';
import { Topology } from './topology';

/** Options for `buildTopology`. */
export interface BuildTopologyOptions {
  /**
   * The mesh the objects are for: which managed ingress gateways are enabled, the egress gateways and their
   * selectors. Managed gateways are drawn when the input uses them, with or without a profile.
   * @default - the AKS names: both managed ingress gateways count as enabled, egress gateways
   * recognized by their Service in `aks-istio-egress` and linked to Istio Gateways by the default selector (dashed)
   */
  readonly profile?: MeshProfile;
  /**
   * The findings to mark on the nodes.
   * @default - `analyze(manifests, { profile })`
   */
  readonly findings?: readonly Finding[];
}

/**
 * Builds the mesh's topology from plain manifests: entry points (managed ingress and egress gateways,
 * Istio and Gateway API Gateways, Ingress classes, namespaces sending mesh traffic), the hosts they
 * serve, routes (VirtualService, HTTPRoute and the other Gateway API routes, Ingress) and backends
 * (Services, DestinationRule subsets, ServiceEntries), with the findings of `analyze` on the nodes of
 * the objects they concern.
 *
 * Like the analysis rules it reads JSON only (never cdk8s), so it works on `dist/`, on any YAML and on
 * `Testing.synth(chart)`. The same input always gives the same topology.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export function buildTopology(manifests: readonly Manifest[], options: BuildTopologyOptions = {}): Topology {
  const findings = options.findings ?? analyze(manifests, { profile: options.profile });
  return new TopologyBuilder(new ManifestIndex(manifests), options.profile).build(findings);
}
