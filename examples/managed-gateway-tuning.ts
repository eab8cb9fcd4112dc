import { Construct } from 'constructs';
import { ExternalTrafficPolicy, ManagedGatewayTuning, MeshChart } from '../src/k8s';
import { MeshProfile } from '../src/mesh';

/** The subnet the internal ingress gateway's load balancer takes its IP from (created on the Azure side). */
export const INTERNAL_GATEWAY_SUBNET = 'snet-aks-istio-internal';

/**
 * Day-two tuning of the gateways AKS owns, in a chart (and a dist/ file) of its own, applied with
 * `kubectl apply --server-side --field-manager=aks-istio-mesh --force-conflicts -f dist/aks-istio-managed-gateway-tuning.k8s.yaml`:
 * the external gateway scales from 3 to 10 replicas and keeps client IPs (externalTrafficPolicy Local),
 * the internal one takes its IP from a given subnet, the egress gateway scales from 2 to 4, and Gateway
 * API gateways get 3 to 10 replicas with at least 2 available during disruptions.
 */
export class ManagedGatewayTuningChart extends MeshChart {
  public readonly tuning: ManagedGatewayTuning;

  public constructor(scope: Construct, id: string, profile: MeshProfile) {
    super(scope, id, { profile });
    this.tuning = new ManagedGatewayTuning(this, 'Tuning', {
      external: {
        autoscaling: { minReplicas: 3, maxReplicas: 10, cpuUtilization: 80 },
        service: { externalTrafficPolicy: ExternalTrafficPolicy.LOCAL },
      },
      internal: {
        service: { annotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': INTERNAL_GATEWAY_SUBNET } },
      },
      egress: [{ name: 'asm-egress-test', autoscaling: { minReplicas: 2, maxReplicas: 4 } }],
      gatewayClassDefaults: {
        autoscaling: { minReplicas: 3, maxReplicas: 10 },
        podDisruptionBudget: { minAvailable: 2 },
      },
    });
  }
}
