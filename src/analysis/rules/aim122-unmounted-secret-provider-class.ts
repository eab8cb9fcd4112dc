import { describeObject, Severity } from '../finding';
import { Groups, IndexedObject, ManifestIndex } from '../manifest-index';
import { at, JsonRecord, rec, recs, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const CSI_DRIVER = 'secrets-store.csi.k8s.io';

/** Workload kinds whose pod template is at `spec.template` (CronJob: `spec.jobTemplate.spec.template`). */
const TEMPLATED = [
  [Groups.APPS, 'Deployment'], [Groups.APPS, 'StatefulSet'], [Groups.APPS, 'DaemonSet'], [Groups.APPS, 'ReplicaSet'],
  ['batch', 'Job'], [Groups.CORE, 'ReplicationController'],
] as const;

function podSpecs(index: ManifestIndex): { ns: string; spec: JsonRecord }[] {
  const out: { ns: string; spec: JsonRecord }[] = [];
  const push = (o: IndexedObject, spec: unknown): void => {
    const record = rec(spec);
    if (record) out.push({ ns: o.ref.namespace ?? '', spec: record });
  };
  for (const pod of index.ofKind(Groups.CORE, 'Pod')) push(pod, pod.spec);
  for (const [group, kind] of TEMPLATED) for (const o of index.ofKind(group, kind)) push(o, at(o.spec, 'template', 'spec'));
  for (const o of index.ofKind('batch', 'CronJob')) push(o, at(o.spec, 'jobTemplate', 'spec', 'template', 'spec'));
  return out;
}

/**
 * AIM122: a SecretProviderClass with `secretObjects` that no pod template in the set mounts through the
 * Secrets Store CSI driver: the driver creates (and rotates) synced Secrets only while a pod mounts the class,
 * so a gateway `credentialName` pointing at one never resolves.
 * @see https://secrets-store-csi-driver.sigs.k8s.io/topics/sync-as-kubernetes-secret
 */
export const UnmountedSecretProviderClass: MeshRule = {
  code: 'AIM122',
  severity: Severity.WARNING,
  explanation: 'A SecretProviderClass syncs Kubernetes Secrets (secretObjects), but no Pod or pod template in its namespace mounts a '
    + `${CSI_DRIVER} volume with that secretProviderClass, so the Secrets are never created.`,
  fix: `mount a CSI volume (driver ${CSI_DRIVER}, volumeAttributes.secretProviderClass: <name>) in a pod of the same namespace; `
    + 'KeyVaultCertificate adds such a Deployment',
  docs: 'https://secrets-store-csi-driver.sigs.k8s.io/topics/sync-as-kubernetes-secret',
  check: index => {
    const mounted = new Set<string>();
    for (const { ns, spec } of podSpecs(index)) {
      for (const volume of recs(spec.volumes)) {
        if (str(at(volume, 'csi', 'driver')) !== CSI_DRIVER) continue;
        const spc = str(at(volume, 'csi', 'volumeAttributes', 'secretProviderClass'));
        if (spc !== undefined) mounted.add(`${ns}/${spc}`);
      }
    }
    const out: RuleViolation[] = [];
    for (const spc of index.ofKind(Groups.SECRETS_STORE, 'SecretProviderClass')) {
      const synced = recs(spc.spec.secretObjects).map(s => str(s.secretName)).filter((s): s is string => s !== undefined);
      if (synced.length === 0 || mounted.has(`${spc.ref.namespace ?? ''}/${spc.ref.name}`)) continue;
      out.push({ target: spc, message: `${describeObject(spc.ref)} syncs Secret(s) ${synced.map(s => `"${s}"`).join(', ')}, but no pod in "${spc.ref.namespace ?? ''}" mounts it through the CSI driver` });
    }
    return out;
  },
};
