import { ServiceBackend } from '../../src/k8s/service-backend';

describe('ServiceBackend', () => {
  test('uses the short name in the same namespace and the FQDN across namespaces', () => {
    expect(ServiceBackend.of('api', 80).istioHost('web')).toBe('api');
    expect(ServiceBackend.of('api', 80, { namespace: 'web' }).istioHost('web')).toBe('api');
    expect(ServiceBackend.of('api', 80, { namespace: 'backend', weight: 10 }).istioHost('web')).toBe('api.backend.svc.cluster.local');
    expect(ServiceBackend.of('api', 80, { weight: 10 }).weight).toBe(10);
  });
});
