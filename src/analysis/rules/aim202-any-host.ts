import { IngressGatewayType } from '../../mesh/ingress-gateway-type';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { labels, recs, str, strs } from '../private/json';
import { isExternalGatewayApiGateway } from '../private/gateway-api';
import { MeshKnowledge } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/** True when a server host entry (`ns/host` or `host`) has the host `*`, as `parseServerHost` splits it. */
function isAnyHost(entry: string): boolean {
  const slash = entry.indexOf('/');
  return entry.length === slash + 2 && entry.charCodeAt(slash + 1) === 42 /* '*' */;
}

/**
 * AIM202: a server or listener on the external gateway that accepts any host (`*` or no hostname).
 * @see https://istio.io/latest/docs/ops/best-practices/security/#avoid-overly-broad-hosts-configurations
 */
export const AnyHost: MeshRule = {
  code: 'AIM202',
  severity: Severity.WARNING,
  explanation: 'A server or listener on the public (external) gateway accepts any host, so any name pointed at the IP reaches the routes.',
  fix: "list the host names the gateway serves (for example 'shop.example.com' or '*.example.com')",
  check: (index, context) => {
    const mesh = new MeshKnowledge(context);
    const out: RuleViolation[] = [];
    for (const gw of index.ofKind(Groups.ISTIO_NETWORKING, 'Gateway')) {
      if (mesh.ingressTypeOfSelector(labels(gw.spec.selector)) !== IngressGatewayType.EXTERNAL) continue;
      for (const server of recs(gw.spec.servers)) {
        // Tested in place; the list of offending hosts is built only for the message.
        if (!strs(server.hosts).some(isAnyHost)) continue;
        const any = strs(server.hosts).filter(isAnyHost);
        out.push({ target: gw, message: `${describeObject(gw.ref)} server on the external gateway accepts any host (${any.map(h => `"${h}"`).join(', ')})` });
      }
    }
    for (const gw of index.ofKind(Groups.GATEWAY_API, 'Gateway')) {
      if (!isExternalGatewayApiGateway(gw, v => mesh.ingressTypeOfAddress(v) === IngressGatewayType.EXTERNAL)) continue;
      for (const listener of recs(gw.spec.listeners)) {
        const hostname = str(listener.hostname);
        if (hostname === undefined || hostname === '*') {
          out.push({ target: gw, message: `${describeObject(gw.ref)} listener "${str(listener.name) ?? '?'}" on the external gateway accepts any host (${hostname === undefined ? 'no hostname' : '"*"'})` });
        }
      }
    }
    return out;
  },
};
