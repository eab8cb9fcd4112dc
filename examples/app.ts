import { App, AppProps } from 'cdk8s';
import { MeshApp } from '../src/k8s';
import { BookinfoIngressChart } from './aks-istio-ingress-gateways';
import { PetsGatewayApiChart } from './aks-istio-gateway-api';
import { HttpbinGatewayApiChart, HttpbinIstioChart } from './istio-ingress-gateways';
import { HttpbinLegacyIngressChart } from './istio-ingress-legacy';
import { MeshPlatformChart } from './mesh-platform';
import { ManagedGatewayTuningChart } from './managed-gateway-tuning';
import { EgressGatewayChart, EgressHttpChart } from './aks-istio-egress-gateways';
import { addMeshSecurityCharts } from './mesh-security';
import { exampleProfile } from './profile';
import { SecureBookinfoGatewayApiChart, SecureBookinfoIstioChart } from './secure-ingress';

/** Builds the example app: every seed scenario, one chart (one file in dist/) each. */
export function buildExampleApp(props: AppProps = {}): MeshApp {
  return addExampleCharts(new MeshApp(props));
}

/** Adds the example charts to `app` (any cdk8s App; tests compare MeshApp with a plain App). */
export function addExampleCharts<T extends App>(app: T): T {
  const platform = new MeshPlatformChart(app, 'mesh-platform', exampleProfile);
  new BookinfoIngressChart(app, 'aks-istio-ingress-gateways', exampleProfile);
  new PetsGatewayApiChart(app, 'aks-istio-gateway-api', exampleProfile);
  new HttpbinIstioChart(app, 'istio-ingress-gateways-istio-api', exampleProfile);
  new HttpbinGatewayApiChart(app, 'istio-ingress-gateways-gateway-api', exampleProfile);
  new HttpbinLegacyIngressChart(app, 'istio-ingress-legacy', exampleProfile, platform.meshConfig);
  new EgressGatewayChart(app, 'aks-istio-egress-gateways-gateway', exampleProfile);
  // dist/ is one cluster: the guide's HTTPS and TLS-origination scenarios are alternatives to this one
  // (same mesh host, same egress gateway port; AIM127/AIM128), synthesized on their own in the tests.
  new EgressHttpChart(app, 'aks-istio-egress-gateways-http', exampleProfile);
  new SecureBookinfoIstioChart(app, 'secure-ingress-istio-api', exampleProfile);
  new SecureBookinfoGatewayApiChart(app, 'secure-ingress-gateway-api', exampleProfile);
  addMeshSecurityCharts(app, exampleProfile);
  new ManagedGatewayTuningChart(app, 'aks-istio-managed-gateway-tuning', exampleProfile);
  return app;
}
