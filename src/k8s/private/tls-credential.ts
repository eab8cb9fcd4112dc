import { TlsCredentialSource } from '../tls-credential';

/** The Secret name of a credential source. */
export function credentialNameOf(source: TlsCredentialSource): string {
  return typeof source === 'string' ? source : source.credentialName;
}
