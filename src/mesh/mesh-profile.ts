import { AksNames } from './aks-names';
import { IngressGatewayType } from './ingress-gateway-type';
import { MeshProfileError, MeshProfileProblem } from './mesh-profile-error';
import {
  EgressGatewayOptions, GatewayNodePoolOptions, KeyVaultOptions, MeshProfileProps, PluginCaOptions,
} from './mesh-profile-props';
import { checkField, childPath, describeValue, isPlainRecord } from './private/field-check';
import { PROFILE_FIELDS } from './private/profile-fields';
import { findKnownRevision, isPastEndOfLife, KNOWN_REVISIONS, MAX_UPGRADE_JUMP, revisionMinor } from './revision';

const PROFILE_FORMAT = 'aks-istio-mesh/v1';
const FIRST_GATEWAY_API_MINOR = 26;

/** A managed ingress gateway of this mesh, with the names AKS gives it. */
export interface IngressGatewayRef {
  readonly type: IngressGatewayType;
  /** Managed LoadBalancer Service name. */
  readonly serviceName: string;
  readonly namespace: string;
  /** Labels an Istio `Gateway` selects the gateway pods with. */
  readonly selector: Record<string, string>;
  /** In-cluster FQDN of the Service. */
  readonly fqdn: string;
}

/** A managed egress gateway of this mesh, with the names AKS gives it. */
export interface EgressGatewayRef {
  readonly name: string;
  readonly namespace: string;
  readonly gatewayConfigurationName: string;
  readonly gatewayNodePoolName: string;
  /** Labels an Istio `Gateway` selects the gateway pods with. */
  readonly selector: Record<string, string>;
  /** `<name>.<namespace>.svc.cluster.local` */
  readonly fqdn: string;
}

/** Options for building a profile. */
export interface MeshProfileOptions {
  /**
   * The date end-of-life warnings are computed against.
   * @default - now
   */
  readonly now?: Date;
}

/**
 * One AKS Istio mesh, described once and read by both the cdktf and the cdk8s side.
 *
 * It validates itself when built: a profile that AKS would refuse throws, naming every bad field.
 * What AKS would accept but you probably do not want is listed in `warnings`.
 *
 * @example
 * const profile = new MeshProfile({
 *   revisions: ['asm-1-30'],
 *   ingressGateways: { external: true, internal: true },
 *   gatewayApi: true,
 * });
 */
export class MeshProfile {
  /**
   * Reads a profile written by `toJson()` (for example by the cdktf app), validating it again.
   *
   * Unknown fields (with a "did you mean" for near misses), wrong types, out-of-range numbers and
   * oversize strings are all reported at once, each with its JSON path (`$.egressGateways[0].name`).
   * @throws MeshProfileError naming every problem
   */
  public static fromJson(json: unknown, options: MeshProfileOptions = {}): MeshProfile {
    if (!isPlainRecord(json)) {
      throw new MeshProfileError([{ path: '$', message: `a mesh profile must be a JSON object, got ${describeValue(json)}` }]);
    }
    const { format, ...props } = json;
    const problems: MeshProfileProblem[] = [];
    if (format !== undefined && format !== PROFILE_FORMAT) {
      problems.push({ path: childPath('$', 'format'), message: `is ${describeValue(format)}; this library reads '${PROFILE_FORMAT}'` });
    }
    if (problems.length === 0) return new MeshProfile(props as unknown as MeshProfileProps, options);
    try {
      new MeshProfile(props as unknown as MeshProfileProps, options);
    } catch (e) {
      if (e instanceof MeshProfileError) problems.push(...e.problems);
      else throw e;
    }
    throw new MeshProfileError(problems);
  }

  public readonly revisions: readonly string[];
  /** The revision namespaces are labelled with. */
  public readonly injectionRevision: string;
  public readonly gatewayApi: boolean;
  public readonly pluginCa?: PluginCaOptions;
  /** The Key Vault secure ingress certificates come from. */
  public readonly keyVault?: KeyVaultOptions;
  public readonly gatewayNodePools: readonly Required<GatewayNodePoolOptions>[];
  /** Things AKS accepts but that are probably not what you want (end of life, defaulted selectors). */
  public readonly warnings: readonly string[];

  private readonly props: MeshProfileProps;
  private readonly ingress: ReadonlySet<IngressGatewayType>;
  private readonly egress: readonly EgressGatewayRef[];

  /**
   * Builds and validates a profile.
   * @throws MeshProfileError naming every problem, each with its path (`$.revisions[1]`)
   */
  public constructor(props: MeshProfileProps, options: MeshProfileOptions = {}) {
    const problems: MeshProfileProblem[] = [];
    const warnings: string[] = [];
    checkField(props, PROFILE_FIELDS, '$', problems);
    if (isPlainRecord(props)) checkAcrossFields(props, problems, warnings, options.now ?? new Date());
    if (problems.length > 0) throw new MeshProfileError(problems);

    // A copy, so changing the caller's arrays later cannot make toJson() disagree with this profile.
    this.props = JSON.parse(JSON.stringify(props));
    this.revisions = [...this.props.revisions].sort((a, b) => revisionMinor(a)! - revisionMinor(b)!);
    this.injectionRevision = this.props.injectionRevision ?? this.revisions[0];
    this.gatewayApi = this.props.gatewayApi ?? false;
    this.pluginCa = this.props.pluginCa;
    this.keyVault = this.props.keyVault;
    this.gatewayNodePools = (this.props.gatewayNodePools ?? []).map(p => ({ name: p.name, publicIpPrefixSize: p.publicIpPrefixSize ?? 31 }));
    const ingress = new Set<IngressGatewayType>();
    if (this.props.ingressGateways?.external) ingress.add(IngressGatewayType.EXTERNAL);
    if (this.props.ingressGateways?.internal) ingress.add(IngressGatewayType.INTERNAL);
    this.ingress = ingress;
    this.egress = (this.props.egressGateways ?? []).map(e => toEgressRef(e, warnings));
    this.warnings = warnings;
  }

  /** The managed ingress gateways this profile enables. */
  public get ingressGatewayTypes(): IngressGatewayType[] {
    return [IngressGatewayType.EXTERNAL, IngressGatewayType.INTERNAL].filter(t => this.ingress.has(t));
  }

  /** True when the profile enables this managed ingress gateway. */
  public isIngressGatewayEnabled(type: IngressGatewayType): boolean {
    return this.ingress.has(type);
  }

  /**
   * The managed ingress gateway of this type.
   * @throws when the profile does not enable it
   */
  public ingressGateway(type: IngressGatewayType): IngressGatewayRef {
    if (!this.ingress.has(type)) {
      const enabled = this.ingressGatewayTypes;
      throw new Error(`The mesh profile does not enable the ${type} ingress gateway `
        + `(enabled: ${enabled.length ? enabled.join(', ') : 'none'}); set 'ingressGateways.${type}': true in the profile`);
    }
    return ingressRef(type);
  }

  /** The egress gateways this profile declares. */
  public get egressGateways(): readonly EgressGatewayRef[] {
    return this.egress;
  }

  /**
   * The declared egress gateway with this name (and namespace, when several share the name).
   * @throws when the profile does not declare it
   */
  public egressGateway(name: string, namespace?: string): EgressGatewayRef {
    const matches = this.egress.filter(e => e.name === name && (namespace === undefined || e.namespace === namespace));
    if (matches.length === 1) return matches[0];
    const declared = this.egress.map(e => `${e.namespace}/${e.name}`);
    if (matches.length > 1) {
      throw new Error(`Egress gateway '${name}' is declared in several namespaces (${matches.map(m => m.namespace).join(', ')}); pass the namespace`);
    }
    throw new Error(`The mesh profile declares no egress gateway '${namespace ? `${namespace}/` : ''}${name}' `
      + `(declared: ${declared.length ? declared.join(', ') : 'none'}); add it to 'egressGateways' in the profile`);
  }

  /** True when `revision` is one of the profile's revisions. */
  public hasRevision(revision: string): boolean {
    return this.revisions.includes(revision);
  }

  /** Shared MeshConfig ConfigMap names, one per revision. */
  public get sharedMeshConfigNames(): string[] {
    return this.revisions.map(r => AksNames.sharedMeshConfigName(r));
  }

  /** The profile as JSON, for the other synthesizer or another repository to read with `fromJson`. */
  public toJson(): Record<string, unknown> {
    return JSON.parse(JSON.stringify({ format: PROFILE_FORMAT, ...this.props }));
  }
}

/** The names AKS gives a managed ingress gateway, whether or not a profile enables it. */
export function ingressRef(type: IngressGatewayType): IngressGatewayRef {
  const serviceName = AksNames.ingressServiceName(type);
  return {
    type,
    serviceName,
    namespace: AksNames.INGRESS_NAMESPACE,
    selector: { [AksNames.GATEWAY_SELECTOR_LABEL]: serviceName },
    fqdn: AksNames.serviceFqdn(serviceName, AksNames.INGRESS_NAMESPACE),
  };
}

function toEgressRef(e: EgressGatewayOptions, warnings: string[]): EgressGatewayRef {
  const namespace = e.namespace ?? AksNames.EGRESS_NAMESPACE;
  if (!e.selector) {
    warnings.push(`egress gateway '${e.name}': selector defaulted to { istio: '${e.name}' }; check it with `
      + `'kubectl get deployment ${e.name}-<revision> -n ${namespace} -o jsonpath={.metadata.labels.istio}' and set 'selector'`);
  }
  return {
    name: e.name,
    namespace,
    gatewayConfigurationName: e.gatewayConfigurationName,
    gatewayNodePoolName: e.gatewayNodePoolName,
    selector: { ...(e.selector ?? { [AksNames.GATEWAY_SELECTOR_LABEL]: e.name }) },
    fqdn: AksNames.serviceFqdn(e.name, namespace),
  };
}

/** Problems found so far at `path` or below it. */
function hasProblemAt(problems: readonly MeshProfileProblem[], path: string): boolean {
  return problems.some(p => p.path === path || p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`));
}

/**
 * Rules across fields, run on the parts whose shape `PROFILE_FIELDS` accepted (so every problem is
 * reported at once, and no rule reads a field of the wrong type).
 */
function checkAcrossFields(props: MeshProfileProps, problems: MeshProfileProblem[], warnings: string[], now: Date): void {
  const revisionsOk = !hasProblemAt(problems, '$.revisions');
  if (revisionsOk) checkRevisions(props, problems, warnings, now);
  if (!hasProblemAt(problems, '$.gatewayNodePools')) checkNodePools(props.gatewayNodePools ?? [], problems);
  if (!hasProblemAt(problems, '$.egressGateways') && !hasProblemAt(problems, '$.gatewayNodePools')) checkEgress(props, problems);
  if (revisionsOk && props.gatewayApi === true) {
    const old = props.revisions.filter(r => revisionMinor(r)! < FIRST_GATEWAY_API_MINOR);
    if (old.length > 0) {
      problems.push({ path: '$.gatewayApi', message: `the Gateway API needs asm-1-${FIRST_GATEWAY_API_MINOR} or later, but 'revisions' has ${JSON.stringify(old)}` });
    }
  }
}

function checkRevisions(props: MeshProfileProps, problems: MeshProfileProblem[], warnings: string[], now: Date): void {
  const revisions = props.revisions;
  if (new Set(revisions).size !== revisions.length) {
    problems.push({ path: '$.revisions', message: `lists a revision twice: ${JSON.stringify(revisions)}` });
  } else if (revisions.length === 2) {
    const [a, b] = revisions.map(r => revisionMinor(r)!).sort((x, y) => x - y);
    // AKS upgrades to n+1 or n+2, and both revisions run side by side until complete or rollback.
    if (b - a < 1 || b - a > MAX_UPGRADE_JUMP) {
      problems.push({ path: '$.revisions', message: `during a canary upgrade must be one or two minors apart (AKS upgrades to n+1 or n+2, for example asm-1-29 and asm-1-30), got ${JSON.stringify(revisions)}` });
    }
  }
  if (props.injectionRevision !== undefined && !hasProblemAt(problems, '$.injectionRevision') && !revisions.includes(props.injectionRevision)) {
    problems.push({ path: '$.injectionRevision', message: `${JSON.stringify(props.injectionRevision)} is not one of 'revisions' ${JSON.stringify(revisions)}` });
  }
  const known = KNOWN_REVISIONS.map(r => r.revision).join(', ');
  for (const r of revisions) {
    const entry = findKnownRevision(r);
    if (!entry) {
      warnings.push(`revision '${r}' is not in the known-revision table (${known}); check 'az aks mesh get-revisions'`);
    } else if (isPastEndOfLife(r, now)) {
      warnings.push(`revision '${r}' (Istio ${entry.istioVersion}) reached end of life in ${entry.endOfLife}; upgrade with a canary to a supported revision`);
    }
  }
}

function checkNodePools(pools: readonly GatewayNodePoolOptions[], problems: MeshProfileProblem[]): void {
  const seen = new Set<string>();
  pools.forEach((pool, i) => {
    if (seen.has(pool.name)) problems.push({ path: `$.gatewayNodePools[${i}].name`, message: `declares node pool '${pool.name}' twice` });
    seen.add(pool.name);
  });
}

function checkEgress(props: MeshProfileProps, problems: MeshProfileProblem[]): void {
  const pools = new Set((props.gatewayNodePools ?? []).map(p => p.name));
  const seen = new Set<string>();
  (props.egressGateways ?? []).forEach((gw, i) => {
    const namespace = gw.namespace ?? AksNames.EGRESS_NAMESPACE;
    const key = `${namespace}/${gw.name}`;
    if (seen.has(key)) {
      problems.push({ path: `$.egressGateways[${i}].name`, message: `'${gw.name}' is declared twice in namespace '${namespace}'; names must be unique per namespace` });
    }
    seen.add(key);
    if (!pools.has(gw.gatewayNodePoolName)) {
      problems.push({
        path: `$.egressGateways[${i}].gatewayNodePoolName`,
        message: `'${gw.gatewayNodePoolName}' is not declared in 'gatewayNodePools' (declared: ${pools.size ? [...pools].join(', ') : 'none'})`,
      });
    }
  });
}

