import { ApiObject, JsonPatch } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { Construct } from 'constructs';
import { AksNames } from '../../mesh/aks-names';
import { MeshChart } from '../mesh-chart';
import { checkAnnotations, checkLabels, checkNamespaceName, fail } from '../private/validation';

/** Props for `MeshNamespace`. */
export interface MeshNamespaceProps {
  /** Namespace name. */
  readonly name: string;
  /**
   * The revision whose sidecars are injected; one of the profile's revisions.
   * @default - the profile's `injectionRevision`
   */
  readonly revision?: string;
  /** More labels (not the injection labels). @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
}

/**
 * A namespace enrolled in the AKS mesh: labelled `istio.io/rev=<revision>` from the profile.
 *
 * The add-on ignores `istio-injection=enabled`, so that label is refused here.
 *
 * @example new MeshNamespace(chart, 'pets', { name: 'pets' });
 * @see https://learn.microsoft.com/azure/aks/istio-deploy-addon#enable-sidecar-injection
 */
export class MeshNamespace extends Construct {
  public readonly apiObject: ApiObject;
  /** The namespace name. */
  public readonly name: string;
  /** The revision its pods are injected with. */
  public readonly revision: string;

  public constructor(scope: Construct, id: string, props: MeshNamespaceProps) {
    super(scope, id);
    const profile = MeshChart.of(this).profile;
    checkNamespaceName(this, 'name', props.name);
    const revision = props.revision ?? profile.injectionRevision;
    if (!profile.hasRevision(revision)) {
      fail(this, `'revision' '${revision}' is not a revision of the mesh profile (${profile.revisions.join(', ')}); `
        + 'namespaces labelled with it would get no sidecars');
    }
    const labels = props.labels ?? {};
    if (AksNames.IGNORED_INJECTION_LABEL in labels) {
      fail(this, `'labels' has '${AksNames.IGNORED_INJECTION_LABEL}', which the AKS add-on ignores; `
        + `injection is selected by '${AksNames.REVISION_LABEL}', which this construct sets from 'revision'`);
    }
    if (AksNames.REVISION_LABEL in labels) {
      fail(this, `'labels' has '${AksNames.REVISION_LABEL}'; set 'revision' instead so it is checked against the profile`);
    }
    checkLabels(this, 'labels', labels);
    if (props.annotations) checkAnnotations(this, 'annotations', props.annotations);
    this.name = props.name;
    this.revision = revision;
    this.apiObject = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: { ...labels, [AksNames.REVISION_LABEL]: revision },
        annotations: props.annotations,
      },
    });
    // Namespaces are cluster-scoped: drop the namespace a namespaced chart gives every object.
    if (this.apiObject.metadata.namespace !== undefined) {
      this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }
}
