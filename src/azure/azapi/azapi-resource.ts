import { Construct } from 'constructs';
import { AzapiBase, AzapiBaseProps } from './private/azapi-base';

/** Options for an `azapi_resource`. */
export interface AzapiResourceProps extends AzapiBaseProps {
  /** Resource name. */
  readonly name: string;
  /** ID of the parent resource (for a child resource) or of the resource group. */
  readonly parentId: string;
  /**
   * Whether azapi checks `body` against its embedded ARM schemas. The provider's schemas lag behind
   * new API versions, and ARM validates the body anyway.
   * @default false
   */
  readonly schemaValidation?: boolean;
  /**
   * ARM resource IDs to lock while this resource is written.
   * @default - none
   */
  readonly locks?: string[];
}

/**
 * `azapi_resource`: a whole ARM resource whose lifecycle Terraform owns.
 *
 * A typed wrapper over cdktf's generic `TerraformResource`, covering the attributes this library uses.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/resource
 */
export class AzapiResource extends AzapiBase {
  public static readonly tfResourceType = 'azapi_resource';

  private readonly props: AzapiResourceProps;

  public constructor(scope: Construct, id: string, props: AzapiResourceProps) {
    super(scope, id, AzapiResource.tfResourceType, props);
    this.props = props;
  }

  /** The ARM resource ID, known after apply. */
  public get id(): string {
    return this.getStringAttribute('id');
  }

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.type,
      name: this.props.name,
      parent_id: this.props.parentId,
      body: this.body,
      schema_validation_enabled: this.props.schemaValidation ?? false,
      locks: this.props.locks,
    };
  }
}
