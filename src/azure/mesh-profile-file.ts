import * as fs from 'fs';
import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { ISynthesisSession, TerraformStack } from 'cdktf';
// Not exported from the root; TerraformAsset writes its files through the same hook.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { MeshProfile } from '../mesh';
import { fail, show } from './private/validation';

/** Options for {@link MeshProfileFile}. */
export interface MeshProfileFileProps {
  /** The profile to write. */
  readonly profile: MeshProfile;
  /**
   * File name, written next to the stack's `cdk.tf.json`.
   * @default 'mesh-profile.json'
   */
  readonly fileName?: string;
}

const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/;
const claimedNames = new WeakMap<IConstruct, Set<string>>();

/**
 * Writes the mesh profile as JSON next to the synthesized stack (`cdktf.out/stacks/<stack>/mesh-profile.json`),
 * so a Kubernetes repository elsewhere can load the very same profile with `MeshProfile.fromJson`.
 *
 * @see https://developer.hashicorp.com/terraform/cdktf/concepts/stacks
 */
export class MeshProfileFile extends Construct {
  /** The file name inside the stack's output directory. */
  public readonly fileName: string;
  private readonly json: string;

  public constructor(scope: Construct, id: string, props: MeshProfileFileProps) {
    super(scope, id);
    const fileName = props.fileName ?? 'mesh-profile.json';
    if (!FILE_NAME_PATTERN.test(fileName)) {
      fail(this, `fileName ${show(fileName)} must be a plain file name ending in .json (for example 'mesh-profile.json')`);
    }
    const stack = TerraformStack.of(this);
    const claimed = claimedNames.get(stack) ?? new Set<string>();
    if (claimed.has(fileName)) {
      fail(this, `another MeshProfileFile in stack '${stack.node.id}' already writes '${fileName}'; give this one another fileName`);
    }
    claimed.add(fileName);
    claimedNames.set(stack, claimed);
    this.fileName = fileName;
    this.json = `${JSON.stringify(props.profile.toJson(), null, 2)}\n`;
    addCustomSynthesis(this, { onSynthesize: session => this.write(session, stack) });
  }

  private write(session: ISynthesisSession, stack: TerraformStack): void {
    const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, this.fileName), this.json);
  }
}
