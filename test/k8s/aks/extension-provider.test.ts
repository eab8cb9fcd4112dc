import { Duration, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { ExtensionProvider, SharedMeshConfig } from '../../../src/k8s';
import { testChart } from '../../support/mesh-chart';

describe('ExtensionProvider', () => {
  test('renders HTTP and gRPC external authorizers into the shared MeshConfig', () => {
    // GIVEN
    const chart = testChart();
    // WHEN
    const meshConfig = new SharedMeshConfig(chart, 'mesh', {
      extensionProviders: [
        ExtensionProvider.envoyExtAuthzHttp('http-authz', {
          service: 'ext-authz.auth.svc.cluster.local', port: 8000, pathPrefix: '/check', failOpen: false,
          includeRequestHeadersInCheck: ['x-ext-authz'], headersToUpstreamOnAllow: ['x-user'],
        }),
        ExtensionProvider.envoyExtAuthzGrpc('grpc-authz', { service: 'auth/ext-authz-grpc.auth.svc.cluster.local', port: 9000, timeout: Duration.millis(500) }),
      ],
    });
    // THEN
    const [configMap] = Testing.synth(chart);
    expect(parse(configMap.data.mesh)).toEqual({
      extensionProviders: [
        { name: 'http-authz', envoyExtAuthzHttp: { service: 'ext-authz.auth.svc.cluster.local', port: 8000, pathPrefix: '/check', failOpen: false, includeRequestHeadersInCheck: ['x-ext-authz'], headersToUpstreamOnAllow: ['x-user'] } },
        { name: 'grpc-authz', envoyExtAuthzGrpc: { service: 'auth/ext-authz-grpc.auth.svc.cluster.local', port: 9000, timeout: '500ms' } },
      ],
    });
    expect(meshConfig.extensionProviderNames).toEqual(['http-authz', 'grpc-authz']);
  });

  test('warns that AKS allows extensionProviders without supporting it', () => {
    const chart = testChart();
    const meshConfig = new SharedMeshConfig(chart, 'mesh', { extensionProviders: [ExtensionProvider.envoyExtAuthzGrpc('a', { service: 'a.b.svc.cluster.local', port: 1 })] });
    expect(meshConfig.node.metadata.map(m => m.data)).toContain("MeshConfig field 'extensionProviders' is allowed by AKS but outside its support scope");
  });

  test('reads providers given through additionalFields too', () => {
    const chart = testChart();
    const meshConfig = new SharedMeshConfig(chart, 'mesh', { additionalFields: { extensionProviders: [{ name: 'raw', envoyExtAuthzGrpc: { service: 'x.y.svc.cluster.local', port: 1 } }] } });
    expect(meshConfig.extensionProviderNames).toEqual(['raw']);
  });

  test('fails on a duplicate name, a bad service or port', () => {
    const chart = testChart();
    const p = (name: string, service = 'a.b.svc.cluster.local', port = 80) => ExtensionProvider.envoyExtAuthzGrpc(name, { service, port });
    expect(() => new SharedMeshConfig(chart, 'a', { extensionProviders: [p('x'), p('x')] })).toThrow(/^\[test\/a\] 'extensionProviders' names provider 'x' twice/);
    expect(() => new SharedMeshConfig(chart, 'b', { extensionProviders: [p('x', 'http://a')] })).toThrow(/'extensionProviders\[0\]\.service' "http:\/\/a" is not a host/);
    expect(() => new SharedMeshConfig(chart, 'c', { extensionProviders: [p('x', 'a.b', 0)] })).toThrow(/'extensionProviders\[0\]\.port' must be a port number/);
    expect(() => new SharedMeshConfig(chart, 'd', { extensionProviders: [p('bad name')] })).toThrow(/'extensionProviders\[0\]\.name' "bad name"/);
  });
});
