import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { arr, at, num, recs, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const TERMINATING_MODES = new Set(['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL']);

/**
 * AIM116: a gateway that terminates TLS with no certificate: an Istio Gateway server in SIMPLE or MUTUAL mode
 * with neither a credential nor certificate files, or a Gateway API HTTPS listener in Terminate mode without
 * `certificateRefs`. Istio cannot serve such a port (and its validation webhook refuses the Istio form).
 * `istioctl analyze` has no counterpart (IST0128 is about DestinationRules without `caCertificates`), so no `istioCode`.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
 */
export const TlsWithoutCertificate: MeshRule = {
  code: 'AIM116',
  severity: Severity.ERROR,
  explanation: 'A gateway server or listener terminates TLS but names no certificate: an Istio server in SIMPLE or MUTUAL mode '
    + 'without credentialName(s), tlsCertificates or serverCertificate/privateKey, or a Gateway API HTTPS listener in Terminate mode without certificateRefs.',
  fix: 'name the TLS Secret: credentialName on the Istio server (ServerTls.simple(keyVaultCertificate)) or certificateRefs on the '
    + 'listener (ListenerTls.terminate(keyVaultCertificate)), with the Secret in the gateway\'s namespace',
  docs: 'https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings',
  check: index => {
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      recs(gw.spec.servers).forEach((server, i) => {
        const tls = at(server, 'tls');
        const mode = str(at(tls, 'mode'));
        if (mode === undefined || !TERMINATING_MODES.has(mode)) return;
        const hasCredential = (str(at(tls, 'credentialName')) ?? '') !== ''
          || recs(at(tls, 'tlsCertificates')).length > 0
          || arr(at(tls, 'credentialNames')).length > 0
          || ((str(at(tls, 'serverCertificate')) ?? '') !== '' && (str(at(tls, 'privateKey')) ?? '') !== '');
        if (hasCredential) return;
        const port = num(at(server, 'port', 'number'));
        out.push({ target: gw, message: `${describeObject(gw.ref)} server ${i} (port ${port ?? '?'}) has tls.mode ${mode} but no credentialName or certificate files` });
      });
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      for (const listener of recs(gw.spec.listeners)) {
        if (str(listener.protocol) !== 'HTTPS') continue;
        const mode = str(at(listener, 'tls', 'mode')) ?? 'Terminate';
        if (mode !== 'Terminate' || recs(at(listener, 'tls', 'certificateRefs')).length > 0) continue;
        out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" is HTTPS in Terminate mode without certificateRefs` });
      }
    }
    return out;
  },
};
