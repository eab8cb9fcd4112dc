import { IConstruct } from 'constructs';
import { fail } from '../private/validation';
import { checkIpBlock, checkMatchValues } from './private/match-values';

const EXACT_KEYS = new Set([
  'source.ip', 'remote.ip', 'source.namespace', 'source.principal', 'source.serviceAccount', 'source.trustDomain',
  'request.auth.principal', 'request.auth.audiences', 'request.auth.presenter', 'destination.ip', 'destination.port',
  'connection.sni',
]);
const BRACKET_KEYS = ['request.headers', 'request.auth.claims'];
const REPLACED: Record<string, string> = {
  'destination.namespace': "the policy's own namespace (metadata.namespace)",
  'destination.labels': "the policy's workload selector",
  'destination.name': 'a workload selector (the attribute only existed in v1alpha1)',
  'destination.user': 'a workload selector (the attribute only existed in v1alpha1)',
};

/** Options for `RequestCondition.of`. */
export interface RequestConditionOptions {
  /** Values the attribute must not have (besides having one of `values`). @default - none */
  readonly notValues?: string[];
}

/**
 * An extra condition of an AuthorizationPolicy rule (`when`): an Istio attribute and the values it
 * must (or must not) have.
 *
 * @example RequestCondition.of('request.auth.claims[groups]', ['admins'])
 * @see https://istio.io/latest/docs/reference/config/security/conditions/
 */
export class RequestCondition {
  /**
   * A condition on attribute `key`: `request.headers[<name>]`, `source.ip`, `remote.ip`, `source.namespace`,
   * `source.principal`, `request.auth.principal`, `request.auth.audiences`, `request.auth.presenter`,
   * `request.auth.claims[<claim>]`, `destination.ip`, `destination.port`, `connection.sni`, `experimental.envoy.filters.*`.
   */
  public static of(key: string, values: string[], options: RequestConditionOptions = {}): RequestCondition {
    return new RequestCondition(key, values.length > 0 ? values : undefined, options.notValues);
  }

  /** A condition that attribute `key` has none of `notValues`. */
  public static not(key: string, notValues: string[]): RequestCondition {
    return new RequestCondition(key, undefined, notValues);
  }

  private constructor(
    public readonly key: string,
    public readonly values: string[] | undefined,
    public readonly notValues: string[] | undefined,
  ) {}

  /** @internal */
  public _check(scope: IConstruct, field: string): void {
    checkConditionKey(scope, `${field}.key`, this.key);
    if (this.values === undefined && (this.notValues === undefined || this.notValues.length === 0)) {
      fail(scope, `'${field}' on ${JSON.stringify(this.key)} has neither values nor notValues, which Istio rejects; give at least one`);
    }
    if (this.values) checkMatchValues(scope, `${field}.values`, this.values);
    if (this.notValues) checkMatchValues(scope, `${field}.notValues`, this.notValues);
    const all = [...this.values ?? [], ...this.notValues ?? []];
    if (['source.ip', 'remote.ip', 'destination.ip'].includes(this.key)) {
      all.forEach((v, i) => checkIpBlock(scope, `${field}.values[${i}]`, v));
    }
    if (this.key === 'destination.port') {
      all.forEach((v, i) => {
        if (!/^\d+$/.test(v) || Number(v) > 65535) fail(scope, `'${field}.values[${i}]' ${JSON.stringify(v)} is not a port number (0 to 65535)`);
      });
    }
  }

  /** @internal */
  public _render(): { key: string; values?: string[]; notValues?: string[] } {
    return { key: this.key, values: this.values, notValues: this.notValues };
  }
}

function checkConditionKey(scope: IConstruct, field: string, key: string): void {
  if (EXACT_KEYS.has(key) || key.startsWith('experimental.envoy.filters.')) return;
  const bracketed = BRACKET_KEYS.find(prefix => key.startsWith(`${prefix}[`));
  if (bracketed !== undefined) {
    if (!key.endsWith(']') || key.length <= bracketed.length + 2) {
      fail(scope, `'${field}' ${JSON.stringify(key)} needs a name in brackets, for example '${bracketed}[${bracketed === 'request.headers' ? 'User-Agent' : 'iss'}]'`);
    }
    return;
  }
  const replaced = Object.entries(REPLACED).find(([k]) => key === k || key.startsWith(`${k}[`));
  if (replaced) fail(scope, `'${field}' ${JSON.stringify(key)} is not supported by Istio's AuthorizationPolicy; use ${replaced[1]} instead`);
  fail(scope, `'${field}' ${JSON.stringify(key)} is not an Istio authorization attribute; use one of ${[...EXACT_KEYS].join(', ')}, `
    + "request.headers[<name>], request.auth.claims[<claim>] or experimental.envoy.filters.*");
}
