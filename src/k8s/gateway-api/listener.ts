import { IConstruct } from 'constructs';
import * as gwapi from '../../../imports/gateway-api-gateway.networking.k8s.io';
import { checkObjectName, checkPort, fail, isDnsLabel, isHostname } from '../private/validation';
import { credentialNameOf } from '../private/tls-credential';
import { TlsCredentialSource } from '../tls-credential';

/** Listener protocols of the Gateway API standard channel. */
export enum ListenerProtocol {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  TLS = 'TLS',
  TCP = 'TCP',
  UDP = 'UDP',
}

/**
 * Which namespaces' routes may attach to a listener.
 *
 * @example AllowedRoutes.fromNamespacesWithLabels({ 'mesh.example.com/ingress': 'external' })
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#allowedroutes
 */
export class AllowedRoutes {
  /** Routes in the Gateway's own namespace only (the Gateway API default). */
  public static fromSameNamespace(): AllowedRoutes {
    return new AllowedRoutes('Same');
  }

  /** Routes in every namespace. */
  public static fromAllNamespaces(): AllowedRoutes {
    return new AllowedRoutes('All');
  }

  /** Routes in namespaces carrying these labels. */
  public static fromNamespacesWithLabels(labels: Record<string, string>): AllowedRoutes {
    return new AllowedRoutes('Selector', labels);
  }

  private constructor(public readonly from: 'Same' | 'All' | 'Selector', public readonly labels?: Record<string, string>) {}

  /** @internal */
  public _render(): gwapi.GatewaySpecListenersAllowedRoutes {
    return {
      namespaces: {
        from: this.from as gwapi.GatewaySpecListenersAllowedRoutesNamespacesFrom,
        selector: this.labels && { matchLabels: { ...this.labels } },
      },
    };
  }
}

/** TLS of a listener. */
export class ListenerTls {
  /**
   * Terminate TLS with certificates from these Secrets (in the Gateway's namespace): names, or the
   * constructs that provide them (for example a `KeyVaultCertificate`).
   */
  public static terminate(...credentials: TlsCredentialSource[]): ListenerTls {
    return new ListenerTls('Terminate', credentials.map(credentialNameOf),
      credentials.map(c => typeof c === 'string' ? undefined : c.credentialNamespace));
  }

  /** Forward the TLS stream untouched (protocol TLS only). */
  public static passthrough(): ListenerTls {
    return new ListenerTls('Passthrough', []);
  }

  private constructor(
    public readonly mode: 'Terminate' | 'Passthrough',
    public readonly secretNames: string[],
    /** Namespace of each Secret when a construct provided it. @internal */
    public readonly _secretNamespaces: (string | undefined)[] = [],
  ) {}
}

/** A listener of a Gateway API Gateway. */
export interface ListenerOptions {
  /** Listener name, unique in the Gateway; routes pick it with `sectionName`. */
  readonly name: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  /** Hostname, optionally `*.domain`. @default - any hostname */
  readonly hostname?: string;
  /** @default - routes from the Gateway's namespace only */
  readonly allowedRoutes?: AllowedRoutes;
  /** Required for HTTPS and TLS. @default - none */
  readonly tls?: ListenerTls;
}

const MAX_LISTENERS = 64;

/** Checks one listener against the rules the Gateway API CRD enforces. */
export function checkListener(scope: IConstruct, listener: ListenerOptions, index: number, existing: readonly ListenerOptions[]): void {
  const field = `listeners[${index}]`;
  if (existing.length >= MAX_LISTENERS) fail(scope, `'${field}': a Gateway has at most ${MAX_LISTENERS} listeners`);
  if (!isDnsLabel(listener.name)) {
    fail(scope, `'${field}.name' ${JSON.stringify(listener.name)} is not a valid listener name (lowercase letters, digits and '-')`);
  }
  if (existing.some(l => l.name === listener.name)) fail(scope, `'${field}.name' '${listener.name}' is used by another listener`);
  checkPort(scope, `${field}.port`, listener.port);
  if (!Object.values(ListenerProtocol).includes(listener.protocol)) {
    fail(scope, `'${field}.protocol' ${JSON.stringify(listener.protocol)} is not one of ${Object.values(ListenerProtocol).join(', ')}`);
  }
  if (listener.hostname !== undefined) {
    if (!isHostname(listener.hostname, false)) {
      fail(scope, `'${field}.hostname' ${JSON.stringify(listener.hostname)} is not a valid hostname; use a lowercase DNS name, `
        + "optionally starting with '*.', or leave it out to accept any host");
    }
    if (listener.protocol === ListenerProtocol.TCP || listener.protocol === ListenerProtocol.UDP) {
      fail(scope, `'${field}.hostname' must not be set for protocol ${listener.protocol}`);
    }
  }
  const secure = listener.protocol === ListenerProtocol.HTTPS || listener.protocol === ListenerProtocol.TLS;
  if (secure && !listener.tls) fail(scope, `'${field}' has protocol ${listener.protocol} and needs 'tls' (ListenerTls.terminate(secretName))`);
  if (!secure && listener.tls) fail(scope, `'${field}.tls' is only valid for HTTPS and TLS listeners, got ${listener.protocol}`);
  if (listener.protocol === ListenerProtocol.HTTPS && listener.tls?.mode === 'Passthrough') {
    fail(scope, `'${field}.tls' Passthrough needs protocol TLS; HTTPS listeners terminate TLS`);
  }
  if (listener.tls?.mode === 'Terminate' && listener.tls.secretNames.length === 0) {
    fail(scope, `'${field}.tls' terminates TLS but names no certificate Secret`);
  }
  listener.tls?.secretNames.forEach((s, i) => checkObjectName(scope, `${field}.tls.certificateRefs[${i}]`, s));
  const clash = existing.find(l => l.port === listener.port && l.protocol === listener.protocol && l.hostname === listener.hostname);
  if (clash) {
    fail(scope, `'${field}' repeats port ${listener.port}, protocol ${listener.protocol} and hostname ${listener.hostname ?? '(any)'} `
      + `of listener '${clash.name}'; each combination must be unique`);
  }
}

/** The wire form of a listener. */
export function renderListener(listener: ListenerOptions, gatewayNamespace?: string): gwapi.GatewaySpecListeners {
  const tls = listener.tls;
  return {
    name: listener.name,
    hostname: listener.hostname,
    port: listener.port,
    protocol: listener.protocol,
    tls: listener.tls && {
      mode: listener.tls.mode as gwapi.GatewaySpecListenersTlsMode,
      certificateRefs: listener.tls.mode === 'Terminate'
        ? listener.tls.secretNames.map((name, i) => {
          // A Secret in another namespace needs a ReferenceGrant there; the namespace is only written when it differs.
          const ns = tls?._secretNamespaces[i];
          return ns !== undefined && ns !== gatewayNamespace ? { name, namespace: ns } : { name };
        })
        : undefined,
    },
    allowedRoutes: listener.allowedRoutes?._render(),
  };
}
