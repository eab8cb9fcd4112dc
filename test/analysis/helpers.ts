import { analyze, Finding, MeshRule } from '../../src/analysis';
import { MeshProfile } from '../../src/mesh';

/** A plain manifest object. */
export function obj(apiVersion: string, kind: string, namespace: string | undefined, name: string, spec: Record<string, unknown> = {}, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name, ...(namespace !== undefined ? { namespace } : {}), ...(more.metadata as object | undefined) }, spec, ...Object.fromEntries(Object.entries(more).filter(([k]) => k !== 'metadata')) };
}

export const ISTIO = 'networking.istio.io/v1';
export const GWAPI = 'gateway.networking.k8s.io/v1';

/** Runs one rule over the objects. */
export function check(rule: MeshRule, objects: Record<string, unknown>[], profile?: MeshProfile): Finding[] {
  return analyze(objects.map(object => ({ object, file: 'test.yaml' })), { rules: [rule], profile });
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
