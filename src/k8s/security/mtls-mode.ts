/**
 * How a workload's sidecar treats plaintext and mutual TLS traffic it receives.
 *
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/#PeerAuthentication-MutualTLS-Mode
 */
export enum MtlsMode {
  /** Inherit from the parent scope (namespace, then mesh); the mesh default is PERMISSIVE. */
  UNSET = 'UNSET',
  /** Accept plaintext only: no peer identity, so `principals` and `namespaces` never match. */
  DISABLE = 'DISABLE',
  /** Accept both mutual TLS and plaintext (the AKS default until a policy says STRICT). */
  PERMISSIVE = 'PERMISSIVE',
  /** Accept mutual TLS only. */
  STRICT = 'STRICT',
}
