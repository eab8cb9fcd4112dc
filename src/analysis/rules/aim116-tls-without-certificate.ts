import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { arr, num, rec, recs, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const TERMINATING_MODES = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

/**
 * AIM116: an Istio Gateway server that terminates TLS with no certificate: SIMPLE or MUTUAL mode with neither a
 * credential nor certificate files. Istio cannot serve such a port, and its validation webhook refuses it.
 * The Gateway API form (an HTTPS listener in Terminate mode without `certificateRefs`) is AIM133's, with the
 * CRD's own rule, so one listener never gets two findings.
 * `istioctl analyze` has no counterpart (IST0128 is about DestinationRules without `caCertificates`), so no `istioCode`.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
 */
export const TlsWithoutCertificate: MeshRule = {
  code: 'AIM116',
  severity: Severity.ERROR,
  explanation: 'An Istio Gateway server terminates TLS but names no certificate: SIMPLE or MUTUAL mode '
    + 'without credentialName(s), tlsCertificates or serverCertificate/privateKey (Gateway API listeners: AIM133).',
  fix: 'name the TLS Secret: credentialName on the server (ServerTls.simple(keyVaultCertificate)), with the Secret in the gateway\'s namespace',
  docs: 'https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings',
  check: index => {
    const out: RuleViolation[] = [];
    // Direct reads and index loops rather than `at(...)` and callbacks: every server of the set goes through here.
    const gateways = index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway');
    for (let g = 0; g < gateways.length; g++) {
      const gw = gateways[g];
      const servers = recs(gw.spec.servers);
      for (let i = 0; i < servers.length; i++) {
        const tls = rec(servers[i].tls);
        const mode = str(tls?.mode);
        if (tls === undefined || mode === undefined || !TERMINATING_MODES.has(mode)) continue;
        const hasCredential = (str(tls.credentialName) ?? '') !== ''
          || recs(tls.tlsCertificates).length > 0
          || arr(tls.credentialNames).length > 0
          || ((str(tls.serverCertificate) ?? '') !== '' && (str(tls.privateKey) ?? '') !== '');
        if (hasCredential) continue;
        const port = num(rec(servers[i].port)?.number);
        out.push({ target: gw, message: `${describeObject(gw.ref)} server ${i} (port ${port ?? '?'}) has tls.mode ${mode} but no credentialName or certificate files` });
      }
    }
    return out;
  },
};
