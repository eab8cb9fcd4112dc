import { AppProps } from 'cdk8s';
import { MeshApp } from '../../src/k8s';
import { MeshProfile, RevisionUpgrade } from '../../src/mesh';
import { BookinfoIngressChart } from '../aks-istio-ingress-gateways';
import { PetsGatewayApiChart } from '../aks-istio-gateway-api';
import { EgressGatewayChart, EgressHttpChart } from '../aks-istio-egress-gateways';
import { HttpbinGatewayApiChart, HttpbinIstioChart } from '../istio-ingress-gateways';
import { HttpbinLegacyIngressChart } from '../istio-ingress-legacy';
import { ManagedGatewayTuningChart } from '../managed-gateway-tuning';
import { MeshPlatformChart } from '../mesh-platform';
import { exampleProfile } from '../profile';

/** The revision the example mesh is upgraded to (the next minor after the example's asm-1-30). */
export const CANARY_REVISION = 'asm-1-31';

/** The example profile during the canary upgrade: revisions ['asm-1-30', 'asm-1-31'], namespaces still on asm-1-30. */
export const canaryProfile: MeshProfile = RevisionUpgrade.of(exampleProfile).start(CANARY_REVISION).applyTo(exampleProfile);

/** The same mesh for the first migration wave: charts built with it label their namespaces asm-1-31. */
export const firstWaveProfile: MeshProfile = MeshProfile.fromJson({ ...canaryProfile.toJson(), injectionRevision: CANARY_REVISION });

/**
 * The seed charts of the example app during a canary upgrade to asm-1-31 (`npm run synth:canary` writes dist-canary/):
 * a shared MeshConfig for both revisions, Gateway API Gateways pinned to asm-1-30, the gateway tuning
 * for both revisions, and bookinfo moved first (labelled asm-1-31) while every other namespace stays.
 */
export function buildCanaryApp(props: AppProps = {}): MeshApp {
  const app = new MeshApp(props);
  const platform = new MeshPlatformChart(app, 'mesh-platform', canaryProfile);
  new BookinfoIngressChart(app, 'aks-istio-ingress-gateways', firstWaveProfile);
  new PetsGatewayApiChart(app, 'aks-istio-gateway-api', canaryProfile);
  new HttpbinIstioChart(app, 'istio-ingress-gateways-istio-api', canaryProfile);
  new HttpbinGatewayApiChart(app, 'istio-ingress-gateways-gateway-api', canaryProfile);
  new HttpbinLegacyIngressChart(app, 'istio-ingress-legacy', canaryProfile, platform.meshConfig);
  new EgressGatewayChart(app, 'aks-istio-egress-gateways-gateway', canaryProfile);
  // As in examples/app.ts: the guide's HTTPS and TLS-origination egress scenarios are alternatives to this one.
  new EgressHttpChart(app, 'aks-istio-egress-gateways-http', canaryProfile);
  new ManagedGatewayTuningChart(app, 'aks-istio-managed-gateway-tuning', canaryProfile);
  return app;
}
