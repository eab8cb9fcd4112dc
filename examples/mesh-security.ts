import { App } from 'cdk8s';
import { Construct } from 'constructs';
import {
  IngressExposure, IngressVia, MeshChart, MeshNamespace, MeshWideMtls, PathMatch, RequestOperation, ServiceBackend,
  ZeroTrustNamespace,
} from '../src/k8s';
import { IngressGatewayType, MeshProfile } from '../src/mesh';
import { Httpbin } from './workloads/httpbin';

/**
 * Istio's sample issuer and its public keys (security/tools/jwt/samples): tokens for it are in
 * `demo.jwt` next to the JWKS, so the route can be tried without an identity provider.
 * @see https://istio.io/latest/docs/tasks/security/authorization/authz-jwt/
 */
export const SAMPLE_JWT_ISSUER = 'testing@secure.istio.io';
export const SAMPLE_JWKS_URI = 'https://raw.githubusercontent.com/istio/istio/release-1.30/security/tools/jwt/samples/jwks.json';

/**
 * Mesh-wide STRICT mutual TLS: one PeerAuthentication `default` in the AKS root namespace
 * `aks-istio-system`. Every sidecar of every example namespace then refuses plaintext; the managed
 * gateways and all example clients have sidecars, so their traffic is mTLS already.
 */
export class MeshMtlsChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile });
    new MeshWideMtls(this, 'Mtls');
  }
}

/** httpbin behind allow-nothing: only GET and HEAD requests coming through the external managed gateway get in. */
export class ZeroTrustHttpbinChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'zero-trust' });
    new MeshNamespace(this, 'Namespace', { name: 'zero-trust' });
    new Httpbin(this, 'Httpbin', 'zero-trust');
    new IngressExposure(this, 'Ingress', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'zero-trust-gateway' }),
      name: 'httpbin',
      hosts: ['zero-trust.example.com'],
      rules: [{ matches: [PathMatch.prefix('/')], backends: [ServiceBackend.of('httpbin', 8000)] }],
    });
    const zeroTrust = new ZeroTrustNamespace(this, 'ZeroTrust');
    zeroTrust.allowFromIngressGateway('FromIngress', IngressGatewayType.EXTERNAL, {
      selector: { app: 'httpbin' },
      to: [RequestOperation.methods('GET', 'HEAD')],
    });
  }
}

/** A JWT-protected route: `/headers` needs a token from the sample issuer, `/ip` does not. */
export class JwtHttpbinChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'jwt-route' });
    new MeshNamespace(this, 'Namespace', { name: 'jwt-route' });
    new Httpbin(this, 'Httpbin', 'jwt-route');
    new IngressExposure(this, 'Ingress', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, { gatewayName: 'jwt-route-gateway' }),
      name: 'httpbin',
      hosts: ['jwt.example.com'],
      rules: [{ matches: [PathMatch.exact('/headers'), PathMatch.exact('/ip')], backends: [ServiceBackend.of('httpbin', 8000)] }],
    });
    const zeroTrust = new ZeroTrustNamespace(this, 'ZeroTrust');
    zeroTrust.allowFromIngressGateway('FromIngress', IngressGatewayType.EXTERNAL, { selector: { app: 'httpbin' } });
    zeroTrust.requireJwt('Jwt', {
      name: 'httpbin-jwt',
      selector: { app: 'httpbin' },
      jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwksUri: SAMPLE_JWKS_URI }],
      to: [RequestOperation.paths('/headers')],
    });
  }
}

/** Adds the mesh security examples: `mesh-security-mtls`, `-zero-trust` and `-jwt` in dist/. */
export function addMeshSecurityCharts(app: App, profile: MeshProfile): void {
  new MeshMtlsChart(app, 'mesh-security-mtls', profile);
  new ZeroTrustHttpbinChart(app, 'mesh-security-zero-trust', profile);
  new JwtHttpbinChart(app, 'mesh-security-jwt', profile);
}
