import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { arr, num, rec, recs, str } from '../private/json';
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
    // Direct reads and index loops rather than `at(...)` and callbacks: every server and listener of the set goes through here.
    // Index loops, not `for…of`: unoptimized code allocates an iterator result per element.
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
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      for (const listener of recs(gw.spec.listeners)) {
        if (str(listener.protocol) !== 'HTTPS') continue;
        const tls = rec(listener.tls);
        const mode = str(tls?.mode) ?? 'Terminate';
        if (mode !== 'Terminate' || recs(tls?.certificateRefs).length > 0) continue;
        out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" is HTTPS in Terminate mode without certificateRefs` });
      }
    }
    return out;
  },
};
