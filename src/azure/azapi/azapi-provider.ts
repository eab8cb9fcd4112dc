import { IConstruct, Construct } from 'constructs';
import { TerraformProvider, TerraformStack } from 'cdktf';

/**
 * The azapi provider version the library's azapi resources are written against.
 * Pinned exactly: azapi resources carry raw ARM bodies, so a provider upgrade is a deliberate change.
 */
export const AZAPI_PROVIDER_VERSION = '2.5.0';

/** Options for the azapi provider block. */
export interface AzapiProviderProps {
  /**
   * Subscription the provider works in.
   * @default - from the environment (`ARM_SUBSCRIPTION_ID` or the Azure CLI)
   */
  readonly subscriptionId?: string;
  /**
   * Provider alias, for a second azapi provider in the same stack.
   * @default - the default azapi provider
   */
  readonly alias?: string;
}

/**
 * The `azure/azapi` Terraform provider, declared with a pinned version in `required_providers`.
 *
 * No prebuilt cdktf bindings exist for azapi, so this is a thin typed wrapper over cdktf's
 * generic `TerraformProvider`.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs
 */
export class AzapiProvider extends TerraformProvider {
  /**
   * The stack's default azapi provider, created with id `azapi` on first use.
   * Create an `AzapiProvider` yourself first to configure it.
   */
  public static of(scope: IConstruct): AzapiProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.children.find(
      (c): c is AzapiProvider => c instanceof AzapiProvider && c.alias === undefined,
    );
    return existing ?? new AzapiProvider(stack, 'azapi');
  }

  private readonly props: AzapiProviderProps;

  public constructor(scope: Construct, id: string, props: AzapiProviderProps = {}) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: { providerName: 'azapi', providerVersion: AZAPI_PROVIDER_VERSION },
      terraformProviderSource: 'azure/azapi',
    });
    this.props = props;
  }

  public override get alias(): string | undefined {
    return this.props.alias;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return { subscriptionId: this.props.subscriptionId };
  }
}
