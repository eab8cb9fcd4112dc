import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './analyze-command';
import { CliInputError } from './cli-error';
import { graphCommand } from './graph-command';
import { profileCommand } from './profile-command';

/** Runs the CLI; resolves to the process exit code. */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number) => { exitCode = Math.max(exitCode, code); };
  const program = new Command('aks-istio-mesh')
    .description('AKS Istio add-on mesh tooling')
    .exitOverride()
    .addCommand(profileCommand(setExitCode))
    .addCommand(analyzeCommand(setExitCode))
    .addCommand(graphCommand(setExitCode));
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliInputError) {
      process.stderr.write(`aks-istio-mesh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return exitCode;
}
