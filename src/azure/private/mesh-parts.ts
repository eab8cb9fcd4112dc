import { Construct } from 'constructs';
import { Annotations, Fn, ITerraformDependable, Op, Precondition, TerraformOutput } from 'cdktf';
import { DataAzurermUserAssignedIdentity } from '@cdktf/provider-azurerm/lib/data-azurerm-user-assigned-identity';
import { IngressGatewayType } from '../../mesh';
import { ExternalGatewayPublicIp } from '../external-gateway-public-ip';
import { GatewayApiInstallation } from '../gateway-api-installation';
import { GatewayNodePool } from '../gateway-node-pool';
import { InternalGatewaySubnet } from '../internal-gateway-subnet';
import { KeyVaultSecretsAccess } from '../key-vault-secrets-access';
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
  /**
   * The Key Vault secrets provider add-on's identity, as azurerm exports it.
   * @default - looked up by its AKS name in the node resource group after the add-on is enabled
   */
  readonly secretsProviderIdentity?: SecretsProviderIdentity;
  /** The node resource group (`MC_...`), where AKS creates the add-on's identity. */
  readonly nodeResourceGroup?: string;
}

/** Client and object ID of the identity the Key Vault secrets provider reads vaults with. */
export interface SecretsProviderIdentity {
  readonly clientId: string;
  readonly objectId: string;
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
  readonly keyVaultAccess?: KeyVaultSecretsAccess;
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
  if (options.keyVault && !profile.keyVault) {
    fail(scope, `'keyVault' ('${options.keyVault.resourceGroupName}') is set, but the mesh profile has no keyVault; `
      + 'add keyVault: { name, tenantId } to the profile so both halves name the same vault');
  }
  if (options.keyVault?.identityObjectId !== undefined && !profile.keyVault?.secretsProviderClientId) {
    fail(scope, `'keyVault.identityObjectId' brings your own identity, but the profile's keyVault has no secretsProviderClientId; `
      + "set it to that identity's client ID so the SecretProviderClasses use the same identity");
  }
  if (options.keyVault?.identityObjectId !== undefined && !GUID.test(options.keyVault.identityObjectId)) {
    fail(scope, `'keyVault.identityObjectId' ${JSON.stringify(options.keyVault.identityObjectId)} is not an object ID (a GUID)`);
  }
  if (profile.keyVault && !options.keyVault) {
    Annotations.of(scope).addWarning(`the mesh profile names Key Vault '${profile.keyVault.name}', but no 'keyVault' option grants `
      + 'the secrets provider identity access to it; set keyVault: { resourceGroupName } or grant Key Vault Secrets User yourself');
  }
  for (const warning of profile.warnings) Annotations.of(scope).addWarning(`mesh profile: ${warning}`);
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

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

  let identity: SecretsProviderIdentity | undefined;
  let keyVaultAccess: KeyVaultSecretsAccess | undefined;
  if (profile.keyVault) {
    const byo = options.keyVault?.identityObjectId;
    if (byo !== undefined) {
      identity = { clientId: profile.keyVault.secretsProviderClientId!, objectId: byo };
    } else if (cluster.secretsProviderIdentity) {
      identity = cluster.secretsProviderIdentity;
    } else {
      // AKS names the add-on's identity after the cluster; read it once the add-on is on.
      const found = new DataAzurermUserAssignedIdentity(scope, 'SecretsProviderIdentity', {
        name: `azurekeyvaultsecretsprovider-${Fn.lower(cluster.name)}`,
        resourceGroupName: cluster.nodeResourceGroup!,
        dependsOn: previous,
      });
      identity = { clientId: found.clientId, objectId: found.principalId };
    }
    if (options.keyVault) {
      keyVaultAccess = new KeyVaultSecretsAccess(scope, 'KeyVaultAccess', {
        keyVaultName: profile.keyVault.name,
        resourceGroupName: options.keyVault.resourceGroupName,
        tenantId: profile.keyVault.tenantId,
        principalId: identity.objectId,
        permissionModel: options.keyVault.permissionModel,
      });
    }
  }

  const profileFile = new MeshProfileFile(scope, 'ProfileFile', { profile, fileName: options.profileFileName });
  addOutputs(scope, cluster, options, externalGatewayIp, internalGatewaySubnet, identity, options.keyVault?.identityObjectId !== undefined);
  return { staticEgressGatewayProfile, gatewayNodePools, serviceMeshProfile, gatewayApi, externalGatewayIp, internalGatewaySubnet, profileFile, keyVaultAccess };
}

function addOutputs(scope: Construct, cluster: ClusterHandle, options: MeshOptions,
  externalIp: ExternalGatewayPublicIp | undefined, internalSubnet: InternalGatewaySubnet | undefined,
  identity: SecretsProviderIdentity | undefined, byo: boolean): void {
  const prefix = scope.node.id.replace(/[^A-Za-z0-9]+/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const output = (name: string, value: unknown, description: string, precondition?: Precondition): void => {
    const out = new TerraformOutput(scope, `Output-${name}`, { value, description });
    out.overrideLogicalId(`${prefix}_${name}`);
    // cdktf 0.21 keeps an output's `precondition` but never writes it; the override does.
    if (precondition) out.addOverride('precondition', [{ condition: precondition.condition, error_message: precondition.errorMessage }]);
  };
  const profile = options.profile;
  output('cluster_name', cluster.name, 'Name of the AKS cluster');
  output('cluster_id', cluster.id, 'ARM ID of the AKS cluster');
  output('resource_group_name', cluster.resourceGroupName, 'Resource group of the AKS cluster');
  output('revisions', [...profile.revisions], 'Istio add-on revisions (istio.io/rev values)');
  output('ingress_gateway_services', Object.fromEntries(profile.ingressGatewayTypes.map(t => [t, profile.ingressGateway(t).serviceName])),
    'Managed ingress gateway Services by type, in aks-istio-ingress');
  output('egress_gateways', profile.egressGateways.map(e => e.fqdn), 'In-cluster FQDNs of the egress gateways');
  const keyVault = profile.keyVault;
  if (keyVault && identity && !keyVault.secretsProviderClientId) {
    // The add-on's client ID exists only after apply: this output is the complete profile, the file is not.
    const json = profile.toJson();
    output('profile_json', Fn.jsonencode({ ...json, keyVault: { ...keyVault, secretsProviderClientId: identity.clientId } }),
      'The mesh profile with the secrets provider client ID, for MeshProfile.fromJson');
  } else {
    output('profile_json', JSON.stringify(profile.toJson()), 'The mesh profile, for MeshProfile.fromJson');
  }
  if (keyVault && identity) {
    output('key_vault_secrets_provider_client_id', identity.clientId,
      "Client ID the SecretProviderClasses read the Key Vault with (the profile's keyVault.secretsProviderClientId)",
      keyVault.secretsProviderClientId && !byo ? {
        condition: Op.eq(identity.clientId, keyVault.secretsProviderClientId),
        errorMessage: `the mesh profile's keyVault.secretsProviderClientId ${keyVault.secretsProviderClientId} is not the client ID of the `
          + 'Key Vault secrets provider add-on identity; copy this output into the profile',
      } : undefined);
  }
  if (externalIp) {
    output('external_gateway_ip', externalIp.ipAddress, 'Static public IP of the external ingress gateway');
    output('external_gateway_annotations', externalIp.annotations, 'Annotations for aks-istio-ingressgateway-external');
  }
  if (internalSubnet) {
    output('internal_gateway_annotations', internalSubnet.annotations, 'Annotations for aks-istio-ingressgateway-internal');
  }
}
