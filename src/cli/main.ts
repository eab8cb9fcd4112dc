import { Command, CommanderError } from 'commander';
import { analyzeCommand, EXIT_CODES_HELP } from './analyze-command';
import { CliInputError } from './cli-error';
import { graphCommand } from './graph-command';
import { profileCommand } from './profile-command';
import { upgradeCommand } from './upgrade-command';

/** How to report a bug, printed after an internal error. */
const REPORT = 'this is a bug in aks-istio-mesh: please report it with the command line, the input if you can share it, and the output of the same command with --debug';

/**
 * Runs the CLI; resolves to the process exit code: 0 ok, 1 findings, 2 unusable input, 3 internal error.
 * Never rejects: an unexpected error becomes one line on stderr (the stack too with `--debug`) and exit code 3.
 */
export async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number) => { exitCode = Math.max(exitCode, code); };
  const program = new Command('aks-istio-mesh')
    .description('AKS Istio add-on mesh tooling')
    .option('--debug', 'print the stack trace of an internal error')
    .exitOverride()
    .addHelpText('after', EXIT_CODES_HELP)
    .addCommand(profileCommand(setExitCode))
    .addCommand(analyzeCommand(setExitCode))
    .addCommand(upgradeCommand(setExitCode))
    .addCommand(graphCommand(setExitCode));
  // Commands built on their own do not inherit exitOverride: without it, `analyze --help` or a bad flag would
  // call process.exit from inside the library instead of returning an exit code.
  const overrideExit = (c: Command): void => { c.exitOverride(); c.commands.forEach(overrideExit); };
  overrideExit(program);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliInputError) {
      process.stderr.write(`aks-istio-mesh: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`aks-istio-mesh: internal error: ${message.split('\n')[0]}; ${REPORT}\n`);
    // Commander parses --debug before running the action that failed; argv is the fallback when parsing failed.
    if (program.opts().debug === true || argv.includes('--debug')) {
      process.stderr.write(`${e instanceof Error && e.stack !== undefined ? e.stack : String(e)}\n`);
    }
    return 3;
  }
  return exitCode;
}
