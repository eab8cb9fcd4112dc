import { Construct } from 'constructs';
import { Annotations, ITerraformDependable, TerraformOutput } from 'cdktf';
import { IngressGatewayType } from '../../mesh';
import { ExternalGatewayPublicIp } from '../external-gateway-public-ip';
import { GatewayApiInstallation } from '../gateway-api-installation';
import { GatewayNodePool } from '../gateway-node-pool';
import { InternalGatewaySubnet } from '../internal-gateway-subnet';
import { MeshOptions } from '../mesh-options';
import { MeshProfileFile } from '../mesh-profile-file';
import { ServiceMeshProfileUpdate } from '../service-mesh-profile-update';
import { StaticEgressGatewayProfile } from '../static-egress-gateway-profile';
import { fail } from './validation';

/** The cluster the mesh parts attach to. */
export interface ClusterHandle {
  readonly id: string;
  readonly name: string;
  readonly resourceGroupName: string;
  readonly location: string;
  readonly principalId: string;
  /** What the first azapi write waits for (the azurerm cluster), if anything in this stack creates it. */
  readonly dependable?: ITerraformDependable;
}

/** What {@link addMeshParts} created. */
export interface MeshParts {
  readonly staticEgressGatewayProfile?: StaticEgressGatewayProfile;
  readonly gatewayNodePools: GatewayNodePool[];
  readonly serviceMeshProfile?: ServiceMeshProfileUpdate;
  readonly gatewayApi: GatewayApiInstallation;
  readonly externalGatewayIp?: ExternalGatewayPublicIp;
  readonly internalGatewaySubnet?: InternalGatewaySubnet;
  readonly profileFile: MeshProfileFile;
}

/** Azure-side checks the profile cannot make on its own: options that point at gateways or pools it lacks. */
export function checkMeshOptions(scope: Construct, options: MeshOptions): void {
  const profile = options.profile;
  if (options.externalGatewayIp && !profile.isIngressGatewayEnabled(IngressGatewayType.EXTERNAL)) {
    fail(scope, `'externalGatewayIp' ('${options.externalGatewayIp.name}') is set, but the mesh profile does not enable the external `
      + 'ingress gateway; set ingressGateways.external: true in the profile or drop externalGatewayIp');
  }
  if (options.internalGatewaySubnet && !profile.isIngressGatewayEnabled(IngressGatewayType.INTERNAL)) {
    fail(scope, `'internalGatewaySubnet' ('${options.internalGatewaySubnet.name}') is set, but the mesh profile does not enable the internal `
      + 'ingress gateway; set ingressGateways.internal: true in the profile or drop internalGatewaySubnet');
  }
  const declared = profile.gatewayNodePools.map(p => p.name);
  for (const name of Object.keys(options.gatewayNodePools ?? {})) {
    if (!declared.includes(name)) {
      fail(scope, `'gatewayNodePools' sizes pool '${name}', which the mesh profile does not declare `
        + `(declared: ${declared.length ? declared.join(', ') : 'none'}); add it to the profile's gatewayNodePools`);
    }
  }
  for (const warning of profile.warnings) Annotations.of(scope).addWarning(`mesh profile: ${warning}`);
}

/**
 * The azapi writes, ingress pieces, outputs and profile file shared by both cluster constructs.
 * The azapi writes to the cluster are chained (and lock the cluster) because AKS rejects concurrent
 * updates of one managed cluster.
 */
export function addMeshParts(scope: Construct, cluster: ClusterHandle, options: MeshOptions, azapiOwnsMeshProfile: boolean,
  enableKeyVaultSecretsProvider: boolean, subnetId: string | undefined): MeshParts {
  const profile = options.profile;
  let previous: ITerraformDependable[] = cluster.dependable ? [cluster.dependable] : [];

  let staticEgressGatewayProfile: StaticEgressGatewayProfile | undefined;
  const gatewayNodePools: GatewayNodePool[] = [];
  if (profile.gatewayNodePools.length > 0) {
    staticEgressGatewayProfile = new StaticEgressGatewayProfile(scope, 'StaticEgressGatewayProfile', {
      clusterId: cluster.id,
      dependsOn: previous,
    });
    previous = [staticEgressGatewayProfile.resource];
    for (const pool of profile.gatewayNodePools) {
      const sizing = options.gatewayNodePools?.[pool.name] ?? {};
      gatewayNodePools.push(new GatewayNodePool(scope, `GatewayNodePool-${pool.name}`, {
        clusterId: cluster.id,
        profile,
        name: pool.name,
        ...sizing,
        subnetId: sizing.subnetId ?? subnetId,
        dependsOn: previous,
      }));
    }
    previous = gatewayNodePools.map(p => p.resource);
  }

  let serviceMeshProfile: ServiceMeshProfileUpdate | undefined;
  if (azapiOwnsMeshProfile) {
    serviceMeshProfile = new ServiceMeshProfileUpdate(scope, 'ServiceMeshProfile', {
      clusterId: cluster.id,
      profile,
      egressGatewaysEnabled: options.egressGatewaysEnabled,
      enableKeyVaultSecretsProvider,
      dependsOn: previous,
    });
    previous = [serviceMeshProfile.resource];
  }

  const gatewayApi = new GatewayApiInstallation(scope, 'GatewayApi', {
    clusterId: cluster.id,
    enabled: profile.gatewayApi,
    dependsOn: previous,
  });

  const externalGatewayIp = options.externalGatewayIp && new ExternalGatewayPublicIp(scope, 'ExternalGatewayIp', {
    ...options.externalGatewayIp,
    resourceGroupName: options.externalGatewayIp.resourceGroupName ?? cluster.resourceGroupName,
    location: cluster.location,
    clusterPrincipalId: cluster.principalId,
  });
  const internalGatewaySubnet = options.internalGatewaySubnet && new InternalGatewaySubnet(scope, 'InternalGatewaySubnet', {
    ...options.internalGatewaySubnet,
    clusterPrincipalId: cluster.principalId,
  });

  const profileFile = new MeshProfileFile(scope, 'ProfileFile', { profile, fileName: options.profileFileName });
  addOutputs(scope, cluster, options, externalGatewayIp, internalGatewaySubnet);
  return { staticEgressGatewayProfile, gatewayNodePools, serviceMeshProfile, gatewayApi, externalGatewayIp, internalGatewaySubnet, profileFile };
}

function addOutputs(scope: Construct, cluster: ClusterHandle, options: MeshOptions,
  externalIp: ExternalGatewayPublicIp | undefined, internalSubnet: InternalGatewaySubnet | undefined): void {
  const prefix = scope.node.id.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const output = (name: string, value: unknown, description: string): void => {
    new TerraformOutput(scope, `Output-${name}`, { value, description }).overrideLogicalId(`${prefix}_${name}`);
  };
  const profile = options.profile;
  output('cluster_name', cluster.name, 'Name of the AKS cluster');
  output('cluster_id', cluster.id, 'ARM ID of the AKS cluster');
  output('resource_group_name', cluster.resourceGroupName, 'Resource group of the AKS cluster');
  output('revisions', [...profile.revisions], 'Istio add-on revisions (istio.io/rev values)');
  output('ingress_gateway_services', Object.fromEntries(profile.ingressGatewayTypes.map(t => [t, profile.ingressGateway(t).serviceName])),
    'Managed ingress gateway Services by type, in aks-istio-ingress');
  output('egress_gateways', profile.egressGateways.map(e => e.fqdn), 'In-cluster FQDNs of the egress gateways');
  output('profile_json', JSON.stringify(profile.toJson()), 'The mesh profile, for MeshProfile.fromJson');
  if (externalIp) {
    output('external_gateway_ip', externalIp.ipAddress, 'Static public IP of the external ingress gateway');
    output('external_gateway_annotations', externalIp.annotations, 'Annotations for aks-istio-ingressgateway-external');
  }
  if (internalSubnet) {
    output('internal_gateway_annotations', internalSubnet.annotations, 'Annotations for aks-istio-ingressgateway-internal');
  }
}
