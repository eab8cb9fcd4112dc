import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { MeshProfile } from '../mesh/mesh-profile';

/** `aks-istio-mesh profile check FILE`: validates a mesh profile JSON (as written by the cdktf app). */
export function profileCommand(setExitCode: (code: number) => void): Command {
  const profile = new Command('profile').description('work with mesh profile JSON files');
  profile.command('check')
    .description('validate a mesh profile JSON file and print its warnings')
    .argument('<file>', 'profile JSON, for example cdktf.out/stacks/mesh/mesh-profile.json')
    .action((file: string) => {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        process.stderr.write(`${file}: ${(e as Error).message}\n`);
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
