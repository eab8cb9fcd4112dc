import { App, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { Construct } from 'constructs';
import { MeshCluster } from '../../src/azure';
import { exampleProfile } from '../profile';
import { deliverDistWithFlux } from './gitops';

/**
 * The Azure side of the example mesh: an AKS cluster with the Istio add-on from the very profile the
 * cdk8s app (examples/main.ts) labels namespaces and names MeshConfig ConfigMaps with.
 */
export class MeshStack extends TerraformStack {
  public readonly mesh: MeshCluster;

  public constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    this.mesh = new MeshCluster(this, 'Mesh', {
      profile: exampleProfile,
      name: 'aks-istio-mesh',
      resourceGroupName: 'rg-aks-istio-mesh',
      location: 'westeurope',
      gatewayNodePools: { gwpool: { nodeCount: 2 } },
      externalGatewayIp: { name: 'pip-aks-istio-ingress-external' },
      // The existing vault of the profile's keyVault.name: Key Vault Secrets User for the secrets provider add-on.
      keyVault: { resourceGroupName: 'rg-aks-istio-mesh-vault' },
    });
    deliverDistWithFlux(this, this.mesh);
  }
}

const app = new App();
new MeshStack(app, 'aks-istio-mesh');
app.synth();
