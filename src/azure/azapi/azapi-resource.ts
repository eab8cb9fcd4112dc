import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { AzapiProvider } from './azapi-provider';

/** Options for an `azapi_resource`. */
export interface AzapiResourceProps {
  /** ARM resource type without the version, e.g. `Microsoft.ContainerService/managedClusters/agentPools`. */
  readonly resourceType: string;
  /** ARM API version that carries every field of `body`. */
  readonly apiVersion: string;
  /** Resource name. */
  readonly name: string;
  /** ID of the parent resource (for a child resource) or of the resource group. */
  readonly parentId: string;
  /** The ARM request body. */
  readonly body: Record<string, unknown>;
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
  /**
   * Resources this one waits for.
   * @default - none beyond the references in its attributes
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * The azapi provider to use.
   * @default - the stack's default azapi provider (`AzapiProvider.of`)
   */
  readonly provider?: AzapiProvider;
}

/**
 * `azapi_resource`: a whole ARM resource whose lifecycle Terraform owns.
 *
 * A typed wrapper over cdktf's generic `TerraformResource`, covering the attributes this library uses.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/resource
 */
export class AzapiResource extends TerraformResource {
  public static readonly tfResourceType = 'azapi_resource';

  /** The ARM body this resource writes. */
  public readonly body: Record<string, unknown>;
  private readonly props: AzapiResourceProps;

  public constructor(scope: Construct, id: string, props: AzapiResourceProps) {
    super(scope, id, {
      terraformResourceType: AzapiResource.tfResourceType,
      terraformGeneratorMetadata: { providerName: 'azapi' },
      provider: props.provider ?? AzapiProvider.of(scope),
      dependsOn: props.dependsOn,
    });
    this.props = props;
    this.body = props.body;
  }

  /** `<resourceType>@<apiVersion>` as azapi expects it. */
  public get type(): string {
    return `${this.props.resourceType}@${this.props.apiVersion}`;
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
