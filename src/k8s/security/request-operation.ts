import { IConstruct } from 'constructs';
import { checkPort, fail } from '../private/validation';
import { checkMatchValues } from './private/match-values';

/** The fields of one `to.operation` of an AuthorizationPolicy rule; every field set must match. */
export interface RequestOperationOptions {
  /** Request hosts (`Host` / `:authority`), exact or with a leading or trailing `*`. @default - any host */
  readonly hosts?: string[];
  /** @default - none excluded */
  readonly notHosts?: string[];
  /** HTTP methods such as `GET`. @default - any method */
  readonly methods?: string[];
  /** @default - none excluded */
  readonly notMethods?: string[];
  /** Request paths, exact or with a leading or trailing `*` (Istio normalizes the path first). @default - any path */
  readonly paths?: string[];
  /** @default - none excluded */
  readonly notPaths?: string[];
  /** Destination (container) ports. @default - any port */
  readonly ports?: number[];
  /** @default - none excluded */
  readonly notPorts?: number[];
}

const HTTP_METHOD = /^[A-Z]+$/;

/**
 * What a request does, for the `to` part of an AuthorizationPolicy rule.
 *
 * @example RequestOperation.matching({ methods: ['GET'], paths: ['/productpage', '/static/*'] })
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
 */
export class RequestOperation {
  /** Requests to any of these paths (`/api/*` for a prefix). */
  public static paths(...paths: string[]): RequestOperation {
    return new RequestOperation({ paths });
  }

  /** Requests with any of these HTTP methods. */
  public static methods(...methods: string[]): RequestOperation {
    return new RequestOperation({ methods });
  }

  /** Requests for any of these hosts. */
  public static hosts(...hosts: string[]): RequestOperation {
    return new RequestOperation({ hosts });
  }

  /** Traffic to any of these destination ports (also works for TCP). */
  public static ports(...ports: number[]): RequestOperation {
    return new RequestOperation({ ports });
  }

  /** Several conditions on the request at once (all must match). */
  public static matching(options: RequestOperationOptions): RequestOperation {
    return new RequestOperation(options);
  }

  private constructor(public readonly options: RequestOperationOptions) {}

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    const o = this.options;
    const set = Object.entries(o).filter(([, v]) => v !== undefined);
    if (set.length === 0) {
      fail(scope, `'${field}' has no field set, so it would match every request; drop it from 'to' or set hosts, methods, paths or ports`);
    }
    for (const key of ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const) {
      const values = o[key];
      if (values === undefined) continue;
      checkMatchValues(scope, `${field}.${key}`, values);
      values.forEach((v, i) => {
        if ((key === 'methods' || key === 'notMethods') && !HTTP_METHOD.test(v)) {
          fail(scope, `'${field}.${key}[${i}]' ${JSON.stringify(v)} is not an HTTP method; methods are upper case, for example 'GET' or 'POST'`);
        }
        if ((key === 'paths' || key === 'notPaths') && !(v === '*' || v.startsWith('/') || v.startsWith('*'))) {
          fail(scope, `'${field}.${key}[${i}]' ${JSON.stringify(v)} is not a path: start it with '/' (or '*' for a suffix match)`);
        }
      });
    }
    for (const key of ['ports', 'notPorts'] as const) {
      const ports = o[key];
      if (ports === undefined) continue;
      if (ports.length === 0) fail(scope, `'${field}.${key}' is an empty list, which Istio rejects; leave the field out or give at least one port`);
      ports.forEach((p, i) => checkPort(scope, `${field}.${key}[${i}]`, p));
    }
  }

  /** @internal */
  public _render(): Record<string, string[] | undefined> {
    const o = this.options;
    return {
      hosts: o.hosts, notHosts: o.notHosts, methods: o.methods, notMethods: o.notMethods,
      paths: o.paths, notPaths: o.notPaths,
      ports: o.ports?.map(String), notPorts: o.notPorts?.map(String),
    };
  }
}
