import { Testing } from 'cdk8s';
import { MeshChart } from '../../src/k8s/mesh-chart';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { MeshProfileProps } from '../../src/mesh/mesh-profile-props';

/** A fixed "now" so end-of-life warnings do not change with the calendar. */
export const TEST_NOW = new Date('2026-11-21T00:00:00Z');

/** The profile most tests use: asm-1-30, both ingress gateways, Gateway API, one egress gateway. */
export function testProfile(overrides: Partial<MeshProfileProps> = {}): MeshProfile {
  return new MeshProfile({
    revisions: ['asm-1-30'],
    ingressGateways: { external: true, internal: true },
    gatewayApi: true,
    gatewayNodePools: [{ name: 'gwpool' }],
    egressGateways: [{
      name: 'asm-egress-test',
      gatewayConfigurationName: 'asm-egress-test-sgc',
      gatewayNodePoolName: 'gwpool',
      selector: { istio: 'asm-egress-test' },
    }],
    ...overrides,
  }, { now: TEST_NOW });
}

/** A MeshChart in a fresh test app. */
export function testChart(profile: MeshProfile = testProfile(), namespace?: string): MeshChart {
  return new MeshChart(Testing.app(), 'test', { profile, namespace });
}

/** A synthesized object, as JSON. */
export type Manifest = Record<string, unknown>;

/** `metadata.name` of a synthesized object. */
export function nameOf(m: Manifest): string | undefined {
  const metadata = m.metadata as { name?: string } | undefined;
  return metadata?.name;
}

/** `metadata.namespace` of a synthesized object. */
export function namespaceOf(m: Manifest): string | undefined {
  const metadata = m.metadata as { namespace?: string } | undefined;
  return metadata?.namespace;
}

/** The one object of `kind` named `name` (fails the test if not exactly one). */
export function findObject(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.filter(m => m.kind === kind && nameOf(m) === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind} '${name}', found ${found.length} among ${manifests.map(m => `${m.kind}/${nameOf(m)}`).join(', ')}`);
  }
  return found[0];
}
