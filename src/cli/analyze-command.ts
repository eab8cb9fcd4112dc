import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { analyze, errorsOf } from '../analysis/analyze';
import { Finding, Manifest, Severity } from '../analysis/finding';
import { MeshProfile } from '../mesh/mesh-profile';
import { CliInputError } from './cli-error';
import { readManifests } from './read-manifests';

/** Reads a mesh profile JSON file (as the cdktf app writes it); a file that is not one is unusable input. */
export function loadProfile(file: string): MeshProfile {
  try {
    return MeshProfile.fromJson(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    throw new CliInputError(`${file}: not a usable mesh profile: ${(e as Error).message}`);
  }
}

function textLine(f: Finding): string {
  const where = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: ` : '';
  return `${where}${f.severity} ${f.code} ${f.message} (fix: ${f.fix})`;
}

function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    code: f.code,
    severity: f.severity,
    message: `${f.message} (fix: ${f.fix})`,
    object: { apiVersion: f.object.apiVersion, kind: f.object.kind, namespace: f.object.namespace ?? null, name: f.object.name },
    file: f.file ?? null,
  };
}

/** Where the command writes; replaced in tests. */
export interface AnalyzeIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
}

const processIo: AnalyzeIo = {
  stdout: text => { process.stdout.write(text); },
  stderr: text => { process.stderr.write(text); },
  readStdin: () => readFileSync(0, 'utf8'),
};

/**
 * `aks-istio-mesh analyze [--profile FILE] [--format text|json] [--strict] PATH...`: runs the mesh
 * analysis rules over YAML files. Exit 0 without errors, 1 with errors (or warnings under --strict),
 * 2 when the input is unusable.
 */
export function analyzeCommand(setExitCode: (code: number) => void, io: AnalyzeIo = processIo): Command {
  return new Command('analyze')
    .description('check Kubernetes YAML (files, folders, - for stdin) against the AKS Istio mesh rules')
    .argument('<paths...>', 'YAML files or folders, or - for stdin')
    .option('--profile <file>', 'mesh profile JSON (as written by the cdktf app); without it the AKS defaults are assumed')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--strict', 'exit 1 on warnings too', false)
    .action((paths: string[], opts: { profile?: string; format: string; strict: boolean }) => {
      let manifests: Manifest[];
      let profile: MeshProfile | undefined;
      try {
        profile = opts.profile !== undefined ? loadProfile(opts.profile) : undefined;
        manifests = readManifests(paths, io);
      } catch (e) {
        if (!(e instanceof CliInputError)) throw e;
        io.stderr(`aks-istio-mesh analyze: ${e.message}\n`);
        setExitCode(2);
        return;
      }
      const findings = analyze(manifests, { profile });
      if (opts.format === 'json') {
        io.stdout(`${JSON.stringify({ findings: findings.map(jsonFinding) }, null, 2)}\n`);
      } else {
        for (const f of findings) io.stdout(`${textLine(f)}\n`);
        const errors = errorsOf(findings).length;
        // Folders may hold other JSON/YAML (cdk8s's construct-metadata.json): count Kubernetes objects only, and say so.
        const objects = manifests.filter(m => typeof m.object.apiVersion === 'string' && typeof m.object.kind === 'string').length;
        const others = manifests.length - objects;
        const ignored = others > 0 ? `, ${others} document(s) without apiVersion/kind ignored` : '';
        io.stdout(`${objects} objects${ignored}, ${errors} error(s), ${findings.length - errors} warning(s)\n`);
      }
      const failing = findings.filter(f => f.severity === Severity.ERROR || opts.strict);
      setExitCode(failing.length > 0 ? 1 : 0);
    });
}
