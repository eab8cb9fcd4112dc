import { Construct } from 'constructs';
import { ITerraformDependable, TerraformResource } from 'cdktf';
import { AzapiProvider } from '../azapi-provider';

/** What every azapi resource this library writes takes. */
export interface AzapiBaseProps {
  /** ARM resource type without the version, e.g. `Microsoft.ContainerService/managedClusters`. */
  readonly resourceType: string;
  /** ARM API version that carries every field of `body`. */
  readonly apiVersion: string;
  /** The ARM request body. */
  readonly body: Record<string, unknown>;
  /**
   * ARM resource IDs to lock while this resource is written.
   * @default - see the resource
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

/** The shared part of the azapi wrappers: provider wiring, the body and the `type@version` string. */
export abstract class AzapiBase extends TerraformResource {
  /** The ARM body this resource writes. */
  public readonly body: Record<string, unknown>;
  private readonly base: AzapiBaseProps;

  protected constructor(scope: Construct, id: string, terraformResourceType: string, props: AzapiBaseProps) {
    super(scope, id, {
      terraformResourceType,
      terraformGeneratorMetadata: { providerName: 'azapi' },
      provider: props.provider ?? AzapiProvider.of(scope),
      dependsOn: props.dependsOn,
    });
    this.base = props;
    this.body = props.body;
  }

  /** `<resourceType>@<apiVersion>` as azapi expects it. */
  public get type(): string {
    return `${this.base.resourceType}@${this.base.apiVersion}`;
  }
}
