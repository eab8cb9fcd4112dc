import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { AzapiProvider } from './azapi-provider';

/** Options for an `azapi_update_resource`. */
export interface AzapiUpdateResourceProps {
  /** ARM resource type without the version, e.g. `Microsoft.ContainerService/managedClusters`. */
  readonly resourceType: string;
  /** ARM API version that carries every field of `body`. */
  readonly apiVersion: string;
  /** ID of the existing resource to update. */
  readonly resourceId: string;
  /** The properties to merge into the resource; fields not named here are left as they are. */
  readonly body: Record<string, unknown>;
  /**
   * ARM resource IDs to lock while this update runs, so two azapi writes to one cluster never overlap.
   * @default - the updated resource itself
   */
  readonly locks?: string[];
  /**
   * Resources this update waits for.
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
 * `azapi_update_resource`: merges a partial ARM body into an existing resource.
 *
 * A typed wrapper over cdktf's generic `TerraformResource`, covering the attributes this library
 * uses. Deleting it changes nothing in Azure: the properties stay as last written.
 *
 * @see https://registry.terraform.io/providers/Azure/azapi/latest/docs/resources/update_resource
 */
export class AzapiUpdateResource extends TerraformResource {
  public static readonly tfResourceType = 'azapi_update_resource';

  /** The ARM body this resource writes. */
  public readonly body: Record<string, unknown>;
  private readonly props: AzapiUpdateResourceProps;

  public constructor(scope: Construct, id: string, props: AzapiUpdateResourceProps) {
    super(scope, id, {
      terraformResourceType: AzapiUpdateResource.tfResourceType,
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

  protected override synthesizeAttributes(): { [name: string]: unknown } {
    return {
      type: this.type,
      resource_id: this.props.resourceId,
      body: this.body,
      locks: this.props.locks ?? [this.props.resourceId],
    };
  }
}
