import { Groups, ManifestIndex } from '../manifest-index';
import { at, labels } from './json';

/** The pod labels of every workload in the set: Pods, and the pod templates of Deployments, StatefulSets and DaemonSets. */
export function workloadLabels(index: ManifestIndex): readonly Record<string, string>[] {
  return index.derived('workload-labels', i => [
    ...i.ofKind(Groups.CORE, 'Pod').map(p => labels(at(p.object, 'metadata', 'labels'))),
    ...['Deployment', 'StatefulSet', 'DaemonSet'].flatMap(kind => i.ofKind(Groups.APPS, kind).map(w => labels(at(w.spec, 'template', 'metadata', 'labels')))),
  ]);
}

/** True when every entry of `selector` is in `podLabels` (an empty selector selects everything). */
export function selectorMatches(selector: Record<string, string>, podLabels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => podLabels[k] === v);
}
