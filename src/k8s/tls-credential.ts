/**
 * A TLS Secret a gateway terminates TLS with, provided by a construct (for example `KeyVaultCertificate`),
 * so gateways take the Secret's name from it instead of repeating it.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
 */
export interface ITlsCredential {
  /** Name of the `kubernetes.io/tls` Secret (an Istio `credentialName`, a Gateway API `certificateRefs` name). */
  readonly credentialName: string;
  /** Namespace of the Secret. */
  readonly credentialNamespace: string;
  /**
   * True when a CA for client certificates comes with the credential (`ca.crt` in the Secret, or in the Secret
   * `<credentialName>-cacert`), as Istio's MUTUAL mode needs.
   */
  readonly hasCaCertificate: boolean;
}

/** A credential given either as a Secret name or as the construct that provides the Secret. */
export type TlsCredentialSource = string | ITlsCredential;
