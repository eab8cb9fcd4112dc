import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { arr, at, rec, recs, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM133: an `HTTPS` or `TLS` listener without `tls`, an `HTTPS` listener with `tls.mode: Passthrough`, or a
 * `Terminate` listener without `certificateRefs`; the API server refuses the Gateway (CEL) or the listener is not accepted.
 *
 * Only `TLS` listeners pass through; which route kinds a listener takes stays with AIM107.
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig
 */
export const InvalidListenerTls: MeshRule = {
  code: 'AIM133',
  severity: Severity.ERROR,
  docs: 'https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig',
  explanation: 'An HTTPS or TLS listener needs tls; HTTPS terminates (Passthrough is for TLS listeners only), and Terminate needs certificateRefs.',
  fix: "give the listener tls with mode Terminate and certificateRefs to the certificate Secret, or use protocol TLS for Passthrough",
  check: index => {
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      recs(gw.spec.listeners).forEach((l, i) => {
        const protocol = str(l.protocol);
        if (protocol !== 'HTTPS' && protocol !== 'TLS') return;
        const name = `listener "${str(l.name) ?? `#${i}`}" (${protocol})`;
        const tls = rec(l.tls);
        if (!tls) {
          out.push({ target: gw, message: `${describeObject(gw.ref)} ${name} has no tls` });
          return;
        }
        const mode = str(tls.mode) ?? 'Terminate';
        if (protocol === 'HTTPS' && mode === 'Passthrough') {
          out.push({ target: gw, message: `${describeObject(gw.ref)} ${name} has tls.mode Passthrough; only TLS listeners pass through, HTTPS terminates` });
        } else if (mode === 'Terminate' && arr(tls.certificateRefs).length === 0 && Object.keys(rec(at(tls, 'options')) ?? {}).length === 0) {
          out.push({ target: gw, message: `${describeObject(gw.ref)} ${name} terminates TLS but has no certificateRefs` });
        }
      });
    }
    return out;
  },
};
