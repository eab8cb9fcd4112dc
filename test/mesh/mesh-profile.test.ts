import { IngressGatewayType } from '../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { MeshProfileError, MeshProfileProblem } from '../../src/mesh/mesh-profile-error';
import { MeshProfileProps } from '../../src/mesh/mesh-profile-props';
import { TEST_NOW, testProfile } from '../support/mesh-chart';

/** The problems of the MeshProfileError `fn` throws. */
function problemsOf(fn: () => unknown): readonly MeshProfileProblem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof MeshProfileError) return e.problems;
    throw e;
  }
  throw new Error('expected a MeshProfileError, but nothing was thrown');
}

const build = (props: Partial<MeshProfileProps>) => () => new MeshProfile({ revisions: ['asm-1-30'], ...props }, { now: TEST_NOW });

describe('MeshProfile', () => {
  test('exposes the AKS names of enabled gateways', () => {
    // GIVEN
    const profile = testProfile();
    // THEN
    expect(profile.revisions).toEqual(['asm-1-30']);
    expect(profile.injectionRevision).toBe('asm-1-30');
    expect(profile.ingressGatewayTypes).toEqual([IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL]);
    expect(profile.ingressGateway(IngressGatewayType.EXTERNAL)).toEqual({
      type: 'external',
      serviceName: 'aks-istio-ingressgateway-external',
      namespace: 'aks-istio-ingress',
      selector: { istio: 'aks-istio-ingressgateway-external' },
      fqdn: 'aks-istio-ingressgateway-external.aks-istio-ingress.svc.cluster.local',
    });
    expect(profile.egressGateway('asm-egress-test')).toEqual({
      name: 'asm-egress-test',
      namespace: 'aks-istio-egress',
      gatewayConfigurationName: 'asm-egress-test-sgc',
      gatewayNodePoolName: 'gwpool',
      selector: { istio: 'asm-egress-test' },
      fqdn: 'asm-egress-test.aks-istio-egress.svc.cluster.local',
    });
    expect(profile.sharedMeshConfigNames).toEqual(['istio-shared-configmap-asm-1-30']);
    expect(profile.gatewayNodePools).toEqual([{ name: 'gwpool', publicIpPrefixSize: 31 }]);
    expect(profile.warnings).toEqual([]);
  });

  test('sorts canary revisions and labels with the stable one by default', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30', 'asm-1-29'] }, { now: TEST_NOW });
    expect(profile.revisions).toEqual(['asm-1-29', 'asm-1-30']);
    expect(profile.injectionRevision).toBe('asm-1-29');
    expect(new MeshProfile({ revisions: ['asm-1-29', 'asm-1-30'], injectionRevision: 'asm-1-30' }, { now: TEST_NOW }).injectionRevision)
      .toBe('asm-1-30');
  });

  test('warns on a revision past end of life and on an unknown one', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-28', 'asm-1-29'] }, { now: TEST_NOW });
    expect(profile.warnings).toEqual([
      expect.stringContaining("revision 'asm-1-28' (Istio 1.28) reached end of life in 2026-08"),
      expect.stringContaining("revision 'asm-1-29' (Istio 1.29) reached end of life in 2026-09"),
    ]);
    expect(new MeshProfile({ revisions: ['asm-1-31'] }, { now: TEST_NOW }).warnings)
      .toEqual([expect.stringContaining("revision 'asm-1-31' is not in the known-revision table")]);
  });

  test('warns when an egress selector is defaulted', () => {
    const profile = new MeshProfile({
      revisions: ['asm-1-30'],
      gatewayNodePools: [{ name: 'gwpool' }],
      egressGateways: [{ name: 'egress1', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' }],
    }, { now: TEST_NOW });
    expect(profile.egressGateway('egress1').selector).toEqual({ istio: 'egress1' });
    expect(profile.warnings).toEqual([expect.stringContaining("egress gateway 'egress1': selector defaulted to { istio: 'egress1' }")]);
  });

  test('round-trips through JSON', () => {
    const profile = testProfile();
    const json = JSON.parse(JSON.stringify(profile.toJson()));
    expect(json.format).toBe('aks-istio-mesh/v1');
    const again = MeshProfile.fromJson(json, { now: TEST_NOW });
    expect(again.toJson()).toEqual(profile.toJson());
    expect(again.egressGateways).toEqual(profile.egressGateways);
  });

  test('fails when JSON has an unknown field or another format', () => {
    expect(() => MeshProfile.fromJson({ revisions: ['asm-1-30'], ingress: {} }))
      .toThrow('$.ingress: unknown field "ingress"; known fields are revisions, injectionRevision');
    expect(() => MeshProfile.fromJson({ format: 'v0', revisions: ['asm-1-30'] })).toThrow(`$.format: is "v0"; this library reads 'aks-istio-mesh/v1'`);
    expect(() => MeshProfile.fromJson([])).toThrow('$: a mesh profile must be a JSON object, got an array of 0 item(s)');
  });

  test('fails with a "did you mean" for a near-miss field name at any level', () => {
    const json = {
      revision: ['asm-1-30'],
      ingressGateways: { externl: true },
      gatewayNodePools: [{ name: 'gwpool', publicIPPrefixSize: 30 }],
    };
    expect(problemsOf(() => MeshProfile.fromJson(json))).toEqual([
      { path: '$.revision', message: `unknown field "revision"; did you mean 'revisions'?` },
      { path: '$.revisions', message: expect.stringContaining('is required') },
      { path: '$.ingressGateways.externl', message: `unknown field "externl"; did you mean 'external'?` },
      { path: '$.gatewayNodePools[0].publicIPPrefixSize', message: `unknown field "publicIPPrefixSize"; did you mean 'publicIpPrefixSize'?` },
    ]);
  });

  test('fails when a field has the wrong type, naming its path and never an internal message', () => {
    const json = { revisions: 'asm-1-30', gatewayNodePools: 5, egressGateways: [null], gatewayApi: 'true', pluginCa: [] };
    const problems = problemsOf(() => MeshProfile.fromJson(json));
    expect(problems.map(p => p.path)).toEqual(['$.revisions', '$.egressGateways[0]', '$.gatewayNodePools', '$.gatewayApi', '$.pluginCa']);
    expect(problems[0].message).toBe('must be an array (at most 2 revisions: one, or two (stable + canary, one or two minors apart) during a canary upgrade), got "asm-1-30"');
    expect(problems[2].message).toContain('must be an array');
    // The constructor takes the same input from TypeScript (through a cast) without a TypeError.
    expect(() => new MeshProfile(json as unknown as MeshProfileProps)).toThrow(MeshProfileError);
    expect(() => new MeshProfile(json as unknown as MeshProfileProps)).not.toThrow(/is not iterable|Cannot read|undefined/);
  });

  test('fails when a string is oversize, quoting only its start', () => {
    const problems = problemsOf(build({ injectionRevision: 'x'.repeat(1_000_000) }));
    expect(problems).toEqual([{ path: '$.injectionRevision', message: expect.stringContaining('must be 1 to 16 characters long') }]);
    expect(problems[0].message.length).toBeLessThan(400);
    expect(problems[0].message).toContain('(1000000 characters)');
  });

  test('fails when a revision is malformed', () => {
    expect(build({ revisions: ['1.30'] })).toThrow('$.revisions[0]: "1.30" is not a revision name of the form asm-1-N');
  });

  test('fails when there are no revisions or more than two', () => {
    expect(build({ revisions: [] })).toThrow('$.revisions: has 0 item(s); it takes at most 2 revisions');
    expect(build({ revisions: ['asm-1-28', 'asm-1-29', 'asm-1-30'] })).toThrow('$.revisions: has 3 item(s); it takes at most 2 revisions');
  });

  test('fails when canary revisions are more than two minors apart or repeated', () => {
    expect(build({ revisions: ['asm-1-27', 'asm-1-30'] })).toThrow('$.revisions: during a canary upgrade must be one or two minors apart');
    expect(build({ revisions: ['asm-1-30', 'asm-1-30'] })).toThrow('$.revisions: lists a revision twice');
  });

  test('fails when injectionRevision is not a profile revision', () => {
    expect(build({ injectionRevision: 'asm-1-29' })).toThrow(`$.injectionRevision: "asm-1-29" is not one of 'revisions'`);
  });

  test('fails when an ingress gateway key is unknown or not boolean', () => {
    expect(build({ ingressGateways: { public: true } as never })).toThrow('$.ingressGateways.public: unknown field "public"; known fields are external, internal');
    expect(build({ ingressGateways: { external: 'yes' } as never })).toThrow('$.ingressGateways.external: must be true or false, got "yes"');
  });

  test('fails when an egress gateway name breaks the AKS rule', () => {
    const pools = { gatewayNodePools: [{ name: 'gwpool' }] };
    const gw = { gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' };
    expect(build({ ...pools, egressGateways: [{ name: 'Egress_1', ...gw }] })).toThrow('$.egressGateways[0].name: "Egress_1" is not an egress gateway name');
    expect(build({ ...pools, egressGateways: [{ name: 'a'.repeat(54), ...gw }] })).toThrow('$.egressGateways[0].name: must be 1 to 53 characters long');
    expect(build({ ...pools, egressGateways: [{ name: 'egress', ...gw }, { name: 'egress', ...gw }] }))
      .toThrow("$.egressGateways[1].name: 'egress' is declared twice in namespace 'aks-istio-egress'");
  });

  test('fails when an egress gateway lacks its configuration or node pool', () => {
    expect(build({ gatewayNodePools: [{ name: 'gwpool' }], egressGateways: [{ name: 'egress', gatewayConfigurationName: '', gatewayNodePoolName: 'gwpool' }] }))
      .toThrow('$.egressGateways[0].gatewayConfigurationName: must be 1 to 63 characters long');
    expect(build({ egressGateways: [{ name: 'egress', gatewayNodePoolName: 'gwpool' } as never] }))
      .toThrow('$.egressGateways[0].gatewayConfigurationName: is required');
    expect(build({ egressGateways: [{ name: 'egress', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' }] }))
      .toThrow("$.egressGateways[0].gatewayNodePoolName: 'gwpool' is not declared in 'gatewayNodePools' (declared: none)");
  });

  test('fails when an egress selector is empty or not a label set', () => {
    const base = { name: 'e', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' };
    expect(build({ gatewayNodePools: [{ name: 'gwpool' }], egressGateways: [{ ...base, selector: {} }] }))
      .toThrow('$.egressGateways[0].selector: has 0 entries');
    expect(problemsOf(build({ gatewayNodePools: [{ name: 'gwpool' }], egressGateways: [{ ...base, selector: { 'bad key!': 'x', istio: 'not valid' } }] })))
      .toEqual([
        { path: '$.egressGateways[0].selector["bad key!"]', message: expect.stringMatching(/^key "bad key!" is not a Kubernetes label key/) },
        { path: '$.egressGateways[0].selector.istio', message: expect.stringMatching(/^"not valid" is not a Kubernetes label value/) },
      ]);
  });

  test('fails when a gateway node pool has a bad name, prefix size or is declared twice', () => {
    expect(build({ gatewayNodePools: [{ name: 'GatewayPool1' }] })).toThrow('$.gatewayNodePools[0].name: "GatewayPool1" is not an AKS node pool name');
    expect(build({ gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 27 }] }))
      .toThrow('$.gatewayNodePools[0].publicIpPrefixSize: must be an integer from 28 to 31 (the public IP prefix length; AKS accepts /28 to /31), got 27');
    expect(build({ gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 30.5 }] })).toThrow('got 30.5');
    expect(build({ gatewayNodePools: [{ name: 'gwpool' }, { name: 'gwpool' }] })).toThrow("$.gatewayNodePools[1].name: declares node pool 'gwpool' twice");
  });

  test('fails when the plugin CA misses object names', () => {
    expect(problemsOf(build({ pluginCa: { keyVaultId: '/subscriptions/x', rootCertObjectName: 'root', certChainObjectName: '', certObjectName: 'c', keyObjectName: '' } }))
      .map(p => p.path)).toEqual(['$.pluginCa.certChainObjectName', '$.pluginCa.keyObjectName']);
    expect(build({ pluginCa: { keyVaultId: '/kv', rootCertObjectName: 'root' } as never })).toThrow('$.pluginCa.certChainObjectName: is required');
  });

  test('fails when the Gateway API is on with a revision before asm-1-26', () => {
    expect(build({ revisions: ['asm-1-25'], gatewayApi: true })).toThrow("$.gatewayApi: the Gateway API needs asm-1-26 or later, but 'revisions' has [\"asm-1-25\"]");
  });

  test('fails when asked for a gateway it does not enable or declare', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW });
    expect(() => profile.ingressGateway(IngressGatewayType.INTERNAL))
      .toThrow("The mesh profile does not enable the internal ingress gateway (enabled: external); set 'ingressGateways.internal': true");
    expect(() => profile.egressGateway('nope')).toThrow("The mesh profile declares no egress gateway 'nope' (declared: none)");
  });

  test('lists every problem in one error', () => {
    expect(problemsOf(build({ revisions: ['asm-1-1x', 'bad', 'asm-1-30'], gatewayApi: 1 as never })).map(p => p.path))
      .toEqual(['$.revisions', '$.revisions[0]', '$.revisions[1]', '$.gatewayApi']);
  });

  test('keeps its own copy of the props', () => {
    const props: MeshProfileProps = { revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool' }] };
    const profile = new MeshProfile(props, { now: TEST_NOW });
    props.revisions.push('asm-1-31');
    props.gatewayNodePools!.push({ name: 'other' });
    expect(profile.toJson()).toEqual({ format: 'aks-istio-mesh/v1', revisions: ['asm-1-30'], gatewayNodePools: [{ name: 'gwpool' }] });
  });
});
