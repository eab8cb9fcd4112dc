import { Construct } from 'constructs';
import { MeshChart, OutboundTrafficPolicyMode, SharedMeshConfig } from '../src/k8s';
import { MeshProfile } from '../src/mesh';

/**
 * Mesh-wide objects: the shared MeshConfig, one ConfigMap per revision. Sidecars only reach hosts
 * in the registry (REGISTRY_ONLY), as the AKS egress guide recommends.
 */
export class MeshPlatformChart extends MeshChart {
  public readonly meshConfig: SharedMeshConfig;

  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile });
    this.meshConfig = new SharedMeshConfig(this, 'MeshConfig', {
      outboundTrafficPolicy: OutboundTrafficPolicyMode.REGISTRY_ONLY,
    });
  }
}
