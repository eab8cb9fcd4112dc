import { Construct } from 'constructs';
import { IstioIngress, MeshChart, MeshNamespace, PathMatch, ServiceBackend, SharedMeshConfig } from '../src/k8s';
import { MeshProfile } from '../src/mesh';
import { Httpbin } from './workloads/httpbin';

/**
 * A Kubernetes Ingress of class `istio` served by the AKS external gateway (seed:
 * istio-ingress-legacy.md, in today's networking.k8s.io/v1 form).
 */
export class HttpbinLegacyIngressChart extends MeshChart {
  public constructor(scope: Construct, id: string, profile: MeshProfile, meshConfig: SharedMeshConfig) {
    super(scope, id, { profile, namespace: 'httpbin-ingress' });
    new MeshNamespace(this, 'Namespace', { name: 'httpbin-ingress' });
    new Httpbin(this, 'Httpbin', 'httpbin-ingress');
    new IstioIngress(this, 'Ingress', {
      metadata: { name: 'simple-ingress' },
      meshConfig,
      rules: [{
        paths: [
          { path: PathMatch.prefix('/status'), backend: ServiceBackend.of('httpbin', 8000) },
          { path: PathMatch.prefix('/delay'), backend: ServiceBackend.of('httpbin', 8000) },
        ],
      }],
    });
  }
}
