// `npm run bench`: times the library's synth (analysis on) of meshes of 100, 1,000 and 5,000 services
// against serializing the same objects straight to YAML with the `yaml` package, in the same process,
// in alternating runs; prints the medians and ends with the four `bench ...` lines of issue 6.
// A script rather than a jest test so that `npm test` stays fast and timing-independent.
import { ApiObject, App } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as YAML from 'yaml';
import { timeAnalysis } from './analysis';
import { exampleProfile } from '../examples/profile';
import { Manifest } from '../src/analysis';
import {
  AllowedRoutes, DestinationRule, EgressRoute, IngressExposure, IngressVia, ListenerProtocol, ManagedIngressGateway,
  MeshApp, MeshChart, MeshNamespace, PathMatch, ServiceBackend,
} from '../src/k8s';
import { IngressGatewayType } from '../src/mesh';

/** Services per chart: a platform team's mesh is usually split into one chart per team or app group. */
const SERVICES_PER_CHART = 100;
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** One mesh of `n` services, built through the public API only. */
function buildMesh(n: number): MeshApp {
  const app = new MeshApp({ outdir: 'dist-bench' });
  const platform = new MeshChart(app, 'platform', { profile: exampleProfile });
  const gateway = new ManagedIngressGateway(platform, 'Gateway', {
    type: IngressGatewayType.EXTERNAL,
    name: 'apps',
    listeners: [{
      name: 'http', hostname: '*.apps.example.com', port: 80, protocol: ListenerProtocol.HTTP,
      allowedRoutes: AllowedRoutes.fromAllNamespaces(),
    }],
  });
  let chart: MeshChart = platform;
  for (let i = 0; i < n; i++) {
    if (i % SERVICES_PER_CHART === 0) chart = new MeshChart(app, `team-${i / SERVICES_PER_CHART}`, { profile: exampleProfile });
    const name = `svc-${i}`;
    const backends = [ServiceBackend.of(name, 8080)];
    new MeshNamespace(chart, `${name}-ns`, { name });
    new IngressExposure(chart, `${name}-istio`, {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: `${name}-gateway` }),
      name,
      namespace: name,
      hosts: [`${name}.example.com`],
      rules: [{ matches: [PathMatch.prefix('/')], backends }],
    });
    new IngressExposure(chart, `${name}-gwapi`, {
      via: IngressVia.gatewayApi(gateway),
      name: `${name}-route`,
      namespace: name,
      hosts: [`${name}.apps.example.com`],
      rules: [{ matches: [PathMatch.prefix('/')], backends }],
    });
    new DestinationRule(chart, `${name}-dr`, {
      metadata: { name, namespace: name },
      host: `${name}.${name}.svc.cluster.local`,
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    if (i % 10 === 0) {
      EgressRoute.http(chart, `${name}-egress`, {
        host: `api-${i}.partner.example.com`,
        egressGateway: 'asm-egress-test',
        namespace: name,
        name: `partner-${i}`,
      });
    }
  }
  return app;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Build + synth with analysis, as `cdk8s synth` does it (minus the file writes). */
function librarySynth(n: number): { ms: number; yaml: string; app: MeshApp } {
  const start = process.hrtime.bigint();
  const app = buildMesh(n);
  const yaml = app.synthYaml();
  return { ms: ms(start), yaml, app };
}

/** The baseline: the same objects, straight to YAML with the options cdk8s uses. */
function rawSerialize(docs: unknown[]): number {
  const start = process.hrtime.bigint();
  docs.map(d => YAML.stringify(d, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
  return ms(start);
}

/** The rendered objects of an app, as the synth-time analysis sees them. */
function manifestsOf(app: App): Manifest[] {
  return app.node.findAll()
    .filter((c: IConstruct): c is ApiObject => ApiObject.isApiObject(c))
    .map(c => ({ object: c.toJson() as Record<string, unknown>, constructPath: c.node.path }));
}

const lib = new Map<number, number[]>(SIZES.map(n => [n, []]));
const raw = new Map<number, number[]>(SIZES.map(n => [n, []]));
const docsOf = new Map<number, unknown[]>();
const analysis: number[] = [];
for (let run = 0; run < RUNS; run++) {
  for (const n of SIZES) {
    // Alternate which side goes first so neither always runs on a warmer or fuller heap.
    const order = run % 2 === 0 ? ['lib', 'raw'] : ['raw', 'lib'];
    for (const side of order) {
      gc();
      if (side === 'lib' || !docsOf.has(n)) {
        const synth = librarySynth(n);
        if (side === 'lib') lib.get(n)!.push(synth.ms);
        if (!docsOf.has(n)) {
          // The baseline serializes exactly the objects the library wrote.
          docsOf.set(n, YAML.parseAllDocuments(synth.yaml).map(d => d.toJSON() as unknown));
        }
        if (side === 'lib' && n === SIZES[SIZES.length - 1]) {
          const profile = (synth.app.charts.find(c => MeshChart.isMeshChart(c)) as MeshChart).profile;
          analysis.push(timeAnalysis(manifestsOf(synth.app), { profile }).ms);
        }
      }
      if (side === 'raw') {
        gc();
        raw.get(n)!.push(rawSerialize(docsOf.get(n)!));
      }
    }
  }
}
const peakRssMib = process.resourceUsage().maxRSS / 1024;

for (const n of SIZES) {
  process.stdout.write(`services=${n} objects=${docsOf.get(n)!.length} charts=${Math.ceil(n / SERVICES_PER_CHART) + 1} `
    + `library(build+synth+analysis)=${median(lib.get(n)!).toFixed(0)}ms raw-yaml=${median(raw.get(n)!).toFixed(0)}ms `
    + `(median of ${RUNS}; runs ${lib.get(n)!.map(v => v.toFixed(0)).join('/')} vs ${raw.get(n)!.map(v => v.toFixed(0)).join('/')})\n`);
}
const has = (n: number): boolean => lib.get(n) !== undefined && lib.get(n)!.length > 0;
if (has(1000)) process.stdout.write(`bench synth-over-raw@1000 ${(median(lib.get(1000)!) / median(raw.get(1000)!)).toFixed(2)}\n`);
if (has(1000) && has(5000)) process.stdout.write(`bench scaling-5000-over-1000 ${(median(lib.get(5000)!) / median(lib.get(1000)!)).toFixed(2)}\n`);
if (analysis.length > 0) process.stdout.write(`bench analysis-ms@${SIZES[SIZES.length - 1]} ${median(analysis).toFixed(0)}\n`);
process.stdout.write(`bench peak-rss-mib@${SIZES[SIZES.length - 1]} ${peakRssMib.toFixed(0)}\n`);
