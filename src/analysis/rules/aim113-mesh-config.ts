import { parse } from 'yaml';
import { AksNames } from '../../mesh/aks-names';
import { checkMeshConfig } from '../../mesh/mesh-config-fields';
import { isRevisionName } from '../../mesh/revision';
import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { at, rec, str } from '../private/json';
import { MeshRule, RuleViolation } from '../rule';

const SHARED_PREFIX = AksNames.sharedMeshConfigName('');
const MANAGED_PREFIX = AksNames.managedMeshConfigName('');

/**
 * AIM113: a shared MeshConfig ConfigMap with a field AKS rejects, or an edit of the AKS-owned `istio-asm-1-N` ConfigMap.
 * @see https://learn.microsoft.com/azure/aks/istio-meshconfig
 */
export const MeshConfigRefused: MeshRule = {
  code: 'AIM113',
  severity: Severity.ERROR,
  explanation: `The shared MeshConfig (${SHARED_PREFIX}asm-1-N in ${AksNames.SYSTEM_NAMESPACE}) may only hold fields AKS allows; the AKS-owned ${MANAGED_PREFIX}asm-1-N must not be edited.`,
  fix: `remove the blocked field; put mesh settings in ${SHARED_PREFIX}<revision> (SharedMeshConfig), never in ${MANAGED_PREFIX}<revision>`,
  check: index => {
    const out: RuleViolation[] = [];
    for (const cm of index.ofKind(Groups.CORE, 'ConfigMap')) {
      if (cm.ref.namespace !== AksNames.SYSTEM_NAMESPACE) continue;
      const name = cm.ref.name;
      if (name.startsWith(MANAGED_PREFIX) && isRevisionName(name.slice(MANAGED_PREFIX.length))) {
        out.push({ target: cm, message: `${describeObject(cm.ref)} is the MeshConfig AKS owns and reconciles; edits to it are reverted` });
        continue;
      }
      if (!name.startsWith(SHARED_PREFIX)) continue;
      const text = str(at(cm.object, 'data', AksNames.MESH_CONFIG_KEY));
      if (text === undefined) continue;
      let mesh: unknown;
      try {
        mesh = parse(text);
      } catch (e) {
        out.push({ target: cm, message: `${describeObject(cm.ref)} key "${AksNames.MESH_CONFIG_KEY}" is not valid YAML: ${(e as Error).message.split('\n')[0]}` });
        continue;
      }
      const doc = rec(mesh);
      if (mesh !== null && !doc) {
        out.push({ target: cm, message: `${describeObject(cm.ref)} key "${AksNames.MESH_CONFIG_KEY}" must be a YAML mapping of MeshConfig fields, got ${JSON.stringify(mesh)}` });
        continue;
      }
      for (const problem of checkMeshConfig(doc ?? {})) {
        out.push({
          target: cm,
          severity: problem.severity === 'error' ? Severity.ERROR : Severity.WARNING,
          ...(problem.severity === 'error' ? {} : { fix: `keep '${problem.field}' only if you accept running it outside AKS support` }),
          message: `${describeObject(cm.ref)}: ${problem.message}`,
        });
      }
    }
    return out;
  },
};
