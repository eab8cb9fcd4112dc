import { Construct } from 'constructs';
import { MeshIdentity } from '../../mesh/mesh-identity';
import { treeIndexOf } from '../private/tree-index';
import { checkObjectName, fail } from '../private/validation';
import { MtlsMode } from '../security/mtls-mode';
import { PeerAuthentication } from '../security/peer-authentication';

/** Props for `MeshWideMtls`. */
export interface MeshWideMtlsProps {
  /**
   * The mesh-wide mutual TLS mode.
   * @default MtlsMode.STRICT
   */
  readonly mode?: MtlsMode;
  /**
   * Name of the PeerAuthentication.
   * @default 'default'
   */
  readonly name?: string;
}

/**
 * The mesh-wide mutual TLS default: a PeerAuthentication without selector in the AKS root namespace
 * `aks-istio-system` (not `istio-system`, which does not exist on the add-on), STRICT unless told
 * otherwise. Namespace or workload PeerAuthentications still override it.
 *
 * Under STRICT, sidecars refuse plaintext: clients outside the mesh (pods without a sidecar,
 * node-level callers) can no longer reach meshed workloads.
 *
 * @example new MeshWideMtls(platformChart, 'mtls');
 * @see https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/#lock-down-mutual-tls-for-the-entire-mesh
 * @see https://learn.microsoft.com/azure/aks/istio-about
 */
export class MeshWideMtls extends Construct {
  public readonly peerAuthentication: PeerAuthentication;
  public readonly mode: MtlsMode;

  public constructor(scope: Construct, id: string, props: MeshWideMtlsProps = {}) {
    super(scope, id);
    this.mode = props.mode ?? MtlsMode.STRICT;
    if (this.mode === MtlsMode.UNSET) {
      fail(this, "'mode' is UNSET, which leaves the mesh at Istio's default (PERMISSIVE); choose STRICT, PERMISSIVE or DISABLE, or drop the construct");
    }
    checkObjectName(this, 'name', props.name);
    this.peerAuthentication = new PeerAuthentication(this, 'PeerAuthentication', {
      metadata: { name: props.name ?? 'default', namespace: MeshIdentity.ROOT_NAMESPACE },
      mode: this.mode,
    });
    this.node.addValidation({
      validate: () => {
        const all = treeIndexOf(this).lookup<MeshWideMtls>('aks-istio-mesh.MeshWideMtls', c => (c instanceof MeshWideMtls ? 'all' : undefined), 'all');
        const others = all.filter(c => c !== this);
        return others.length > 0
          ? [`the app has another mesh-wide mTLS policy (${others.map(o => o.node.path).join(', ')}); Istio applies only the oldest mesh-wide PeerAuthentication, so keep one`]
          : [];
      },
    });
  }
}
