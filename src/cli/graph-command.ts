import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Command, Option } from 'commander';
import { analyze, errorsOf } from '../analysis/analyze';
import { Manifest } from '../analysis/finding';
import { buildTopology } from '../graph/build-topology';
import { renderDot } from '../graph/render-dot';
import { renderMermaid } from '../graph/render-mermaid';
import { renderSvg } from '../graph/render-svg';
import { Topology } from '../graph/topology';
import { MeshProfile } from '../mesh/mesh-profile';
import { EXIT_CODES_HELP, loadProfile, PATHS_HELP } from './analyze-command';
import { CliInputError } from './cli-error';
import { countDocuments } from './document-counts';
import { CommandIo, PROCESS_IO } from './command-io';
import { DEFAULT_MAX_BYTES, DEFAULT_NAMESPACE, parseByteSize, readManifests } from './read-manifests';

const FORMATS = ['mermaid', 'dot', 'svg'] as const;
type GraphFormat = typeof FORMATS[number];

/** The format `--out FILE` implies when `--format` is not given. */
const FORMAT_OF_EXTENSION: Record<string, GraphFormat> = { '.svg': 'svg', '.dot': 'dot', '.gv': 'dot', '.mmd': 'mermaid', '.mermaid': 'mermaid' };

/** Where the command reads and writes; replaced in tests. */
export interface GraphIo extends CommandIo {
  readonly writeFile: (path: string, text: string) => void;
}

const processIo: GraphIo = {
  ...PROCESS_IO,
  writeFile: (path, text) => writeFileSync(path, text),
};

/** Renders `topology` in `format`. */
export async function renderTopology(topology: Topology, format: GraphFormat): Promise<string> {
  switch (format) {
    case 'dot': return renderDot(topology);
    case 'svg': return renderSvg(topology);
    case 'mermaid': return renderMermaid(topology);
  }
}

/**
 * `aks-istio-mesh graph [--format mermaid|dot|svg] [--out FILE] [--profile FILE] [--namespace NS] [--max-bytes N] PATH...`: draws the
 * mesh's topology (entry points, hosts, routes, backends, egress) from YAML files, folders or stdin,
 * with the analysis findings marked on the nodes. The picture is always written; exit 0, or 1 when it
 * marks errors (as `analyze`), 2 when the input is unusable.
 */
export function graphCommand(setExitCode: (code: number) => void, io: GraphIo = processIo): Command {
  return new Command('graph')
    .description('draw the mesh topology (gateways, hosts, routes, backends, egress) of Kubernetes YAML as Mermaid, DOT or SVG')
    .argument('<paths...>', PATHS_HELP)
    .addOption(new Option('--format <format>', 'output format (default: from the --out extension .svg/.dot/.gv/.mmd, else mermaid)').choices(FORMATS))
    .option('--out <file>', 'write the picture to this file instead of stdout')
    .option('--profile <file>', 'mesh profile JSON (as written by the cdktf app): enabled gateways, egress gateways and their selectors')
    .option('--no-findings', 'leave the analysis findings off the picture')
    .option('-n, --namespace <namespace>', 'namespace of objects that set none (as kubectl -n)', DEFAULT_NAMESPACE)
    .option('--max-bytes <size>', `largest file (or stdin) read, in bytes or with Ki/Mi/Gi (default ${DEFAULT_MAX_BYTES / 1024 / 1024}Mi)`)
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], opts: { format?: GraphFormat; out?: string; profile?: string; findings: boolean; namespace: string; maxBytes?: string }) => {
      const maxBytes = opts.maxBytes !== undefined ? parseByteSize(opts.maxBytes) : DEFAULT_MAX_BYTES;
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(opts.namespace)) {
        throw new CliInputError(`--namespace: "${opts.namespace}" is not a namespace name; use a DNS-1123 label (lower-case letters, digits and -, at most 63 characters)`);
      }
      const profile: MeshProfile | undefined = opts.profile !== undefined ? loadProfile(opts.profile, maxBytes) : undefined;
      const manifests: Manifest[] = readManifests(paths, io, { namespace: opts.namespace, maxBytes, warn: message => io.stderr(`aks-istio-mesh graph: ${message}\n`) });
      const format: GraphFormat = opts.format
        ?? (opts.out !== undefined ? FORMAT_OF_EXTENSION[extname(opts.out).toLowerCase()] : undefined) ?? 'mermaid';
      const findings = opts.findings ? analyze(manifests, { profile }) : [];
      const topology = buildTopology(manifests, { profile, findings });
      const text = await renderTopology(topology, format);
      if (opts.out !== undefined) {
        try {
          io.writeFile(opts.out, text);
        } catch (e) {
          throw new CliInputError(`--out ${opts.out}: cannot write: ${(e as Error).message}`);
        }
      } else {
        io.stdout(text);
      }
      const errors = errorsOf(findings).length;
      const warnings = findings.length - errors;
      const { objects, ignored } = countDocuments(manifests);
      io.stderr(`graph: ${topology.nodes.length} nodes, ${topology.edges.length} edges from ${objects} objects${ignored !== undefined ? ` (${ignored})` : ''}`
        + `${opts.findings ? `; ${errors} error(s), ${warnings} warning(s) marked` : ''}`
        + `${opts.out !== undefined ? `; wrote ${format} to ${opts.out}` : ''}\n`);
      // Like analyze: the picture is written either way, but a mesh with errors exits 1 so CI notices.
      setExitCode(errors > 0 ? 1 : 0);
    });
}
