// The mesh the benchmarks synthesize: built through the public API only.
import { exampleProfile } from '../examples/profile';
import {
  AllowedRoutes, DestinationRule, EgressRoute, IngressExposure, IngressVia, KeyVaultCertificate, KeyVaultTlsSource,
  ListenerProtocol, ListenerTls, ManagedIngressGateway, MeshApp, MeshChart, MeshNamespace, MtlsMode, PathMatch,
  ServiceBackend, ZeroTrustNamespace,
} from '../src/k8s';
import { IngressGatewayType } from '../src/mesh';

/** Services per chart: a platform team's mesh is usually split into one chart per team or app group. */
export const SERVICES_PER_CHART = 100;

/** One mesh of `n` services, built through the public API only. */
export function buildMesh(n: number, outdir = 'dist-bench'): MeshApp {
  const app = new MeshApp({ outdir });
  const platform = new MeshChart(app, 'platform', { profile: exampleProfile });
  // TLS on the gateways: one Key Vault wildcard certificate, synced to a Secret in aks-istio-ingress.
  const certificate = new KeyVaultCertificate(platform, 'Certificate', {
    secretName: 'apps-credential',
    source: KeyVaultTlsSource.certificate('apps-wildcard'),
  });
  const gateway = new ManagedIngressGateway(platform, 'Gateway', {
    type: IngressGatewayType.EXTERNAL,
    name: 'apps',
    listeners: [{
      name: 'http', hostname: '*.apps.example.com', port: 80, protocol: ListenerProtocol.HTTP,
      allowedRoutes: AllowedRoutes.fromAllNamespaces(),
    }, {
      name: 'https', hostname: '*.apps.example.com', port: 443, protocol: ListenerProtocol.HTTPS,
      tls: ListenerTls.terminate(certificate), allowedRoutes: AllowedRoutes.fromAllNamespaces(),
    }],
  });
  let chart: MeshChart = platform;
  for (let i = 0; i < n; i++) {
    if (i % SERVICES_PER_CHART === 0) chart = new MeshChart(app, `team-${i / SERVICES_PER_CHART}`, { profile: exampleProfile });
    const name = `svc-${i}`;
    const backends = [ServiceBackend.of(name, 8080)];
    new MeshNamespace(chart, `${name}-ns`, { name });
    // One PeerAuthentication (STRICT) and one AuthorizationPolicy (allow nothing) per namespace.
    new ZeroTrustNamespace(chart, `${name}-zero-trust`, { namespace: name, mtls: MtlsMode.STRICT });
    new IngressExposure(chart, `${name}-istio`, {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, {
        gatewayName: `${name}-gateway`,
        https: { certificate, redirectHttp: true },
      }),
      name,
      namespace: name,
      hosts: [`${name}.example.com`],
      rules: [{ matches: [PathMatch.prefix('/')], backends }],
    });
    new IngressExposure(chart, `${name}-gwapi`, {
      via: IngressVia.gatewayApi(gateway),
      name: `${name}-route`,
      namespace: name,
      hosts: [`${name}.apps.example.com`],
      rules: [{ matches: [PathMatch.prefix('/')], backends }],
    });
    new DestinationRule(chart, `${name}-dr`, {
      metadata: { name, namespace: name },
      host: `${name}.${name}.svc.cluster.local`,
      subsets: [{ name: 'v1', labels: { version: 'v1' } }],
    });
    if (i % 10 === 0) {
      EgressRoute.http(chart, `${name}-egress`, {
        host: `api-${i}.partner.example.com`,
        egressGateway: 'asm-egress-test',
        namespace: name,
        name: `partner-${i}`,
      });
    }
  }
  return app;
}

