import { Command, Option } from 'commander';
import { ALL_RULES } from '../analysis/all-rules';
import { analyze, errorsOf } from '../analysis/analyze';
import { Finding, Manifest, Severity } from '../analysis/finding';
import { MeshProfile } from '../mesh/mesh-profile';
import { CliInputError } from './cli-error';
import { countDocuments } from './document-counts';
import { CommandIo, PROCESS_IO } from './command-io';
import { packageVersion } from './private/package-version';
import { DEFAULT_MAX_BYTES, DEFAULT_NAMESPACE, parseByteSize, readManifests, readTextFile } from './read-manifests';
import { toSarif } from './sarif';

/**
 * Reads a mesh profile JSON file (as the cdktf app writes it) with the reader's file checks; a file that is not
 * one is unusable input.
 */
export function loadProfile(file: string, maxBytes: number = DEFAULT_MAX_BYTES): MeshProfile {
  const text = readTextFile(file, maxBytes);
  try {
    return MeshProfile.fromJson(JSON.parse(text));
  } catch (e) {
    throw new CliInputError(`${file}: not a usable mesh profile: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `AIM102` or, with an upstream counterpart, `AIM102 (IST0101)`. */
function codeOf(f: Finding): string {
  return f.istioCode !== undefined ? `${f.code} (${f.istioCode})` : f.code;
}

function textLine(f: Finding): string {
  const where = f.file !== undefined ? `${f.file}${f.line !== undefined ? `:${f.line}` : ''}: ` : '';
  return `${where}${f.severity} ${codeOf(f)} ${f.message} (fix: ${f.fix})`;
}

function jsonFinding(f: Finding): Record<string, unknown> {
  return {
    code: f.code,
    ...(f.istioCode !== undefined ? { istioCode: f.istioCode } : {}),
    severity: f.severity,
    message: `${f.message} (fix: ${f.fix})`,
    object: { apiVersion: f.object.apiVersion, kind: f.object.kind, namespace: f.object.namespace ?? null, name: f.object.name },
    file: f.file ?? null,
    line: f.line ?? null,
    ...(f.docs !== undefined ? { docs: f.docs } : {}),
  };
}

/** What the `<paths...>` of `analyze` and `graph` accept, for `--help`. */
export const PATHS_HELP = 'YAML files or folders, or - for stdin; folders are searched without node_modules and dot-folders (.git, .github, ...), which are read when given as a path';

/** The exit codes every command uses, for `--help`. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  no errors (no findings at the --strict level)
  1  findings: errors, or warnings with --strict (profile check: an invalid profile)
  2  unusable input: a path that cannot be read, a file over --max-bytes, binary or invalid UTF-8,
     YAML that does not parse, an alias bomb, nesting too deep, a bad flag
  3  internal error (a bug: rerun with --debug and report the stack trace)`;

/** Where the command reads and writes; replaced in tests. */
export type AnalyzeIo = CommandIo;

/**
 * `aks-istio-mesh analyze [--profile FILE] [--format text|json|sarif] [--strict] [--namespace NS] [--max-bytes N] PATH...`:
 * runs the mesh analysis rules over YAML files. Exit 0 without errors, 1 with errors (or warnings under --strict),
 * 2 when the input is unusable.
 */
export function analyzeCommand(setExitCode: (code: number) => void, io: AnalyzeIo = PROCESS_IO): Command {
  return new Command('analyze')
    .description('check Kubernetes YAML (files, folders, - for stdin) against the AKS Istio mesh rules')
    .argument('<paths...>', PATHS_HELP)
    .option('--profile <file>', 'mesh profile JSON (as written by the cdktf app); without it the AKS defaults are assumed')
    .addOption(new Option('--format <format>', 'output format (sarif: SARIF 2.1.0 for GitHub code scanning)').choices(['text', 'json', 'sarif']).default('text'))
    .option('--strict', 'exit 1 on warnings too', false)
    .option('-n, --namespace <namespace>', 'namespace of objects that set none (as kubectl -n)', DEFAULT_NAMESPACE)
    .option('--max-bytes <size>', `largest file (or stdin) read, in bytes or with Ki/Mi/Gi (default ${DEFAULT_MAX_BYTES / 1024 / 1024}Mi)`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action((paths: string[], opts: { profile?: string; format: string; strict: boolean; namespace: string; maxBytes?: string }) => {
      let manifests: Manifest[];
      let profile: MeshProfile | undefined;
      try {
        const maxBytes = opts.maxBytes !== undefined ? parseByteSize(opts.maxBytes) : DEFAULT_MAX_BYTES;
        if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(opts.namespace)) {
          throw new CliInputError(`--namespace: "${opts.namespace}" is not a namespace name; use a DNS-1123 label (lower-case letters, digits and -, at most 63 characters)`);
        }
        profile = opts.profile !== undefined ? loadProfile(opts.profile, maxBytes) : undefined;
        manifests = readManifests(paths, io, { namespace: opts.namespace, maxBytes, warn: message => io.stderr(`aks-istio-mesh analyze: ${message}\n`) });
      } catch (e) {
        if (!(e instanceof CliInputError)) throw e;
        io.stderr(`aks-istio-mesh analyze: ${e.message}\n`);
        setExitCode(2);
        return;
      }
      const findings = analyze(manifests, { profile });
      if (opts.format === 'json') {
        io.stdout(`${JSON.stringify({ findings: findings.map(jsonFinding) }, null, 2)}\n`);
      } else if (opts.format === 'sarif') {
        io.stdout(`${JSON.stringify(toSarif(findings, ALL_RULES, { name: 'aks-istio-mesh', version: packageVersion() }), null, 2)}\n`);
      } else {
        for (const f of findings) io.stdout(`${textLine(f)}\n`);
        const errors = errorsOf(findings).length;
        const { objects, ignored } = countDocuments(manifests);
        io.stdout(`${objects} objects${ignored !== undefined ? `, ${ignored}` : ''}, ${errors} error(s), ${findings.length - errors} warning(s)\n`);
      }
      const failing = findings.filter(f => f.severity === Severity.ERROR || opts.strict);
      setExitCode(failing.length > 0 ? 1 : 0);
    });
}
