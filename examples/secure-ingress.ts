import { Construct } from 'constructs';
import {
  IngressExposure, IngressVia, KeyVaultCertificate, KeyVaultTlsSource, ManagedIngressGateway, MeshChart, MeshNamespace,
  PathMatch, ServiceBackend,
} from '../src/k8s';
import { IngressGatewayType, MeshProfile } from '../src/mesh';

/** The product page paths the AKS secure gateway guide exposes. */
const productpageRules = [{
  matches: [
    PathMatch.exact('/productpage'),
    PathMatch.prefix('/static'),
    PathMatch.exact('/login'),
    PathMatch.exact('/logout'),
    PathMatch.prefix('/api/v1/products'),
  ],
  backends: [ServiceBackend.of('productpage', 9080)],
}];

/**
 * Bookinfo over HTTPS on the external managed gateway with the Istio API (AKS guide istio-secure-gateway):
 * the certificate comes from the profile's Key Vault through a SecretProviderClass in aks-istio-ingress,
 * port 443 terminates TLS with it and port 80 redirects to HTTPS. Deploy bookinfo into `bookinfo-tls` first.
 */
export class SecureBookinfoIstioChart extends MeshChart {
  public readonly certificate: KeyVaultCertificate;

  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'bookinfo-tls' });
    new MeshNamespace(this, 'Namespace', { name: 'bookinfo-tls' });
    // Key Vault certificate `productpage-bookinfo` (key and chain) -> Secret aks-istio-ingress/productpage-credential.
    this.certificate = new KeyVaultCertificate(this, 'Certificate', {
      secretName: 'productpage-credential',
      source: KeyVaultTlsSource.certificate('productpage-bookinfo'),
    });
    new IngressExposure(this, 'Productpage', {
      via: IngressVia.istioGateway(IngressGatewayType.EXTERNAL, {
        gatewayName: 'bookinfo-tls-gateway',
        https: { certificate: this.certificate, redirectHttp: true },
      }),
      name: 'productpage-vs',
      hosts: ['productpage.bookinfo.com'],
      rules: productpageRules,
    });
  }
}

/**
 * The same over the Gateway API: a Gateway in aks-istio-ingress bound to the external managed gateway, with an
 * HTTPS listener whose certificateRefs is the Key Vault-synced Secret, an HTTP listener whose only route
 * redirects to HTTPS, and the product page HTTPRoute in `bookinfo-tls-gateway-api`.
 */
export class SecureBookinfoGatewayApiChart extends MeshChart {
  public readonly certificate: KeyVaultCertificate;

  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile, namespace: 'bookinfo-tls-gateway-api' });
    new MeshNamespace(this, 'Namespace', { name: 'bookinfo-tls-gateway-api' });
    this.certificate = new KeyVaultCertificate(this, 'Certificate', {
      secretName: 'productpage-gwapi-credential',
      source: KeyVaultTlsSource.certificate('productpage-gwapi-bookinfo'),
    });
    const gateway = new ManagedIngressGateway(this, 'Gateway', { type: IngressGatewayType.EXTERNAL, name: 'bookinfo-tls-gateway' });
    new IngressExposure(this, 'Productpage', {
      via: IngressVia.gatewayApi(gateway, { https: { certificate: this.certificate } }),
      name: 'productpage',
      hosts: ['productpage-gwapi.bookinfo.com'],
      rules: productpageRules,
    });
  }
}
