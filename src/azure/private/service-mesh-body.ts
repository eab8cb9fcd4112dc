import { IngressGatewayType, MeshProfile } from '../../mesh';

/** The fields of azurerm's `service_mesh_profile` block, in the provider's camelCase. */
export interface AzurermServiceMeshProfile {
  readonly mode: string;
  readonly revisions: string[];
  readonly externalIngressGatewayEnabled: boolean;
  readonly internalIngressGatewayEnabled: boolean;
  readonly certificateAuthority?: {
    readonly keyVaultId: string;
    readonly rootCertObjectName: string;
    readonly certChainObjectName: string;
    readonly certObjectName: string;
    readonly keyObjectName: string;
  };
}

/** azurerm's view of the profile: it has no egress gateways, Gateway API or static egress. */
export function azurermServiceMeshProfile(profile: MeshProfile): AzurermServiceMeshProfile {
  const ca = profile.pluginCa;
  return {
    mode: 'Istio',
    revisions: [...profile.revisions],
    externalIngressGatewayEnabled: profile.isIngressGatewayEnabled(IngressGatewayType.EXTERNAL),
    internalIngressGatewayEnabled: profile.isIngressGatewayEnabled(IngressGatewayType.INTERNAL),
    certificateAuthority: ca && {
      keyVaultId: ca.keyVaultId,
      rootCertObjectName: ca.rootCertObjectName,
      certChainObjectName: ca.certChainObjectName,
      certObjectName: ca.certObjectName,
      keyObjectName: ca.keyObjectName,
    },
  };
}

/**
 * The ARM `serviceMeshProfile` for the whole profile. Both ingress gateways are always listed, so
 * turning one off in the profile turns it off in AKS instead of leaving it as it was.
 */
export function armServiceMeshProfile(profile: MeshProfile, egressGatewaysEnabled: boolean): Record<string, unknown> {
  const ca = profile.pluginCa;
  const istio: Record<string, unknown> = {
    revisions: [...profile.revisions],
    components: {
      ingressGateways: [
        { mode: 'External', enabled: profile.isIngressGatewayEnabled(IngressGatewayType.EXTERNAL) },
        { mode: 'Internal', enabled: profile.isIngressGatewayEnabled(IngressGatewayType.INTERNAL) },
      ],
      egressGateways: profile.egressGateways.map(e => ({
        name: e.name,
        namespace: e.namespace,
        gatewayConfigurationName: e.gatewayConfigurationName,
        enabled: egressGatewaysEnabled,
      })),
    },
  };
  if (ca) {
    istio.certificateAuthority = {
      plugin: {
        keyVaultId: ca.keyVaultId,
        rootCertObjectName: ca.rootCertObjectName,
        certChainObjectName: ca.certChainObjectName,
        certObjectName: ca.certObjectName,
        keyObjectName: ca.keyObjectName,
      },
    };
  }
  return { mode: 'Istio', istio };
}
