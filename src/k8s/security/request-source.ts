import { IConstruct } from 'constructs';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { fail, isDnsLabel } from '../private/validation';
import { checkIpBlock, checkMatchValues } from './private/match-values';

/**
 * The fields of one `from.source` of an AuthorizationPolicy rule; every field set must match (AND),
 * and any value within a field may match (OR).
 */
export interface RequestSourceOptions {
  /**
   * Peer identities `<trust domain>/ns/<namespace>/sa/<service account>` (mutual TLS required).
   * Build them with `RequestSource.serviceAccount`.
   * @default - any peer
   */
  readonly principals?: string[];
  /** @default - none excluded */
  readonly notPrincipals?: string[];
  /** Namespaces of the peer workload (mutual TLS required). @default - any namespace */
  readonly namespaces?: string[];
  /** @default - none excluded */
  readonly notNamespaces?: string[];
  /** Peer IP addresses or CIDR blocks (the address the sidecar sees). @default - any address */
  readonly ipBlocks?: string[];
  /** @default - none excluded */
  readonly notIpBlocks?: string[];
  /** Original client addresses from `X-Forwarded-For` or the PROXY protocol. @default - any address */
  readonly remoteIpBlocks?: string[];
  /** @default - none excluded */
  readonly notRemoteIpBlocks?: string[];
  /** JWT identities `<iss>/<sub>` validated by a RequestAuthentication; `*` means any valid token. @default - with or without a token */
  readonly requestPrincipals?: string[];
  /** @default - none excluded */
  readonly notRequestPrincipals?: string[];
}

/**
 * Who a request comes from, for the `from` part of an AuthorizationPolicy rule.
 *
 * Principals and namespaces are read from the peer's mutual TLS certificate: they never match
 * plaintext traffic, so use them with STRICT mTLS.
 *
 * @example RequestSource.serviceAccount('bookinfo', 'bookinfo-productpage')
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Source
 */
export class RequestSource {
  /**
   * Workloads running as one Kubernetes service account: principal
   * `cluster.local/ns/<namespace>/sa/<serviceAccount>` (the add-on's trust domain).
   */
  public static serviceAccount(namespace: string, serviceAccount: string): RequestSource {
    return new RequestSource({ principals: [MeshIdentity.principal(namespace, serviceAccount)] });
  }

  /** Peers by principal, each `<trust domain>/ns/<namespace>/sa/<service account>` (or Istio's `*` forms). */
  public static principals(...principals: string[]): RequestSource {
    return new RequestSource({ principals });
  }

  /** Workloads in any of these namespaces. */
  public static namespaces(...namespaces: string[]): RequestSource {
    return new RequestSource({ namespaces });
  }

  /** Peers whose address is in one of these IPs or CIDR blocks. */
  public static ipBlocks(...blocks: string[]): RequestSource {
    return new RequestSource({ ipBlocks: blocks });
  }

  /** Original clients (X-Forwarded-For or PROXY protocol) in one of these IPs or CIDR blocks. */
  public static remoteIpBlocks(...blocks: string[]): RequestSource {
    return new RequestSource({ remoteIpBlocks: blocks });
  }

  /** Requests carrying a JWT whose `<iss>/<sub>` is one of these; `RequestSource.anyRequestPrincipal()` for any valid token. */
  public static requestPrincipals(...requestPrincipals: string[]): RequestSource {
    return new RequestSource({ requestPrincipals });
  }

  /** Requests carrying any token a RequestAuthentication validated (`requestPrincipals: ["*"]`). */
  public static anyRequestPrincipal(): RequestSource {
    return new RequestSource({ requestPrincipals: ['*'] });
  }

  /** Requests without a valid token (`notRequestPrincipals: ["*"]`): what a DENY policy that makes a JWT mandatory matches. */
  public static withoutRequestPrincipal(): RequestSource {
    return new RequestSource({ notRequestPrincipals: ['*'] });
  }

  /** Several conditions on the source at once (all must match). */
  public static matching(options: RequestSourceOptions): RequestSource {
    return new RequestSource(options);
  }

  private constructor(public readonly options: RequestSourceOptions) {}

  /** True when the source matches on peer identity (principals or namespaces), which needs mutual TLS. */
  public get needsMtls(): boolean {
    const o = this.options;
    return [o.principals, o.notPrincipals, o.namespaces, o.notNamespaces].some(v => v !== undefined && v.length > 0);
  }

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    const o = this.options;
    const set = Object.entries(o).filter(([, v]) => v !== undefined);
    if (set.length === 0) {
      fail(scope, `'${field}' has no field set, so it would match every source; drop it from 'from' or set principals, namespaces, ipBlocks or requestPrincipals`);
    }
    for (const [key, values] of set as [string, string[]][]) {
      checkMatchValues(scope, `${field}.${key}`, values);
      values.forEach((v, i) => {
        const at = `${field}.${key}[${i}]`;
        if (key === 'principals' || key === 'notPrincipals') checkPrincipal(scope, at, v);
        if (key === 'namespaces' || key === 'notNamespaces') checkNamespacePattern(scope, at, v);
        if (key.toLowerCase().includes('ipblocks')) checkIpBlock(scope, at, v);
        if ((key === 'requestPrincipals' || key === 'notRequestPrincipals') && v !== '*' && !v.includes('/')) {
          fail(scope, `'${at}' ${JSON.stringify(v)} is not a request principal: use '<issuer>/<subject>' (for example 'https://login.example.com/alice') or '*' for any valid token`);
        }
      });
    }
  }

  /** @internal */
  public _render(): RequestSourceOptions {
    const o = this.options;
    return {
      principals: o.principals, notPrincipals: o.notPrincipals,
      namespaces: o.namespaces, notNamespaces: o.notNamespaces,
      ipBlocks: o.ipBlocks, notIpBlocks: o.notIpBlocks,
      remoteIpBlocks: o.remoteIpBlocks, notRemoteIpBlocks: o.notRemoteIpBlocks,
      requestPrincipals: o.requestPrincipals, notRequestPrincipals: o.notRequestPrincipals,
    };
  }
}

/**
 * A principal is `<trust domain>/ns/<namespace>/sa/<service account>`; Istio also matches `*`, a
 * leading `*` (suffix match) and a trailing `*` (prefix match), which are accepted as written.
 */
function checkPrincipal(scope: IConstruct, field: string, value: string): void {
  if (value === '*' || value.startsWith('*') || value.endsWith('*')) return;
  if (value.startsWith('spiffe://')) {
    fail(scope, `'${field}' ${JSON.stringify(value)}: principals are written without 'spiffe://'; use ${JSON.stringify(value.slice('spiffe://'.length))}`);
  }
  if (MeshIdentity.parsePrincipal(value) === undefined) {
    fail(scope, `'${field}' ${JSON.stringify(value)} is not a principal of the form '<trust domain>/ns/<namespace>/sa/<service account>' `
      + `(for example '${MeshIdentity.principal('bookinfo', 'bookinfo-productpage')}'); build it with RequestSource.serviceAccount(namespace, serviceAccount)`);
  }
}

function checkNamespacePattern(scope: IConstruct, field: string, value: string): void {
  if (value === '*') return;
  const bare = value.startsWith('*') ? value.slice(1) : value.endsWith('*') ? value.slice(0, -1) : value;
  if (bare !== '' && !/^[-a-z0-9]+$/.test(bare)) {
    fail(scope, `'${field}' ${JSON.stringify(value)} is not a namespace name (lowercase letters, digits and '-', optionally with a leading or trailing '*')`);
  }
  if (bare === value && !isDnsLabel(value)) {
    fail(scope, `'${field}' ${JSON.stringify(value)} is not a valid namespace name (at most 63 lowercase letters, digits and '-')`);
  }
}
