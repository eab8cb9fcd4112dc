import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { recs, str, strs } from '../private/json';
import { boundGateway } from '../private/gateway-api';
import { hostsOverlap, parseServerHost } from '../private/mesh-knowledge';
import { MeshRule, RuleViolation } from '../rule';

/** The hosts `gw` admits for VirtualServices in `namespace`; `*` for a Gateway API listener without hostname. */
function admittedHosts(gw: IndexedObject, namespace: string | undefined): string[] {
  if (gw.group === Groups.GATEWAY_API) {
    return recs(gw.spec.listeners).map(l => { const h = str(l.hostname); return h === undefined || h === '' ? '*' : h; });
  }
  return recs(gw.spec.servers).flatMap(s => strs(s.hosts)).map(h => {
    const parsed = parseServerHost(h);
    const exportsTo = parsed.namespace === '*' || parsed.namespace === namespace
      || (parsed.namespace === '.' && gw.ref.namespace === namespace);
    return exportsTo ? parsed.host : undefined;
  }).filter((h): h is string => h !== undefined);
}

/**
 * AIM103: a gateway-bound VirtualService whose hosts a Gateway it names admits none of, or a host none of its Gateways admit.
 *
 * The first is `istioctl analyze`'s check (per Gateway); the second names the dead host, except when the
 * VirtualService is also bound to `mesh`, where a host no Gateway serves may be meant for in-mesh traffic.
 * Istio Gateways admit their servers' hosts (with `namespace/host` export); a Gateway API Gateway named in
 * `gateways` admits its listeners' hostnames (all hosts when a listener has none), as `istioctl analyze` reads them.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0132/
 */
export const HostNotServed: MeshRule = {
  code: 'AIM103',
  severity: Severity.ERROR,
  istioCode: 'IST0132',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0132/',
  explanation: "A VirtualService bound to Gateways has a host that no server of those Gateways admits (host and `namespace/host` export both count); Istio drops it.",
  fix: "add the host to a server of the Gateway (or a wildcard such as '*.example.com'), or export it to the VirtualService's namespace",
  check: index => {
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      if (!isClean(index, vs)) report(index, vs, out);
    }
    return out;
  },
};

/**
 * True when `report` would find nothing for `vs`: every Gateway it names admits one of its hosts, and (unless it
 * also serves the mesh) every host is admitted by one of them. Allocation-free, as it runs for every VirtualService.
 */
function isClean(index: ManifestIndex, vs: IndexedObject): boolean {
  const refs = strs(vs.spec.gateways);
  const hosts = strs(vs.spec.hosts);
  const namespace = vs.ref.namespace;
  let resolved = 0;
  let mesh = false;
  for (const ref of refs) {
    if (ref === 'mesh') { mesh = true; continue; }
    const gw = boundGateway(index, ref, namespace);
    if (gw === undefined) continue;
    resolved++;
    if (!admitsAny(gw, namespace, hosts)) return false;
  }
  if (resolved === 0 || mesh) return true;
  for (const host of hosts) {
    let admitted = false;
    for (const ref of refs) {
      const gw = ref === 'mesh' ? undefined : boundGateway(index, ref, namespace);
      if (gw !== undefined && admits(gw, namespace, host)) { admitted = true; break; }
    }
    if (!admitted) return false;
  }
  return true;
}

function admitsAny(gw: IndexedObject, namespace: string | undefined, hosts: readonly string[]): boolean {
  for (const host of hosts) if (admits(gw, namespace, host)) return true;
  return false;
}

/** True when one of the hosts `admittedHosts(gw, namespace)` lists overlaps `host`, read in place. */
function admits(gw: IndexedObject, namespace: string | undefined, host: string): boolean {
  if (gw.group === Groups.GATEWAY_API) {
    for (const l of recs(gw.spec.listeners)) {
      const h = str(l.hostname);
      if (hostsOverlap(h === undefined || h === '' ? '*' : h, host)) return true;
    }
    return false;
  }
  for (const server of recs(gw.spec.servers)) {
    for (const entry of strs(server.hosts)) {
      const slash = entry.indexOf('/');
      // A plain host is exported everywhere (`parseServerHost`); only `ns/host` entries are split.
      if (slash < 0) {
        if (hostsOverlap(entry, host)) return true;
      } else if (exportsTo(entry, slash, gw, namespace) && hostsOverlap(entry.slice(slash + 1), host)) {
        return true;
      }
    }
  }
  return false;
}

/** True when the namespace part (before `slash`) of a server host entry exports it to `namespace`, compared in place. */
function exportsTo(entry: string, slash: number, gw: IndexedObject, namespace: string | undefined): boolean {
  if (slash === 1 && entry.charCodeAt(0) === 42 /* '*' */) return true;
  if (namespace !== undefined && slash === namespace.length && entry.startsWith(namespace)) return true;
  return slash === 1 && entry.charCodeAt(0) === 46 /* '.' */ && gw.ref.namespace === namespace;
}

/** The findings for `vs`, with their messages (only run for a VirtualService `isClean` refused). */
function report(index: ManifestIndex, vs: IndexedObject, out: RuleViolation[]): void {
  const gateways = strs(vs.spec.gateways).filter(g => g !== 'mesh')
    .map(ref => boundGateway(index, ref, vs.ref.namespace))
    .filter(g => g !== undefined);
  if (gateways.length === 0) return;
  const hosts = strs(vs.spec.hosts);
  // As upstream: a Gateway that admits none of the hosts serves nothing of this VirtualService.
  // Decided with the same `admits` as `isClean`; `admittedHosts` only lists the hosts for the message.
  const refusing = gateways.filter(gw => !admitsAny(gw, vs.ref.namespace, hosts));
  for (const gw of refusing) {
    const admitted = admittedHosts(gw, vs.ref.namespace);
    out.push({
      target: vs,
      message: `${describeObject(vs.ref)} hosts ${hosts.map(h => `"${h}"`).join(', ') || '(none)'} are all not admitted by gateway ${gw.ref.namespace ?? ''}/${gw.ref.name} `
        + `(it admits ${admitted.length ? admitted.map(a => `"${a}"`).join(', ') : 'no host for this namespace'})`,
    });
  }
  // A host no Gateway admits is dead, unless the VirtualService also serves the mesh, where it may be meant.
  if (refusing.length === gateways.length || strs(vs.spec.gateways).includes('mesh')) return;
  const admitted = gateways.flatMap(gw => admittedHosts(gw, vs.ref.namespace));
  for (const host of hosts) {
    if (!gateways.some(gw => admits(gw, vs.ref.namespace, host))) {
      const names = gateways.map(g => `${g.ref.namespace ?? ''}/${g.ref.name}`).join(', ');
      out.push({
        target: vs,
        message: `${describeObject(vs.ref)} host "${host}" is not admitted by any server of its gateway(s) ${names} `
          + `(they admit ${admitted.length ? admitted.map(a => `"${a}"`).join(', ') : 'no host for this namespace'})`,
      });
    }
  }
}
