import { Command } from 'commander';
import { MeshProfile } from '../mesh/mesh-profile';
import { CliInputError } from './cli-error';
import { DEFAULT_MAX_BYTES, parseByteSize, readTextFile } from './read-manifests';

/**
 * `aks-istio-mesh profile check [--max-bytes N] FILE`: validates a mesh profile JSON (as written by the cdktf app).
 * Exit 0 for a valid profile, 1 for an invalid one, 2 when the file cannot be read or is not JSON.
 */
export function profileCommand(setExitCode: (code: number) => void): Command {
  const profile = new Command('profile').description('work with mesh profile JSON files');
  profile.command('check')
    .description('validate a mesh profile JSON file and print its warnings')
    .argument('<file>', 'profile JSON, for example cdktf.out/stacks/mesh/mesh-profile.json')
    .option('--max-bytes <size>', `largest file read, in bytes or with Ki/Mi/Gi (default ${DEFAULT_MAX_BYTES / 1024 / 1024}Mi)`)
    .action((file: string, opts: { maxBytes?: string }) => {
      let json: unknown;
      try {
        const text = readTextFile(file, opts.maxBytes !== undefined ? parseByteSize(opts.maxBytes) : DEFAULT_MAX_BYTES);
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new CliInputError(`${file}: not JSON: ${e instanceof Error ? e.message : String(e)}`);
        }
      } catch (e) {
        if (!(e instanceof CliInputError)) throw e;
        process.stderr.write(`aks-istio-mesh profile check: ${e.message}\n`);
        setExitCode(2);
        return;
      }
      try {
        const p = MeshProfile.fromJson(json);
        for (const w of p.warnings) process.stdout.write(`warning: ${w}\n`);
        process.stdout.write(`${file}: valid mesh profile (revisions ${p.revisions.join(', ')})\n`);
        setExitCode(0);
      } catch (e) {
        process.stderr.write(`${file}: ${(e as Error).message}\n`);
        setExitCode(1);
      }
    });
  return profile;
}
