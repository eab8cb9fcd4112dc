import { AksNames } from '../../mesh/aks-names';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { addTo, labels, rec, recs, str } from '../private/json';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/** Secret names by namespace. */
type SecretNames = Map<string, Set<string>>;

// Module functions, not closures made per analysis: optimized code that inlined one analysis's closure is
// thrown away ("wrong call target") when the next analysis makes a new one.
function hasSecret(secrets: SecretNames, namespace: string, name: string): boolean {
  return secrets.get(namespace)?.has(name) === true;
}

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
    // Secret names by namespace (nested maps, no `namespace/name` key string per Secret and per lookup).
    const secrets: SecretNames = new Map();
    for (const s of index.ofKind(Groups.CORE, 'Secret')) addTo(secrets, s.ref.namespace ?? '', s.ref.name);
    for (const spc of index.ofKind(Groups.SECRETS_STORE, 'SecretProviderClass')) {
      for (const so of recs(spc.spec.secretObjects)) addTo(secrets, spc.ref.namespace ?? '', str(so.secretName) ?? '');
    }
    const out: RuleViolation[] = [];
    const gateways = index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway');
    for (let g = 0; g < gateways.length; g++) {
      const gw = gateways[g];
      const servers = recs(gw.spec.servers);
      const gatewayNs = gw.ref.namespace;
      // Istio reads the credential from the gateway workload's namespace; the Gateway object's namespace also counts.
      // The workload's namespace is worked out once per Gateway, and only when a server names a credential.
      let workloadNs: string | undefined;
      let workloadNsKnown = false;
      for (let i = 0; i < servers.length; i++) {
        const credential = str(rec(servers[i].tls)?.credentialName);
        if (credential === undefined) continue;
        if (!workloadNsKnown) {
          const selector = labels(gw.spec.selector);
          workloadNs = mesh.ingressTypeOfSelector(selector) !== undefined ? AksNames.INGRESS_NAMESPACE : mesh.egressNamespaceOfSelector(selector);
          workloadNsKnown = true;
        }
        if ((workloadNs !== undefined && hasSecret(secrets, workloadNs, credential)) || (gatewayNs !== undefined && hasSecret(secrets, gatewayNs, credential))) continue;
        const namespaces = [...new Set([workloadNs, gatewayNs].filter((n): n is string => n !== undefined))];
        out.push({ target: gw, message: `${describeObject(gw.ref)} TLS credentialName "${credential}" has no Secret or SecretProviderClass secretObjects entry in ${namespaces.map(n => `"${n}"`).join(' or ')}` });
      }
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      for (const listener of recs(gw.spec.listeners)) {
        for (const ref of recs(rec(listener.tls)?.certificateRefs)) {
          if ((str(ref.group) ?? '') !== '' || (str(ref.kind) ?? 'Secret') !== 'Secret') continue;
          const ns = str(ref.namespace) ?? gw.ref.namespace ?? '';
          const name = str(ref.name) ?? '';
          if (hasSecret(secrets, ns, name)) continue;
          out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" certificateRef "${ns}/${name}" has no Secret or SecretProviderClass secretObjects entry` });
        }
      }
    }
    return out;
  },
};
