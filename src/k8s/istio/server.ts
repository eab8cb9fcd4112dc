import { IConstruct } from 'constructs';
import * as istio from '../../../imports/istio-networking.istio.io';
import { PortProtocol } from './port-protocol';
import { credentialNameOf } from '../private/tls-credential';
import { ITlsCredential, TlsCredentialSource } from '../tls-credential';
import { checkIstioHost, checkObjectName, checkPort, checkUnique, fail, isDnsLabel } from '../private/validation';

/** Protocols an Istio Gateway server can listen for (the shared Istio port protocols). */
export const ServerProtocol = PortProtocol;
export type ServerProtocol = PortProtocol;

/** TLS modes of a Gateway server. */
export enum ServerTlsMode {
  PASSTHROUGH = 'PASSTHROUGH',
  SIMPLE = 'SIMPLE',
  MUTUAL = 'MUTUAL',
  AUTO_PASSTHROUGH = 'AUTO_PASSTHROUGH',
  ISTIO_MUTUAL = 'ISTIO_MUTUAL',
  OPTIONAL_MUTUAL = 'OPTIONAL_MUTUAL',
}

/**
 * TLS settings of a Gateway server.
 *
 * @example ServerTls.simple('bookinfo-credential')
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
 */
export class ServerTls {
  /**
   * Terminates TLS with the certificate in a Secret of the gateway workload's namespace: its name, or the
   * construct that provides it (for example a `KeyVaultCertificate`).
   */
  public static simple(credential: TlsCredentialSource): ServerTls {
    return new ServerTls(ServerTlsMode.SIMPLE, credentialNameOf(credential), undefined, typeof credential === 'string' ? undefined : credential);
  }

  /**
   * Terminates TLS and requires client certificates, verified with the credential's CA (`ca.crt` in the Secret or
   * in `<credentialName>-cacert`; a `KeyVaultCertificate` needs `caCertificateObjectName`).
   */
  public static mutual(credential: TlsCredentialSource): ServerTls {
    return new ServerTls(ServerTlsMode.MUTUAL, credentialNameOf(credential), undefined, typeof credential === 'string' ? undefined : credential);
  }

  /** Forwards the TLS stream untouched, routed on SNI. */
  public static passthrough(): ServerTls {
    return new ServerTls(ServerTlsMode.PASSTHROUGH);
  }

  /** Istio mutual TLS between sidecars and the gateway (for example in front of an egress gateway). */
  public static istioMutual(): ServerTls {
    return new ServerTls(ServerTlsMode.ISTIO_MUTUAL);
  }

  /** For plaintext HTTP servers: answer every request with a 301 redirect to HTTPS. */
  public static httpsRedirect(): ServerTls {
    return new ServerTls(undefined, undefined, true);
  }

  private constructor(
    public readonly mode?: ServerTlsMode,
    public readonly credentialName?: string,
    public readonly httpsRedirect?: boolean,
    /** The construct that provides the credential, when one was given. */
    public readonly credential?: ITlsCredential,
  ) {}
}

/** A server (listening port and hosts) of an Istio Gateway. */
export interface ServerOptions {
  /** Port number the gateway listens on. */
  readonly port: number;
  /** Protocol on that port. */
  readonly protocol: ServerProtocol;
  /**
   * Port name.
   * @default - the protocol in lowercase, for example `http`
   */
  readonly portName?: string;
  /**
   * Hosts this server admits: `host`, `*.domain`, `*`, or `namespace/host` to limit which namespaces' VirtualServices may bind.
   */
  readonly hosts: string[];
  /** @default - no TLS (plaintext) */
  readonly tls?: ServerTls;
  /**
   * Server name, used in metrics.
   * @default - none
   */
  readonly name?: string;
}

const TLS_PROTOCOLS = new Set([ServerProtocol.HTTPS, ServerProtocol.TLS]);

/** Checks one server's own input; throws naming the construct and the bad value. */
export function checkServer(scope: IConstruct, server: ServerOptions, index: number): void {
  const field = `servers[${index}]`;
  checkPort(scope, `${field}.port`, server.port);
  if (!Object.values(ServerProtocol).includes(server.protocol)) {
    fail(scope, `'${field}.protocol' ${JSON.stringify(server.protocol)} is not one of ${Object.values(ServerProtocol).join(', ')}`);
  }
  if (server.portName !== undefined && !isDnsLabel(server.portName)) {
    fail(scope, `'${field}.portName' ${JSON.stringify(server.portName)} is not a valid port name (lowercase letters, digits and '-')`);
  }
  checkObjectName(scope, `${field}.name`, server.name);
  if (!server.hosts || server.hosts.length === 0) {
    fail(scope, `'${field}.hosts' is empty: a server needs at least one host ('*' admits any)`);
  }
  server.hosts.forEach((h, i) => checkIstioHost(scope, `${field}.hosts[${i}]`, h, { namespaced: true }));
  checkUnique(scope, `${field}.hosts`, server.hosts);
  const tls = server.tls;
  if (TLS_PROTOCOLS.has(server.protocol) && !tls?.mode) {
    fail(scope, `'${field}' is a ${server.protocol} server without a TLS mode; add tls: ServerTls.simple(credentialName), `
      + 'ServerTls.passthrough() or ServerTls.istioMutual()');
  }
  if (tls?.httpsRedirect && server.protocol !== ServerProtocol.HTTP) {
    fail(scope, `'${field}.tls' httpsRedirect only applies to HTTP servers, got protocol ${server.protocol}`);
  }
  if (tls?.mode && !TLS_PROTOCOLS.has(server.protocol)) {
    fail(scope, `'${field}.tls' mode ${tls.mode} needs protocol HTTPS or TLS, got ${server.protocol}`);
  }
  if (tls?.mode === ServerTlsMode.PASSTHROUGH && server.protocol !== ServerProtocol.TLS) {
    fail(scope, `'${field}.tls' PASSTHROUGH forwards raw TLS and needs protocol TLS, got ${server.protocol}`);
  }
  if ((tls?.mode === ServerTlsMode.SIMPLE || tls?.mode === ServerTlsMode.MUTUAL) && !tls.credentialName) {
    fail(scope, `'${field}.tls' mode ${tls.mode} has no credentialName; pass the TLS Secret's name or a KeyVaultCertificate `
      + `to ServerTls.${tls.mode === ServerTlsMode.SIMPLE ? 'simple' : 'mutual'}(...)`);
  }
  if (tls?.credentialName !== undefined) checkObjectName(scope, `${field}.tls.credentialName`, tls.credentialName);
  if (tls?.mode === ServerTlsMode.MUTUAL && tls.credential && !tls.credential.hasCaCertificate) {
    fail(scope, `'${field}.tls' is MUTUAL, but credential '${tls.credentialName}' has no CA to verify client certificates with; `
      + "set 'caCertificateObjectName' on the KeyVaultCertificate, or use ServerTls.simple");
  }
}

/** The Istio wire form of a server. */
export function renderServer(server: ServerOptions): istio.GatewaySpecServers {
  const tls = server.tls;
  return {
    name: server.name,
    port: {
      number: server.port,
      name: server.portName ?? server.protocol.toLowerCase(),
      protocol: server.protocol,
    },
    hosts: [...server.hosts],
    tls: tls && {
      httpsRedirect: tls.httpsRedirect,
      mode: tls.mode as istio.GatewaySpecServersTlsMode | undefined,
      credentialName: tls.credentialName,
    },
  };
}
