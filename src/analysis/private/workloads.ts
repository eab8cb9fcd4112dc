import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, labels, pushTo } from './json';

/** The pod labels of every workload in the set: Pods, and the pod templates of Deployments, StatefulSets and DaemonSets. */
export function workloadLabels(index: ManifestIndex): readonly Record<string, string>[] {
  return index.derived('workload-labels', i => [
    ...i.ofKind(Groups.CORE, 'Pod').map(p => labels(at(p.object, 'metadata', 'labels'))),
    ...['Deployment', 'StatefulSet', 'DaemonSet'].flatMap(kind => i.ofKind(Groups.APPS, kind).map(w => labels(at(w.spec, 'template', 'metadata', 'labels')))),
  ]);
}

/** True when every entry of `selector` is in `podLabels` (an empty selector selects everything). */
export function selectorMatches(selector: Readonly<Record<string, string>>, podLabels: Readonly<Record<string, string>>): boolean {
  // In place (no entry arrays): it runs for every policy and workload of a namespace.
  for (const k in selector) if (podLabels[k] !== selector[k]) return false;
  return true;
}

/** A workload of the set: a Pod, or the pod template of a Deployment, StatefulSet or DaemonSet. */
export interface Workload {
  /** `Kind name`, for messages. */
  readonly name: string;
  readonly labels: Record<string, string>;
}

/** The workloads of the set by namespace (objects without namespace count in `default`). */
export function workloadsByNamespace(index: ManifestIndex): ReadonlyMap<string, readonly Workload[]> {
  return index.derived('workloads-by-namespace', i => {
    const out = new Map<string, Workload[]>();
    for (const p of i.ofKind(Groups.CORE, 'Pod')) pushTo(out, p.ref.namespace ?? 'default', { name: `Pod ${p.ref.name}`, labels: labels(at(p.object, 'metadata', 'labels')) });
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) {
      for (const w of i.ofKind(Groups.APPS, kind)) pushTo(out, w.ref.namespace ?? 'default', { name: `${kind} ${w.ref.name}`, labels: labels(at(w.spec, 'template', 'metadata', 'labels')) });
    }
    return out;
  });
}

/** Sidecars select by `workloadSelector.labels`; without labels a Sidecar is namespace-wide. */
export const SIDECAR_POLICY = {
  plural: 'Sidecars',
  selectorOf: (sidecar: IndexedObject): Record<string, string> | undefined => {
    const l = labels(at(sidecar.spec, 'workloadSelector', 'labels'));
    return Object.keys(l).length > 0 ? l : undefined;
  },
};

/** Telemetries select by `selector.matchLabels`; one with neither `selector` nor `targetRefs` is namespace-wide. */
export const TELEMETRY_POLICY = {
  plural: 'Telemetries',
  selectorOf: (telemetry: IndexedObject): Record<string, string> | undefined => {
    if (at(telemetry.spec, 'selector') === undefined) return at(telemetry.spec, 'targetRefs') === undefined && at(telemetry.spec, 'targetRef') === undefined ? undefined : {};
    return labels(at(telemetry.spec, 'selector', 'matchLabels'));
  },
};
