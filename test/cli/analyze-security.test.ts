import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main';

// Upstream Istio's documented mesh-wide STRICT policy and ingress allow rule, pasted unchanged.
const UPSTREAM = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-ingress
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"]
`;
const AKS = UPSTREAM.replace('namespace: istio-system', 'namespace: aks-istio-system')
  .replace('cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account', 'cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external');

async function analyzeText(text: string): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aim-sec-'));
  const path = join(dir, 'policies.yaml');
  writeFileSync(path, text);
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation(s => { out += String(s); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await run(['node', 'aks-istio-mesh', 'analyze', '--format', 'json', path]), out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('analyze on security policies copied from upstream Istio', () => {
  test('reports the wrong root namespace and the upstream gateway identity, and exits 1', async () => {
    // WHEN
    const { code, out } = await analyzeText(UPSTREAM);
    // THEN
    expect(code).toBe(1);
    const findings = (JSON.parse(out) as { findings: { code: string; object: { name: string }; istioCode?: string }[] }).findings;
    expect(findings.map(f => `${f.code} ${f.object.name}`)).toEqual(['AIM121 default', 'AIM120 allow-ingress']);
    expect(findings[1].istioCode).toBe('IST0101');
  });

  test('is clean once the AKS names are used', async () => {
    const { code, out } = await analyzeText(AKS);
    expect(code).toBe(0);
    expect((JSON.parse(out) as { findings: unknown[] }).findings).toEqual([]);
  });
});
