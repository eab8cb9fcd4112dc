import { AksNames } from './aks-names';
import { IngressGatewayType } from './ingress-gateway-type';
import {
  EgressGatewayOptions, GatewayNodePoolOptions, MeshProfileProps, PluginCaOptions,
} from './mesh-profile-props';
import { findKnownRevision, isPastEndOfLife, isRevisionName, KNOWN_REVISIONS, MAX_UPGRADE_JUMP, revisionMinor } from './revision';

/** AKS's rule for egress gateway names. */
const EGRESS_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NODE_POOL_NAME_PATTERN = /^[a-z][a-z0-9]{0,11}$/;
const MAX_EGRESS_GATEWAYS = 500;
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
  /** Reads a profile written by `toJson()` (for example by the cdktf app), validating it again. */
  public static fromJson(json: unknown, options: MeshProfileOptions = {}): MeshProfile {
    if (!isRecord(json)) {
      throw new Error(`Mesh profile JSON must be an object, got ${describe(json)}`);
    }
    const { format, ...props } = json;
    if (format !== undefined && format !== PROFILE_FORMAT) {
      throw new Error(`Mesh profile JSON has 'format' ${JSON.stringify(format)}; this library reads '${PROFILE_FORMAT}'`);
    }
    const known = ['revisions', 'injectionRevision', 'ingressGateways', 'egressGateways', 'gatewayNodePools', 'gatewayApi', 'pluginCa'];
    const unknown = Object.keys(props).filter(k => !known.includes(k));
    if (unknown.length > 0) {
      throw new Error(`Mesh profile JSON has unknown field(s) ${unknown.map(k => `'${k}'`).join(', ')}; known fields are ${known.join(', ')}`);
    }
    return new MeshProfile(props as unknown as MeshProfileProps, options);
  }

  public readonly revisions: readonly string[];
  /** The revision namespaces are labelled with. */
  public readonly injectionRevision: string;
  public readonly gatewayApi: boolean;
  public readonly pluginCa?: PluginCaOptions;
  public readonly gatewayNodePools: readonly Required<GatewayNodePoolOptions>[];
  /** Things AKS accepts but that are probably not what you want (end of life, defaulted selectors). */
  public readonly warnings: readonly string[];

  private readonly props: MeshProfileProps;
  private readonly ingress: ReadonlySet<IngressGatewayType>;
  private readonly egress: readonly EgressGatewayRef[];

  public constructor(props: MeshProfileProps, options: MeshProfileOptions = {}) {
    const errors: string[] = [];
    const warnings: string[] = [];
    validateRevisions(props, errors, warnings, options.now ?? new Date());
    validateIngress(props, errors);
    validateNodePools(props.gatewayNodePools ?? [], errors);
    validateEgress(props, errors);
    validatePluginCa(props.pluginCa, errors);
    validateGatewayApi(props, errors);
    if (errors.length > 0) {
      throw new Error(`Invalid mesh profile:\n${errors.map(e => `  - ${e}`).join('\n')}`);
    }

    this.props = props;
    this.revisions = [...props.revisions].sort((a, b) => revisionMinor(a)! - revisionMinor(b)!);
    this.injectionRevision = props.injectionRevision ?? this.revisions[0];
    this.gatewayApi = props.gatewayApi ?? false;
    this.pluginCa = props.pluginCa;
    this.gatewayNodePools = (props.gatewayNodePools ?? []).map(p => ({ name: p.name, publicIpPrefixSize: p.publicIpPrefixSize ?? 31 }));
    const ingress = new Set<IngressGatewayType>();
    if (props.ingressGateways?.external) ingress.add(IngressGatewayType.EXTERNAL);
    if (props.ingressGateways?.internal) ingress.add(IngressGatewayType.INTERNAL);
    this.ingress = ingress;
    this.egress = (props.egressGateways ?? []).map(e => toEgressRef(e, warnings));
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
        + `(enabled: ${enabled.length ? enabled.join(', ') : 'none'}); set ingressGateways.${type}: true in the profile`);
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
      + `(declared: ${declared.length ? declared.join(', ') : 'none'}); add it to egressGateways in the profile`);
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

function validateRevisions(props: MeshProfileProps, errors: string[], warnings: string[], now: Date): void {
  const revisions = props.revisions;
  if (!Array.isArray(revisions) || revisions.length === 0) {
    errors.push(`'revisions' needs one revision, or two during a canary upgrade, got ${describe(revisions)}`);
    return;
  }
  const known = KNOWN_REVISIONS.map(r => r.revision).join(', ');
  const malformed = revisions.filter(r => typeof r !== 'string' || !isRevisionName(r));
  for (const r of malformed) {
    errors.push(`'revisions' has ${describe(r)}, which is not a revision name of the form asm-1-N (known: ${known})`);
  }
  if (revisions.length > 2) {
    errors.push(`'revisions' accepts at most 2 revisions (stable + canary), got ${JSON.stringify(revisions)}`);
  }
  if (new Set(revisions).size !== revisions.length) {
    errors.push(`'revisions' lists a revision twice: ${JSON.stringify(revisions)}`);
  }
  if (malformed.length > 0) return;
  if (revisions.length === 2) {
    const [a, b] = revisions.map(r => revisionMinor(r)!).sort((x, y) => x - y);
    // AKS upgrades to n+1 or n+2, and both revisions run side by side until complete or rollback.
    if (b - a < 1 || b - a > MAX_UPGRADE_JUMP) {
      errors.push(`'revisions' during a canary upgrade must be one or two minors apart (AKS upgrades to n+1 or n+2, for example asm-1-29 and asm-1-30), got ${JSON.stringify(revisions)}`);
    }
  }
  if (props.injectionRevision !== undefined && !revisions.includes(props.injectionRevision)) {
    errors.push(`'injectionRevision' ${JSON.stringify(props.injectionRevision)} is not one of 'revisions' ${JSON.stringify(revisions)}`);
  }
  for (const r of revisions) {
    const entry = findKnownRevision(r);
    if (!entry) {
      warnings.push(`revision '${r}' is not in the known-revision table (${known}); check 'az aks mesh get-revisions'`);
    } else if (isPastEndOfLife(r, now)) {
      warnings.push(`revision '${r}' (Istio ${entry.istioVersion}) reached end of life in ${entry.endOfLife}; upgrade with a canary to a supported revision`);
    }
  }
}

function validateIngress(props: MeshProfileProps, errors: string[]): void {
  const ingress = props.ingressGateways;
  if (ingress === undefined) return;
  for (const [key, value] of Object.entries(ingress)) {
    if (key !== 'external' && key !== 'internal') {
      errors.push(`'ingressGateways.${key}' is not a managed ingress gateway; AKS offers 'external' and 'internal'`);
    } else if (value !== undefined && typeof value !== 'boolean') {
      errors.push(`'ingressGateways.${key}' must be true or false, got ${describe(value)}`);
    }
  }
}

function validateNodePools(pools: GatewayNodePoolOptions[], errors: string[]): void {
  const seen = new Set<string>();
  for (const pool of pools) {
    if (!NODE_POOL_NAME_PATTERN.test(pool.name ?? '')) {
      errors.push(`'gatewayNodePools' name ${describe(pool.name)} is not a valid AKS node pool name (1 to 12 lowercase letters and digits, starting with a letter)`);
    }
    if (seen.has(pool.name)) errors.push(`'gatewayNodePools' declares '${pool.name}' twice`);
    seen.add(pool.name);
    const size = pool.publicIpPrefixSize;
    if (size !== undefined && (!Number.isInteger(size) || size < 28 || size > 31)) {
      errors.push(`'gatewayNodePools' '${pool.name}' has publicIpPrefixSize ${describe(size)}; AKS accepts 28 to 31`);
    }
  }
}

function validateEgress(props: MeshProfileProps, errors: string[]): void {
  const gateways = props.egressGateways ?? [];
  if (gateways.length > MAX_EGRESS_GATEWAYS) {
    errors.push(`'egressGateways' has ${gateways.length} gateways; AKS allows at most ${MAX_EGRESS_GATEWAYS} per cluster`);
  }
  const pools = new Set((props.gatewayNodePools ?? []).map(p => p.name));
  const seen = new Set<string>();
  for (const gw of gateways) {
    const where = `'egressGateways' entry ${describe(gw.name)}`;
    if (typeof gw.name !== 'string' || gw.name.length < 1 || gw.name.length > 53 || !EGRESS_NAME_PATTERN.test(gw.name)) {
      errors.push(`${where}: the name must be 1 to 53 characters of lowercase letters, digits, '-' and '.', `
        + 'starting and ending with a letter or digit (for example asm-egress-test)');
    }
    const namespace = gw.namespace ?? AksNames.EGRESS_NAMESPACE;
    if (!DNS_LABEL_PATTERN.test(namespace) || namespace.length > 63) {
      errors.push(`${where}: namespace ${describe(namespace)} is not a valid Kubernetes namespace name`);
    }
    const key = `${namespace}/${gw.name}`;
    if (seen.has(key)) errors.push(`${where}: declared twice in namespace '${namespace}'; names must be unique per namespace`);
    seen.add(key);
    if (!gw.gatewayConfigurationName) {
      errors.push(`${where}: 'gatewayConfigurationName' is required (the StaticGatewayConfiguration the gateway egresses through)`);
    } else if (!DNS_LABEL_PATTERN.test(gw.gatewayConfigurationName)) {
      errors.push(`${where}: 'gatewayConfigurationName' ${describe(gw.gatewayConfigurationName)} is not a valid Kubernetes object name`);
    }
    if (!gw.gatewayNodePoolName) {
      errors.push(`${where}: 'gatewayNodePoolName' is required (a node pool of mode Gateway, declared in 'gatewayNodePools')`);
    } else if (!pools.has(gw.gatewayNodePoolName)) {
      errors.push(`${where}: 'gatewayNodePoolName' '${gw.gatewayNodePoolName}' is not declared in 'gatewayNodePools' `
        + `(declared: ${pools.size ? [...pools].join(', ') : 'none'})`);
    }
    if (gw.selector !== undefined && Object.keys(gw.selector).length === 0) {
      errors.push(`${where}: 'selector' is empty; an empty selector would match every gateway pod in the mesh`);
    }
  }
}

function validatePluginCa(ca: PluginCaOptions | undefined, errors: string[]): void {
  if (ca === undefined) return;
  const fields: (keyof PluginCaOptions)[] = ['keyVaultId', 'rootCertObjectName', 'certChainObjectName', 'certObjectName', 'keyObjectName'];
  const missing = fields.filter(f => typeof ca[f] !== 'string' || ca[f].trim() === '');
  if (missing.length > 0) {
    errors.push(`'pluginCa' is missing ${missing.map(f => `'${f}'`).join(', ')}; a plugin CA needs the Key Vault ID and all four object names`);
  }
}

function validateGatewayApi(props: MeshProfileProps, errors: string[]): void {
  if (!props.gatewayApi || !Array.isArray(props.revisions)) return;
  const old = props.revisions.filter(r => (revisionMinor(r) ?? Infinity) < FIRST_GATEWAY_API_MINOR);
  if (old.length > 0) {
    errors.push(`'gatewayApi' needs asm-1-${FIRST_GATEWAY_API_MINOR} or later, but 'revisions' has ${JSON.stringify(old)}`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
