import { describeObject, Severity } from '../finding';
import { Groups } from '../manifest-index';
import { boundGateway, isInternalGatewayReference } from '../private/gateway-api';
import { strs } from '../private/json';
import { parseGatewayRef } from '../private/mesh-knowledge';
import { isExternal, MeshRule, RuleViolation } from '../rule';

/**
 * AIM102: a VirtualService lists a gateway that is not in the set, so Istio binds it to nothing.
 *
 * A gateway name may be an Istio Gateway or a Gateway API Gateway, as `istioctl analyze` accepts.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
 */
export const MissingGateway: MeshRule = {
  code: 'AIM102',
  severity: Severity.ERROR,
  istioCode: 'IST0101',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0101/',
  explanation: "A VirtualService lists a gateway (`name` or `namespace/name`, not `mesh`) that is not defined; Istio silently ignores the binding.",
  fix: 'define the Istio Gateway, or correct the name (use namespace/name for a Gateway in another namespace)',
  check: (index, context) => {
    const out: RuleViolation[] = [];
    for (const vs of index.ofKind(Groups.ISTIO_NETWORKING, 'VirtualService')) {
      for (const ref of strs(vs.spec.gateways)) {
        // Istio-generated names for Gateway API listeners are AIM145's, as upstream reports them instead.
        if (ref === 'mesh' || isInternalGatewayReference(ref)) continue;
        // Istio also binds a VirtualService to a Gateway API Gateway of that name (`boundGateway`); the reference
        // is split here only when neither exists.
        if (boundGateway(index, ref, vs.ref.namespace)) continue;
        const [ns, name] = parseGatewayRef(ref, vs.ref.namespace);
        if (!isExternal(context, Groups.ISTIO_NETWORKING, 'Gateway', ns, name)) {
          out.push({ target: vs, message: `${describeObject(vs.ref)} lists gateway "${ref}", but there is no Istio Gateway ${ns ?? ''}/${name}` });
        }
      }
    }
    return out;
  },
};
