import { IngressGatewayType } from '../../src/mesh/ingress-gateway-type';
import { MeshProfile } from '../../src/mesh/mesh-profile';
import { MeshProfileProps } from '../../src/mesh/mesh-profile-props';
import { TEST_NOW, testProfile } from '../support/mesh-chart';

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
    expect(() => MeshProfile.fromJson({ revisions: ['asm-1-30'], ingress: {} })).toThrow("unknown field(s) 'ingress'");
    expect(() => MeshProfile.fromJson({ format: 'v0', revisions: ['asm-1-30'] })).toThrow("has 'format' \"v0\"");
    expect(() => MeshProfile.fromJson([])).toThrow('must be an object');
  });

  test('fails when a revision is malformed', () => {
    expect(build({ revisions: ['1.30'] })).toThrow("'revisions' has \"1.30\", which is not a revision name of the form asm-1-N");
  });

  test('fails when there are no revisions or more than two', () => {
    expect(build({ revisions: [] })).toThrow("'revisions' needs one revision");
    expect(build({ revisions: ['asm-1-28', 'asm-1-29', 'asm-1-30'] }))
      .toThrow(`'revisions' accepts at most 2 revisions (stable + canary), got ["asm-1-28","asm-1-29","asm-1-30"]`);
  });

  test('fails when canary revisions are more than two minors apart or repeated', () => {
    expect(build({ revisions: ['asm-1-27', 'asm-1-30'] })).toThrow("'revisions' during a canary upgrade must be one or two minors apart");
    expect(build({ revisions: ['asm-1-30', 'asm-1-30'] })).toThrow("'revisions' lists a revision twice");
  });

  test('fails when injectionRevision is not a profile revision', () => {
    expect(build({ injectionRevision: 'asm-1-29' })).toThrow("'injectionRevision' \"asm-1-29\" is not one of 'revisions'");
  });

  test('fails when an ingress gateway key is unknown or not boolean', () => {
    expect(build({ ingressGateways: { public: true } as never })).toThrow("'ingressGateways.public' is not a managed ingress gateway");
    expect(build({ ingressGateways: { external: 'yes' } as never })).toThrow("'ingressGateways.external' must be true or false");
  });

  test('fails when an egress gateway name breaks the AKS rule', () => {
    const pools = { gatewayNodePools: [{ name: 'gwpool' }] };
    const gw = { gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' };
    expect(build({ ...pools, egressGateways: [{ name: 'Egress_1', ...gw }] })).toThrow("'egressGateways' entry \"Egress_1\": the name must be 1 to 53 characters");
    expect(build({ ...pools, egressGateways: [{ name: 'a'.repeat(54), ...gw }] })).toThrow('the name must be 1 to 53 characters');
    expect(build({ ...pools, egressGateways: [{ name: 'egress', ...gw }, { name: 'egress', ...gw }] })).toThrow("declared twice in namespace 'aks-istio-egress'");
  });

  test('fails when an egress gateway lacks its configuration or node pool', () => {
    expect(build({ egressGateways: [{ name: 'egress', gatewayConfigurationName: '', gatewayNodePoolName: 'gwpool' }] }))
      .toThrow("'gatewayConfigurationName' is required");
    expect(build({ egressGateways: [{ name: 'egress', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool' }] }))
      .toThrow("'gatewayNodePoolName' 'gwpool' is not declared in 'gatewayNodePools' (declared: none)");
  });

  test('fails when an egress selector is empty', () => {
    expect(build({ gatewayNodePools: [{ name: 'gwpool' }], egressGateways: [{ name: 'e', gatewayConfigurationName: 'sgc', gatewayNodePoolName: 'gwpool', selector: {} }] }))
      .toThrow("'selector' is empty");
  });

  test('fails when a gateway node pool has a bad name or prefix size', () => {
    expect(build({ gatewayNodePools: [{ name: 'GatewayPool1' }] })).toThrow("'gatewayNodePools' name \"GatewayPool1\" is not a valid AKS node pool name");
    expect(build({ gatewayNodePools: [{ name: 'gwpool', publicIpPrefixSize: 27 }] })).toThrow("publicIpPrefixSize 27; AKS accepts 28 to 31");
  });

  test('fails when the plugin CA misses object names', () => {
    expect(build({ pluginCa: { keyVaultId: '/subscriptions/x', rootCertObjectName: 'root', certChainObjectName: '', certObjectName: 'c', keyObjectName: '' } }))
      .toThrow("'pluginCa' is missing 'certChainObjectName', 'keyObjectName'");
  });

  test('fails when the Gateway API is on with a revision before asm-1-26', () => {
    expect(build({ revisions: ['asm-1-25'], gatewayApi: true })).toThrow("'gatewayApi' needs asm-1-26 or later");
  });

  test('fails when asked for a gateway it does not enable or declare', () => {
    const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: TEST_NOW });
    expect(() => profile.ingressGateway(IngressGatewayType.INTERNAL))
      .toThrow('The mesh profile does not enable the internal ingress gateway (enabled: external); set ingressGateways.internal: true');
    expect(() => profile.egressGateway('nope')).toThrow("The mesh profile declares no egress gateway 'nope' (declared: none)");
  });

  test('lists every problem in one error', () => {
    expect(build({ revisions: ['asm-1-1x', 'bad', 'asm-1-30'] })).toThrow(/asm-1-1x[\s\S]*bad[\s\S]*at most 2/);
  });
});
