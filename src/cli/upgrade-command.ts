import { Command, Option } from 'commander';
import { RevisionUpgradeError } from '../mesh/revision-upgrade';
import { ControlPlaneTool, planUpgrade, UpgradePlan } from '../mesh/upgrade-plan';
import { loadProfile } from './analyze-command';
import { CliInputError } from './cli-error';
import { CommandIo, PROCESS_IO } from './command-io';
import { readManifests } from './read-manifests';

/** Where the command reads and writes; replaced in tests. */
export type UpgradeIo = CommandIo;

interface PlanFlags {
  readonly profile: string;
  readonly to: string;
  readonly dist?: string;
  readonly format: string;
  readonly via: string;
  readonly resourceGroup?: string;
  readonly name?: string;
  readonly waveSize: string;
}

function textPlan(plan: UpgradePlan): string {
  const lines = [`Canary upgrade ${plan.from} -> ${plan.to}`];
  for (const phase of plan.phases) {
    lines.push('', `${phase.name}${phase.name === 'rollback' ? ' (instead of complete, if verify fails)' : ''}:`);
    if (phase.steps.length === 0) lines.push('  (nothing to do)');
    phase.steps.forEach((step, i) => {
      lines.push(`  ${i + 1}. [${step.kind}] ${step.description}`);
      if (step.command !== undefined) lines.push(`     $ ${step.command}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `aks-istio-mesh upgrade plan --profile FILE --to asm-1-N [--dist DIR] [--format text|json]`: prints
 * the ordered canary upgrade plan. Exit 0 with a plan, 2 when the input is unusable or AKS would
 * refuse the target (the reason on one line).
 */
export function upgradeCommand(setExitCode: (code: number) => void, io: UpgradeIo = PROCESS_IO): Command {
  const upgrade = new Command('upgrade').description('plan minor-revision (canary) upgrades of the mesh');
  upgrade.command('plan')
    .description('print the ordered canary upgrade plan for a mesh profile (and its synthesized objects)')
    .requiredOption('--profile <file>', 'mesh profile JSON (examples/profile.json, or as written by the cdktf app)')
    .requiredOption('--to <revision>', 'target revision, asm-1-N (n+1 or n+2 of the stable one)')
    .option('--dist <dir>', 'synthesized YAML (a file or a folder; a folder is searched without node_modules and dot-folders) to read namespaces, shared MeshConfigs and Gateways from')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--via <tool>', 'how revisions are changed').choices([ControlPlaneTool.TERRAFORM, ControlPlaneTool.AZ]).default(ControlPlaneTool.TERRAFORM))
    .option('--resource-group <name>', 'resource group written into az commands', '$RESOURCE_GROUP')
    .option('--name <cluster>', 'cluster name written into az commands', '$CLUSTER')
    .option('--wave-size <n>', 'namespaces per migration wave after the first (which moves one alone)', '5')
    .action((flags: PlanFlags) => {
      const waveSize = Number(flags.waveSize);
      if (!/^\d+$/.test(flags.waveSize) || waveSize < 1) {
        throw new CliInputError(`upgrade plan: --wave-size must be a whole number of 1 or more, got ${JSON.stringify(flags.waveSize)}`);
      }
      const profile = loadProfile(flags.profile);
      const manifests = flags.dist !== undefined ? readManifests([flags.dist], io, { warn: message => io.stderr(`aks-istio-mesh upgrade plan: ${message}\n`) }).map(m => m.object) : undefined;
      let result;
      try {
        result = planUpgrade(profile, flags.to, {
          manifests,
          via: flags.via === ControlPlaneTool.AZ ? ControlPlaneTool.AZ : ControlPlaneTool.TERRAFORM,
          resourceGroup: flags.resourceGroup,
          clusterName: flags.name,
          waveSize,
        });
      } catch (e) {
        if (e instanceof RevisionUpgradeError) throw new CliInputError(`upgrade plan: ${e.message}`);
        throw e;
      }
      for (const w of [...profile.warnings, ...result.warnings]) io.stderr(`warning: ${w}\n`);
      io.stdout(flags.format === 'json' ? `${JSON.stringify(result.plan, null, 2)}\n` : textPlan(result.plan));
      setExitCode(0);
    });
  return upgrade;
}
