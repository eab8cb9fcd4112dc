import { AksNames } from './aks-names';
import { MeshProfile } from './mesh-profile';
import { isRevisionName } from './revision';
import { checkUpgradeTarget, RevisionUpgrade, RevisionUpgradeError } from './revision-upgrade';

/** What carries out a plan step. */
export type UpgradeStepKind = 'terraform' | 'kubectl' | 'az' | 'check';

/** One step of an upgrade plan. */
export interface UpgradeStep {
  readonly kind: UpgradeStepKind;
  /** What the step does and why. */
  readonly description: string;
  /**
   * The shell command to run.
   * @default - none: the step is done by hand (for example editing the profile)
   */
  readonly command?: string;
  /**
   * The namespace the step acts on.
   * @default - none: the step is cluster-wide
   */
  readonly namespace?: string;
}

/** The phases of a canary upgrade, in order. */
export type UpgradePhaseName = 'canary' | 'migrate' | 'verify' | 'complete' | 'rollback';

/** One phase of an upgrade plan. */
export interface UpgradePhase {
  readonly name: UpgradePhaseName;
  readonly steps: readonly UpgradeStep[];
}

/** An ordered canary upgrade plan (the JSON the `upgrade plan --format json` command prints). */
export interface UpgradePlan {
  /** The stable revision. */
  readonly from: string;
  /** The target revision. */
  readonly to: string;
  /** `canary`, `migrate`, `verify`, `complete`, then `rollback` (the way back instead of `complete`). */
  readonly phases: readonly UpgradePhase[];
}

/**
 * How the control plane revisions are changed.
 * @see https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#revisions-1
 * @see https://learn.microsoft.com/cli/azure/aks/mesh/upgrade
 */
export enum ControlPlaneTool {
  /** Edit the profile's `revisions` and deploy the cdktf app (azurerm `service_mesh_profile.revisions`). */
  TERRAFORM = 'terraform',
  /** `az aks mesh upgrade start|complete|rollback`. */
  AZ = 'az',
}

/** Options for `planUpgrade`. */
export interface UpgradePlanOptions {
  /**
   * Synthesized objects (plain JSON, for example every document of `dist/`): namespaces labelled
   * `istio.io/rev`, shared MeshConfig ConfigMaps and Gateway API Gateways are read from them.
   * @default - none: the plan lists the namespaces with kubectl instead of naming them
   */
  readonly manifests?: readonly unknown[];
  /**
   * How revisions are changed.
   * @default ControlPlaneTool.TERRAFORM
   */
  readonly via?: ControlPlaneTool;
  /**
   * Resource group of the cluster, as written into `az` commands.
   * @default '$RESOURCE_GROUP' (a shell variable, as in the AKS docs)
   */
  readonly resourceGroup?: string;
  /**
   * Name of the cluster, as written into `az` commands.
   * @default '$CLUSTER' (a shell variable, as in the AKS docs)
   */
  readonly clusterName?: string;
  /**
   * Namespaces per migration wave after the first, which always moves one namespace alone.
   * @default 5
   */
  readonly waveSize?: number;
  /**
   * The date end-of-life warnings are computed against.
   * @default - now
   */
  readonly now?: Date;
}

/** A plan and what the planner warns about (unknown target revision and the like). */
export interface UpgradePlanResult {
  readonly plan: UpgradePlan;
  readonly warnings: readonly string[];
}

interface GatewayRef {
  readonly namespace: string;
  readonly name: string;
  readonly revision?: string;
}

/**
 * Plans a canary upgrade of `profile`'s mesh to revision `to`, as AKS runs it: create the new
 * revision's shared MeshConfig, start the upgrade, relabel namespaces in waves and restart their
 * workloads, verify, then complete (or roll back). A pure function of the profile and plain
 * manifests: it needs neither cdk8s nor cdktf.
 *
 * @throws RevisionUpgradeError with a one-line reason when AKS would refuse the target
 * @see https://learn.microsoft.com/azure/aks/istio-upgrade
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig#mesh-configuration-and-upgrades
 */
export function planUpgrade(profile: MeshProfile, to: string, options: UpgradePlanOptions = {}): UpgradePlanResult {
  const state = RevisionUpgrade.of(profile);
  const from = state.stable;
  if (state.canary !== undefined && state.canary !== to) {
    throw new RevisionUpgradeError(`the profile is already in a canary upgrade from ${from} to ${state.canary}; `
      + `plan with --to ${state.canary}, or complete or roll it back first`);
  }
  const warnings = checkUpgradeTarget(from, to, options.now);
  const waveSize = options.waveSize ?? 5;
  if (!Number.isInteger(waveSize) || waveSize < 1) {
    throw new RevisionUpgradeError(`wave size must be a whole number of 1 or more, got ${JSON.stringify(waveSize)}`);
  }
  const canaryState = state.canary === undefined ? state.start(to, options.now) : state;
  const objects = (options.manifests ?? []).filter(isRecord);
  const known = options.manifests !== undefined;
  const cluster = `--resource-group ${options.resourceGroup ?? '$RESOURCE_GROUP'} --name ${options.clusterName ?? '$CLUSTER'}`;
  const via = options.via ?? ControlPlaneTool.TERRAFORM;

  const oldNamespaces = namespacesOn(objects, from);
  const movedNamespaces = namespacesOn(objects, to);
  const otherNamespaces = revisionNamespaces(objects).filter(n => n.revision !== from && n.revision !== to);
  for (const n of otherNamespaces) {
    warnings.push(`namespace '${n.name}' is labelled ${AksNames.REVISION_LABEL}=${n.revision}, neither ${from} nor ${to}; the plan leaves it alone and its sidecars stop working when that revision is gone`);
  }
  const sharedOld = hasSharedMeshConfig(objects, from);
  const sharedNew = hasSharedMeshConfig(objects, to);
  const gateways = gatewayApiGateways(objects);
  const unpinned = gateways.filter(g => g.revision === undefined);
  const pinnedOld = gateways.filter(g => g.revision === from);
  const pinnedNew = gateways.filter(g => g.revision === to);

  const canary: UpgradeStep[] = [];
  if (via === ControlPlaneTool.AZ) {
    canary.push({ kind: 'check', description: `confirm AKS offers ${to} as an upgrade target for this cluster`, command: `az aks mesh get-upgrades ${cluster}` });
  }
  const sharedOldName = AksNames.sharedMeshConfigName(from);
  const sharedNewName = AksNames.sharedMeshConfigName(to);
  if (!known || sharedOld) {
    // Idempotent: creates the ConfigMap, or updates it when a re-run (or the synthesized canary profile) made it already.
    const copy = `kubectl create configmap ${sharedNewName} -n ${AksNames.SYSTEM_NAMESPACE} `
      + `--from-literal=${AksNames.MESH_CONFIG_KEY}="$(kubectl get configmap ${sharedOldName} -n ${AksNames.SYSTEM_NAMESPACE} -o jsonpath='{.data.${AksNames.MESH_CONFIG_KEY}}')" `
      + '--dry-run=client -o yaml | kubectl apply -f -';
    const why = `before the upgrade starts (AKS applies it the moment the ${to} control plane comes up)`;
    canary.push({
      kind: 'kubectl',
      description: !known ? `if ${sharedOldName} exists, copy it to ${sharedNewName} ${why}`
        : sharedNew ? `create ${sharedNewName} with the settings of ${sharedOldName} ${why}; the synthesized objects already hold it, so applying them does the same`
          : `copy ${sharedOldName} to ${sharedNewName} ${why}; SharedMeshConfig writes it too once ${to} is in the profile's revisions`,
      command: copy,
    });
  }
  if (!known && profile.gatewayApi) {
    canary.push({
      kind: 'check',
      description: `list Gateway API Gateways without ${AksNames.REVISION_LABEL} and pin each to ${from} (kubectl label gateway.gateway.networking.k8s.io NAME -n NAMESPACE ${AksNames.REVISION_LABEL}=${from} --overwrite): `
        + 'while two revisions run, an unlabelled Gateway is taken over by the higher revision at once',
      command: `kubectl get gateway.gateway.networking.k8s.io -A -l '!${AksNames.REVISION_LABEL}'`,
    });
  }
  for (const g of unpinned) {
    canary.push({
      kind: 'kubectl',
      namespace: g.namespace,
      description: `pin Gateway ${g.namespace}/${g.name} to ${from}: while two revisions run, an unlabelled Gateway API Gateway is taken over by the higher revision at once`,
      command: `kubectl label gateway.gateway.networking.k8s.io ${g.name} -n ${g.namespace} ${AksNames.REVISION_LABEL}=${from} --overwrite`,
    });
  }
  canary.push(via === ControlPlaneTool.TERRAFORM
    ? { kind: 'terraform', description: `set the profile's revisions to ${JSON.stringify(canaryState.revisions)} (RevisionUpgrade.of(profile).start('${to}')) and deploy: azurerm starts the canary upgrade`, command: 'cdktf deploy' }
    : { kind: 'az', description: `start the canary upgrade: the ${to} control plane and gateways run next to ${from}`, command: `az aks mesh upgrade start ${cluster} --revision ${to}` });
  canary.push({ kind: 'check', description: `both control planes run: istiod-${from} and istiod-${to}`, command: `kubectl get deployment ${AksNames.istiodName(from)} ${AksNames.istiodName(to)} -n ${AksNames.SYSTEM_NAMESPACE}` });

  const migrate: UpgradeStep[] = [];
  if (!known) {
    migrate.push({
      kind: 'kubectl',
      description: `for each namespace labelled ${AksNames.REVISION_LABEL}=${from}, a few at a time: relabel it to ${to} and restart its workloads so their sidecars are injected by ${to}`,
      command: `for ns in $(kubectl get namespaces -l ${AksNames.REVISION_LABEL}=${from} -o jsonpath='{.items[*].metadata.name}'); do ${relabelAndRestart('$ns', to)}; done`,
    });
  } else {
    const waves = toWaves(oldNamespaces, waveSize);
    waves.forEach((wave, w) => {
      for (const ns of wave) {
        migrate.push({
          kind: 'kubectl',
          namespace: ns,
          description: `wave ${w + 1} of ${waves.length}: relabel namespace ${ns} to ${to} and restart its deployments so their sidecars are injected by ${to}`
            + (w === 0 ? ' (the first wave moves one namespace alone: watch it before moving the rest)' : ''),
          command: relabelAndRestart(ns, to),
        });
      }
    });
  }

  const allMoved = [...movedNamespaces, ...oldNamespaces];
  const verify: UpgradeStep[] = [];
  if (!known) {
    verify.push({ kind: 'check', description: `no pod still runs a ${from} sidecar in the moved namespaces`, command: `kubectl get pods -A -l ${AksNames.REVISION_LABEL}=${from}` });
  }
  for (const ns of allMoved) {
    verify.push({ kind: 'check', namespace: ns, description: `every pod in ${ns} runs a ${to} sidecar: this lists the ones still on ${from} (expect none)`, command: `kubectl get pods -n ${ns} -l ${AksNames.REVISION_LABEL}=${from}` });
  }
  for (const type of profile.ingressGatewayTypes) {
    const deployment = AksNames.ingressDeploymentName(type, to);
    verify.push({ kind: 'check', namespace: AksNames.INGRESS_NAMESPACE, description: `the ${type} ingress gateway of ${to} is available (the Service sends traffic to both revisions' pods)`, command: `kubectl rollout status deployment ${deployment} -n ${AksNames.INGRESS_NAMESPACE}` });
  }
  for (const egress of profile.egressGateways) {
    const deployment = AksNames.egressDeploymentName(egress.name, to);
    verify.push({ kind: 'check', namespace: egress.namespace, description: `egress gateway ${egress.name} of ${to} is available`, command: `kubectl rollout status deployment ${deployment} -n ${egress.namespace}` });
  }
  for (const g of gateways) {
    verify.push({ kind: 'check', namespace: g.namespace, description: `Gateway ${g.namespace}/${g.name} is programmed`, command: `kubectl wait --for=condition=Programmed gateway.gateway.networking.k8s.io/${g.name} -n ${g.namespace} --timeout=120s` });
  }
  verify.push({ kind: 'check', description: 'the gateways\' autoscalers: during a canary the stable revision\'s HPA settings are copied to the canary\'s', command: `kubectl get hpa -n ${AksNames.INGRESS_NAMESPACE}` });

  const complete: UpgradeStep[] = [];
  for (const g of [...pinnedOld, ...unpinned]) {
    complete.push({
      kind: 'kubectl',
      namespace: g.namespace,
      description: `move Gateway ${g.namespace}/${g.name} to ${to} before ${from} is removed`,
      command: `kubectl label gateway.gateway.networking.k8s.io ${g.name} -n ${g.namespace} ${AksNames.REVISION_LABEL}=${to} --overwrite`,
    });
  }
  complete.push(via === ControlPlaneTool.TERRAFORM
    ? { kind: 'terraform', description: `set the profile's revisions to ${JSON.stringify(canaryState.complete().revisions)} (.complete()) and deploy: azurerm completes the upgrade and removes ${from}`, command: 'cdktf deploy' }
    : { kind: 'az', description: `complete the upgrade: removes the ${from} control plane and gateways`, command: `az aks mesh upgrade complete ${cluster}` });
  if (!known || sharedOld) {
    complete.push({ kind: 'kubectl', description: `delete ${sharedOldName}, the shared MeshConfig of the removed revision`, command: `kubectl delete configmap ${sharedOldName} -n ${AksNames.SYSTEM_NAMESPACE} --ignore-not-found` });
  }

  const rollback: UpgradeStep[] = [];
  if (!known) {
    rollback.push({
      kind: 'kubectl',
      description: `for each namespace labelled ${AksNames.REVISION_LABEL}=${to}: relabel it back to ${from} and restart its workloads`,
      command: `for ns in $(kubectl get namespaces -l ${AksNames.REVISION_LABEL}=${to} -o jsonpath='{.items[*].metadata.name}'); do ${relabelAndRestart('$ns', from)}; done`,
    });
  }
  for (const ns of allMoved) {
    rollback.push({ kind: 'kubectl', namespace: ns, description: `relabel namespace ${ns} back to ${from} and restart its deployments`, command: relabelAndRestart(ns, from) });
  }
  for (const g of pinnedNew) {
    rollback.push({
      kind: 'kubectl',
      namespace: g.namespace,
      description: `move Gateway ${g.namespace}/${g.name} back to ${from} before ${to} is removed`,
      command: `kubectl label gateway.gateway.networking.k8s.io ${g.name} -n ${g.namespace} ${AksNames.REVISION_LABEL}=${from} --overwrite`,
    });
  }
  rollback.push(via === ControlPlaneTool.TERRAFORM
    ? { kind: 'terraform', description: `set the profile's revisions back to ${JSON.stringify(canaryState.rollback().revisions)} (.rollback()) and deploy: azurerm rolls back and removes ${to}`, command: 'cdktf deploy' }
    : { kind: 'az', description: `roll back the upgrade: removes the ${to} control plane and gateways`, command: `az aks mesh upgrade rollback ${cluster}` });
  if (!known || sharedOld || sharedNew) {
    rollback.push({ kind: 'kubectl', description: `delete ${sharedNewName}, the shared MeshConfig of the removed revision`, command: `kubectl delete configmap ${sharedNewName} -n ${AksNames.SYSTEM_NAMESPACE} --ignore-not-found` });
  }

  return {
    plan: {
      from,
      to,
      phases: [
        { name: 'canary', steps: canary },
        { name: 'migrate', steps: migrate },
        { name: 'verify', steps: verify },
        { name: 'complete', steps: complete },
        { name: 'rollback', steps: rollback },
      ],
    },
    warnings,
  };
}

function relabelAndRestart(namespace: string, revision: string): string {
  return `kubectl label namespace ${namespace} ${AksNames.REVISION_LABEL}=${revision} --overwrite && kubectl rollout restart deployment -n ${namespace}`;
}

function toWaves(namespaces: readonly string[], size: number): string[][] {
  if (namespaces.length === 0) return [];
  const waves: string[][] = [[namespaces[0]]];
  for (let i = 1; i < namespaces.length; i += size) waves.push(namespaces.slice(i, i + size));
  return waves;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, ...path: string[]): unknown {
  let cur = value;
  for (const key of path) cur = isRecord(cur) ? cur[key] : undefined;
  return cur;
}

function isKind(object: Record<string, unknown>, group: string, kind: string): boolean {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const objectGroup = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return object.kind === kind && objectGroup === group;
}

function revisionNamespaces(objects: readonly Record<string, unknown>[]): { name: string; revision: string }[] {
  const out = new Map<string, string>();
  for (const o of objects) {
    if (!isKind(o, '', 'Namespace')) continue;
    const name = field(o, 'metadata', 'name');
    const revision = field(o, 'metadata', 'labels', AksNames.REVISION_LABEL);
    if (typeof name === 'string' && typeof revision === 'string' && isRevisionName(revision)) out.set(name, revision);
  }
  return [...out].map(([name, revision]) => ({ name, revision })).sort((a, b) => a.name.localeCompare(b.name));
}

function namespacesOn(objects: readonly Record<string, unknown>[], revision: string): string[] {
  return revisionNamespaces(objects).filter(n => n.revision === revision).map(n => n.name);
}

function hasSharedMeshConfig(objects: readonly Record<string, unknown>[], revision: string): boolean {
  const name = AksNames.sharedMeshConfigName(revision);
  return objects.some(o => isKind(o, '', 'ConfigMap') && field(o, 'metadata', 'name') === name
    && field(o, 'metadata', 'namespace') === AksNames.SYSTEM_NAMESPACE);
}

function gatewayApiGateways(objects: readonly Record<string, unknown>[]): GatewayRef[] {
  const out: GatewayRef[] = [];
  for (const o of objects) {
    if (!isKind(o, 'gateway.networking.k8s.io', 'Gateway') || field(o, 'spec', 'gatewayClassName') !== AksNames.GATEWAY_CLASS_NAME) continue;
    const name = field(o, 'metadata', 'name');
    const namespace = field(o, 'metadata', 'namespace');
    const revision = field(o, 'metadata', 'labels', AksNames.REVISION_LABEL);
    if (typeof name !== 'string') continue;
    out.push({ name, namespace: typeof namespace === 'string' ? namespace : 'default', ...(typeof revision === 'string' ? { revision } : {}) });
  }
  return out.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}
