import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, labels, recs, str } from '../private/json';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/**
 * AIM204: a TLS `credentialName` or listener `certificateRefs` with no Secret or SecretProviderClass `secretObjects` entry of that name.
 * @see https://learn.microsoft.com/azure/aks/istio-secure-gateway
 */
export const MissingTlsSecret: MeshRule = {
  code: 'AIM204',
  severity: Severity.WARNING,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: "A TLS server's credentialName (or a listener's certificateRefs) names a Secret that neither a Secret nor a SecretProviderClass secretObjects entry provides in the gateway's namespace.",
  fix: `add a SecretProviderClass in the gateway's namespace (${AksNames.INGRESS_NAMESPACE} for managed ingress) whose secretObjects[].secretName is that name, or create the Secret`,
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    const secrets = new Set<string>();
    for (const s of index.ofKind(Groups.CORE, 'Secret')) secrets.add(`${s.ref.namespace ?? ''}/${s.ref.name}`);
    for (const spc of index.ofKind(Groups.SECRETS_STORE, 'SecretProviderClass')) {
      for (const so of recs(spc.spec.secretObjects)) secrets.add(`${spc.ref.namespace ?? ''}/${str(so.secretName) ?? ''}`);
    }
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      const selector = labels(gw.spec.selector);
      // Istio reads the credential from the gateway workload's namespace; the Gateway object's namespace also counts.
      const workloadNs = mesh.ingressTypeOfSelector(selector) !== undefined ? AksNames.INGRESS_NAMESPACE : mesh.egressNamespaceOfSelector(selector);
      const namespaces = [...new Set([workloadNs, gw.ref.namespace].filter((n): n is string => n !== undefined))];
      for (const server of recs(gw.spec.servers)) {
        const credential = str(at(server, 'tls', 'credentialName'));
        if (credential === undefined || namespaces.some(ns => secrets.has(`${ns}/${credential}`))) continue;
        out.push({ target: gw, message: `${describeObject(gw.ref)} TLS credentialName "${credential}" has no Secret or SecretProviderClass secretObjects entry in ${namespaces.map(n => `"${n}"`).join(' or ')}` });
      }
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      for (const listener of recs(gw.spec.listeners)) {
        for (const ref of recs(at(listener, 'tls', 'certificateRefs'))) {
          if ((str(ref.group) ?? '') !== '' || (str(ref.kind) ?? 'Secret') !== 'Secret') continue;
          const ns = str(ref.namespace) ?? gw.ref.namespace ?? '';
          const name = str(ref.name) ?? '';
          if (secrets.has(`${ns}/${name}`)) continue;
          out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" certificateRef "${ns}/${name}" has no Secret or SecretProviderClass secretObjects entry` });
        }
      }
    }
    return out;
  },
};
