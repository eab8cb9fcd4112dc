import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { durationString } from '../private/duration';
import { checkPort, fail, isHostname } from '../private/validation';

/** Options shared by the external authorizer providers. */
export interface ExternalAuthorizerOptions {
  /**
   * The authorizer's Service, as a fully qualified host (`ext-authz.foo.svc.cluster.local`) or
   * `<namespace>/<host>`.
   */
  readonly service: string;
  /** The authorizer's port. */
  readonly port: number;
  /** @default - Envoy's default (600ms) */
  readonly timeout?: Duration;
  /** Let requests through when the authorizer cannot be reached. @default false */
  readonly failOpen?: boolean;
}

/** Options of an HTTP external authorizer. */
export interface HttpExternalAuthorizerOptions extends ExternalAuthorizerOptions {
  /** Prefix added to the path of the check request. @default - none */
  readonly pathPrefix?: string;
  /** Request headers sent to the authorizer. @default - Envoy's default set (Host, Method, Path, Content-Length, Authorization) */
  readonly includeRequestHeadersInCheck?: string[];
  /** Authorizer response headers added to the request sent upstream when allowed. @default - none */
  readonly headersToUpstreamOnAllow?: string[];
  /** Authorizer response headers returned to the client when denied. @default - all of them */
  readonly headersToDownstreamOnDeny?: string[];
}

/**
 * An extension provider of the mesh configuration (`extensionProviders`), such as an external
 * authorizer that AuthorizationPolicies with action CUSTOM delegate to.
 *
 * AKS allows `extensionProviders` in the shared MeshConfig but does not support it: `SharedMeshConfig`
 * warns when it is set.
 *
 * @example ExtensionProvider.envoyExtAuthzHttp('ext-authz', { service: 'ext-authz.auth.svc.cluster.local', port: 8000 })
 * @see https://istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshConfig-ExtensionProvider
 * @see https://istio.io/latest/docs/tasks/security/authorization/authz-custom/
 */
export class ExtensionProvider {
  /** An external authorizer called over HTTP (Envoy `ext_authz`). */
  public static envoyExtAuthzHttp(name: string, options: HttpExternalAuthorizerOptions): ExtensionProvider {
    return new ExtensionProvider(name, 'envoyExtAuthzHttp', options);
  }

  /** An external authorizer called over gRPC (Envoy `ext_authz`). */
  public static envoyExtAuthzGrpc(name: string, options: ExternalAuthorizerOptions): ExtensionProvider {
    return new ExtensionProvider(name, 'envoyExtAuthzGrpc', options);
  }

  private constructor(
    /** The name AuthorizationPolicies refer to (`provider.name`). */
    public readonly name: string,
    private readonly type: 'envoyExtAuthzHttp' | 'envoyExtAuthzGrpc',
    private readonly options: HttpExternalAuthorizerOptions,
  ) {}

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    if (!/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(this.name)) {
      fail(scope, `'${field}.name' ${JSON.stringify(this.name)} is not a usable provider name (letters, digits, '-', '_' and '.')`);
    }
    const service = this.options.service;
    const host = service.includes('/') ? service.slice(service.indexOf('/') + 1) : service;
    if (!isHostname(host, false)) {
      fail(scope, `'${field}.service' ${JSON.stringify(service)} is not a host; use the Service's FQDN, for example 'ext-authz.auth.svc.cluster.local'`);
    }
    checkPort(scope, `${field}.port`, this.options.port);
    if (this.options.pathPrefix !== undefined && !this.options.pathPrefix.startsWith('/')) {
      fail(scope, `'${field}.pathPrefix' ${JSON.stringify(this.options.pathPrefix)} must start with '/'`);
    }
  }

  /** @internal */
  public _render(): Record<string, unknown> {
    const o = this.options;
    const body: Record<string, unknown> = {
      service: o.service,
      port: o.port,
      timeout: o.timeout && durationString(o.timeout),
      failOpen: o.failOpen,
      pathPrefix: o.pathPrefix,
      includeRequestHeadersInCheck: o.includeRequestHeadersInCheck,
      headersToUpstreamOnAllow: o.headersToUpstreamOnAllow,
      headersToDownstreamOnDeny: o.headersToDownstreamOnDeny,
    };
    return { name: this.name, [this.type]: Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
  }
}
