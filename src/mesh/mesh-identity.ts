import { AksNames } from './aks-names';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The parts of a workload principal `<trust domain>/ns/<namespace>/sa/<service account>`. */
export interface ParsedPrincipal {
  readonly trustDomain: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/**
 * Workload identities in an AKS Istio mesh: the trust domain, how principals are spelled, and the
 * service accounts of the managed gateways.
 *
 * Istio derives a workload's identity from its Kubernetes service account, as the SPIFFE ID
 * `spiffe://<trust domain>/ns/<namespace>/sa/<service account>`; AuthorizationPolicy `principals`
 * use it without the `spiffe://` prefix. The add-on uses Istio's default trust domain `cluster.local`.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 * @see https://istio.io/latest/docs/concepts/security/#istio-identity
 */
export const MeshIdentity = {
  /** The add-on's trust domain. */
  TRUST_DOMAIN: 'cluster.local',
  /** The mesh's root namespace on AKS: policies here without a selector apply to the whole mesh. */
  ROOT_NAMESPACE: AksNames.SYSTEM_NAMESPACE,
  /** The namespace upstream Istio installs into; it does not exist on an AKS add-on cluster. */
  UPSTREAM_NAMESPACE: 'istio-system',
  /** Service accounts of the upstream ingress gateway (Helm `gateway` chart and the older istioctl profile). */
  UPSTREAM_INGRESS_SERVICE_ACCOUNTS: ['istio-ingressgateway', 'istio-ingressgateway-service-account'] as readonly string[],
  /** Pod labels of the upstream ingress gateway that policies and Gateways select it by. */
  UPSTREAM_INGRESS_SELECTORS: [{ key: 'istio', value: 'ingressgateway' }, { key: 'app', value: 'istio-ingressgateway' }] as readonly { key: string; value: string }[],

  /**
   * The service account of a managed ingress gateway's pods: `aks-istio-ingressgateway-<type>`.
   *
   * AKS does not document it; this is the name seen on add-on clusters (the gateway's SPIFFE ID
   * `spiffe://cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external`). Check yours with
   * `kubectl get pods -n aks-istio-ingress -l istio=aks-istio-ingressgateway-external -o jsonpath={.items[0].spec.serviceAccountName}`
   * and override it where the library asks for it (`serviceAccountName`).
   */
  ingressServiceAccountName(type: 'external' | 'internal'): string {
    return AksNames.ingressServiceName(type);
  },

  /** `cluster.local/ns/<namespace>/sa/<serviceAccount>`. */
  principal(namespace: string, serviceAccount: string, trustDomain: string = 'cluster.local'): string {
    return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
  },

  /**
   * Splits a principal into trust domain, namespace and service account, or answers `undefined`
   * when it is not of the form `<trust domain>/ns/<namespace>/sa/<service account>`. Istio's match
   * wildcards are not parsed here: `*` alone, or a leading or trailing `*`, answer `undefined`.
   */
  parsePrincipal(value: string): ParsedPrincipal | undefined {
    const parts = value.split('/');
    if (parts.length !== 5 || parts[1] !== 'ns' || parts[3] !== 'sa') return undefined;
    const [trustDomain, , namespace, , serviceAccount] = parts;
    if (!DNS_NAME.test(trustDomain) || !DNS_LABEL.test(namespace) || namespace.length > 63) return undefined;
    if (!DNS_NAME.test(serviceAccount) || serviceAccount.length > 253) return undefined;
    return { trustDomain, namespace, serviceAccount };
  },
} as const;
