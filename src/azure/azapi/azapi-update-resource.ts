import { Construct } from 'constructs';
import { AzapiBase, AzapiBaseProps } from './private/azapi-base';

/** Options for an `azapi_update_resource`. */
export interface AzapiUpdateResourceProps extends AzapiBaseProps {
  /** ID of the existing resource to update. */
  readonly resourceId: string;
  /**
   * ARM resource IDs to lock while this update runs, so two azapi writes to one cluster never overlap.
   * @default - the updated resource itself
   */
  readonly locks?: string[];
}

/**
 * `azapi_update_resource`: merges a partial ARM body into an existing resource.
 *
 * A typed wrapper over cdktf's generic `TerraformResource`, covering the attributes this library
 * uses. Deleting it changes nothing in Azure: the properties stay as last written.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/update_resource
 */
export class AzapiUpdateResource extends AzapiBase {
  public static readonly tfResourceType = 'azapi_update_resource';

  private readonly props: AzapiUpdateResourceProps;

  public constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps) {
    super(scope, id, AzapiUpdateResource.tfResourceType, props);
    this.props = props;
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.type,
      resource_id: this.props.resourceId,
      body: this.body,
      locks: this.props.locks ?? [this.props.resourceId],
    };
  }
}
