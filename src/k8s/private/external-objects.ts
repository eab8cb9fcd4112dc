import { Construct, IConstruct } from 'constructs';
import { ExternalObject } from '../../analysis/rule';

const EXTERNAL_METADATA = 'aks-istio-mesh:external-object';

/**
 * Records that `scope` refers to an object defined outside this app (an imported `fromGatewayName`
 * reference), so the synth-time analysis does not report it as missing.
 */
export function recordExternalObject(scope: IConstruct, ref: unknown, object: ExternalObject): void {
  if (ref instanceof Construct) return;
  scope.node.addMetadata(EXTERNAL_METADATA, object);
}

/** Every external object recorded under `root`. */
export function collectExternalObjects(root: IConstruct): ExternalObject[] {
  return root.node.findAll().flatMap(c => c.node.metadata.filter(m => m.type === EXTERNAL_METADATA).map(m => m.data as ExternalObject));
}
