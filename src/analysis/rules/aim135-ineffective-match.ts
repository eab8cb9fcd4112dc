import { describeObject, Severity } from '../finding';
import { matchProblems } from '../private/route-matches';
import { MeshRule } from '../rule';

/**
 * AIM135: a VirtualService match that never takes a request, because an earlier match (in an earlier rule
 * or earlier in the same rule) is the same or takes every request it would.
 *
 * Overlap is judged on URI prefixes with method, authority, port, headers and query parameters, as
 * `istioctl analyze` does; a condition the earlier match leaves out counts as covering every value.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0131/
 */
export const IneffectiveMatch: MeshRule = {
  code: 'AIM135',
  severity: Severity.WARNING,
  istioCode: 'IST0131',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0131/',
  explanation: 'A VirtualService match is the same as, or narrower than, an earlier match; it never takes a request.',
  fix: 'remove the match, or move the narrower match (the longer prefix) before the wider one',
  check: index => matchProblems(index).filter(p => p.kind === 'ineffective').map(p => ({ target: p.vs, message: `${describeObject(p.vs.ref)} ${p.message}` })),
};
