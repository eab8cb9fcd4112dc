import { analyze, Finding, MeshRule } from '../../src/analysis';
import { MeshProfile } from '../../src/mesh';

/** A plain manifest object. */
export function obj(apiVersion: string, kind: string, namespace: string | undefined, name: string, spec: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name, ...(namespace !== undefined ? { namespace } : {}), ...(more.metadata as object | undefined) }, spec, ...Object.fromEntries(Object.entries(more).filter(([k]) => k !== 'metadata')) };
}

export const ISTIO = 'networking.istio.io/v1';
export const GWAPI = 'gateway.networking.k8s.io/v1';

const GROUP_VERSION = /^(networking\.istio\.io|security\.istio\.io|telemetry\.istio\.io|gateway\.networking\.k8s\.io)\/v\w+$/;

/**
 * The older served versions of `apiVersion`/`kind`, as users still write them: Istio networking v1alpha3 and
 * v1beta1, Istio security and telemetry v1beta1 / v1alpha1, Gateway API v1beta1 (Gateway, GatewayClass,
 * HTTPRoute, ReferenceGrant) and v1alpha2 (GRPC, TLS, TCP, UDP routes).
 */
export function olderVersions(apiVersion: string, kind: string): string[] {
  switch (apiVersion) {
    case 'networking.istio.io/v1': return ['networking.istio.io/v1alpha3', 'networking.istio.io/v1beta1'];
    case 'security.istio.io/v1': return ['security.istio.io/v1beta1'];
    case 'telemetry.istio.io/v1': return ['telemetry.istio.io/v1alpha1'];
    case 'gateway.networking.k8s.io/v1':
      return ['Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant'].includes(kind) ? ['gateway.networking.k8s.io/v1beta1'] : ['gateway.networking.k8s.io/v1alpha2'];
    default: return [];
  }
}

/** Findings with the served version taken out, so the same finding on v1 and on v1beta1 compares equal. */
function versionless(findings: Finding[]): unknown[] {
  return findings.map(f => ({
    ...f,
    object: { ...f.object, apiVersion: f.object.apiVersion.replace(/\/v\w+$/, '') },
    message: f.message.replace(/(networking\.istio\.io|security\.istio\.io|telemetry\.istio\.io|gateway\.networking\.k8s\.io)\/v\w+/g, '$1'),
  }));
}

/**
 * Runs one rule over the objects, and checks that the same objects written in each older served version
 * (every object at its oldest, then every object at its next-oldest) give the same findings: every planted
 * case of every rule test is thereby also a v1alpha3/v1beta1 case.
 */
export function check(rule: MeshRule, objects: Record<string, unknown>[], profile?: MeshProfile): Finding[] {
  const run = (set: Record<string, unknown>[]) => analyze(set.map(object => ({ object, file: 'test.yaml' })), { rules: [rule], profile });
  const findings = run(objects);
  for (const pick of [0, 1]) {
    let rewritten = false;
    const variant = objects.map(o => {
      const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
      const older = GROUP_VERSION.test(apiVersion) ? olderVersions(apiVersion, String(o.kind)) : [];
      if (older.length === 0) return o;
      rewritten = true;
      return { ...o, apiVersion: older[Math.min(pick, older.length - 1)] };
    });
    if (rewritten) expect(versionless(run(variant))).toEqual(versionless(findings));
  }
  return findings;
}

export const profile = new MeshProfile({
  revisions: ['asm-1-30'],
  ingressGateways: { external: true },
  gatewayApi: true,
  gatewayNodePools: [{ name: 'gwpool' }],
  egressGateways: [{ name: 'egress', gatewayConfigurationName: 'egress-sgc', gatewayNodePoolName: 'gwpool', selector: { istio: 'egress' } }],
}, { now: new Date('2026-07-01T00:00:00Z') });

export const externalGateway = (name: string, namespace: string, servers: unknown[]) =>
  obj(ISTIO, 'Gateway', namespace, name, { selector: { istio: 'aks-istio-ingressgateway-external' }, servers });
