/**
 * Kinds that live outside namespaces, by `group|kind`: kubectl never gives them a namespace, so the reader
 * must not either. Kinds not listed here (CRDs of other projects) are treated as namespaced, as most are.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#not-all-objects-are-in-a-namespace
 */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  '|Namespace',
  '|Node',
  '|PersistentVolume',
  '|ComponentStatus',
  'rbac.authorization.k8s.io|ClusterRole',
  'rbac.authorization.k8s.io|ClusterRoleBinding',
  'apiextensions.k8s.io|CustomResourceDefinition',
  'apiregistration.k8s.io|APIService',
  'admissionregistration.k8s.io|MutatingWebhookConfiguration',
  'admissionregistration.k8s.io|ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io|ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io|ValidatingAdmissionPolicyBinding',
  'storage.k8s.io|StorageClass',
  'storage.k8s.io|CSIDriver',
  'storage.k8s.io|CSINode',
  'storage.k8s.io|VolumeAttachment',
  'scheduling.k8s.io|PriorityClass',
  'networking.k8s.io|IngressClass',
  'node.k8s.io|RuntimeClass',
  'certificates.k8s.io|CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io|FlowSchema',
  'flowcontrol.apiserver.k8s.io|PriorityLevelConfiguration',
  'gateway.networking.k8s.io|GatewayClass',
  'cert-manager.io|ClusterIssuer',
]);

/** True for a kind known to be cluster-scoped (`apiVersion` as written in the object). */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  return CLUSTER_SCOPED.has(`${slash >= 0 ? apiVersion.slice(0, slash) : ''}|${kind}`);
}
