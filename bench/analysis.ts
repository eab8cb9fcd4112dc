// `npx tsx bench/analysis.ts [N]`: times the analysis of N synthetic objects (default 10,000) to show it
// scales linearly; kept out of jest so `npm test` stays fast and timing-independent. `bench/synth.ts`
// reuses `timeAnalysis` for the analysis of a whole mesh.
import { analyze, AnalyzeOptions, Finding, Manifest } from '../src/analysis';

/** Runs `analyze` once and returns its findings and wall time in milliseconds. */
export function timeAnalysis(manifests: readonly Manifest[], options: AnalyzeOptions = {}): { ms: number; findings: Finding[] } {
  const start = process.hrtime.bigint();
  const findings = analyze(manifests, options);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, findings };
}

/** N synthetic objects covering the rules' cross-object lookups (gateways, routes, secrets, namespaces). */
export function syntheticManifests(n: number): Manifest[] {
  const manifests: Manifest[] = [];
  for (let i = 0; manifests.length < n; i++) {
    const ns = `team-${i % 50}`;
    const objects: Record<string, unknown>[] = [
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: `gw-${i}`, namespace: ns }, spec: { selector: { istio: 'aks-istio-ingressgateway-external' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: [`app-${i}.example.com`], tls: { mode: 'SIMPLE', credentialName: `tls-${i}` } }] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: `vs-${i}`, namespace: ns }, spec: { hosts: [`app-${i}.example.com`], gateways: [`gw-${i}`], http: [{ route: [{ destination: { host: `svc-${i}`, subset: 'v1' } }] }] } },
      { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: `dr-${i}`, namespace: ns }, spec: { host: `svc-${i}`, subsets: [{ name: 'v1' }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: `ggw-${i}`, namespace: ns }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: `r-${i}.example.com` }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: `route-${i}`, namespace: ns }, spec: { parentRefs: [{ name: `ggw-${i}`, sectionName: 'http' }], rules: [{ backendRefs: [{ name: `svc-${i}`, port: 80 }] }] } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: `tls-${i}`, namespace: 'aks-istio-ingress' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, namespace: ns }, spec: {} },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns-${i}`, labels: { 'istio.io/rev': 'asm-1-30' } } },
    ];
    for (const object of objects) manifests.push({ object });
  }
  return manifests.slice(0, n);
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? 10000);
  const { ms, findings } = timeAnalysis(syntheticManifests(n));
  process.stdout.write(`${n} objects analysed in ${ms.toFixed(0)} ms, ${findings.length} findings\n`);
}
