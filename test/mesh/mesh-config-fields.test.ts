import { checkMeshConfig, meshConfigFieldSupport, MeshConfigFieldSupport, proxyConfigFieldSupport } from '../../src/mesh/mesh-config-fields';

describe('MeshConfig allowlist', () => {
  test('classifies fields as AKS documents them', () => {
    expect(meshConfigFieldSupport('outboundTrafficPolicy')).toBe(MeshConfigFieldSupport.SUPPORTED);
    expect(meshConfigFieldSupport('extensionProviders')).toBe(MeshConfigFieldSupport.ALLOWED);
    expect(meshConfigFieldSupport('configSources')).toBe(MeshConfigFieldSupport.BLOCKED);
    expect(proxyConfigFieldSupport('holdApplicationUntilProxyStarts')).toBe(MeshConfigFieldSupport.SUPPORTED);
    expect(proxyConfigFieldSupport('proxyMetadata')).toBe(MeshConfigFieldSupport.ALLOWED);
    expect(proxyConfigFieldSupport('image')).toBe(MeshConfigFieldSupport.BLOCKED);
  });

  test('supported fields raise nothing', () => {
    expect(checkMeshConfig({ outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' }, defaultConfig: { holdApplicationUntilProxyStarts: true } })).toEqual([]);
  });

  test('blocked fields are errors, allowed ones warnings, concurrency 0 a warning', () => {
    const problems = checkMeshConfig({ configSources: [], trustDomain: 'x', defaultConfig: { concurrency: 0, image: {} } });
    expect(problems.map(p => [p.severity, p.field])).toEqual([
      ['error', 'configSources'],
      ['warning', 'trustDomain'],
      ['warning', 'defaultConfig.concurrency'],
      ['error', 'defaultConfig.image'],
    ]);
  });
});
