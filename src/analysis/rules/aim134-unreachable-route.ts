import { describeObject, Severity } from '../finding';
import { matchProblems } from '../private/route-matches';
import { MeshRule } from '../rule';

/**
 * AIM134: a VirtualService route rule that can never be reached: it follows a rule without `match` (or one
 * whose match takes every request, such as the URI prefix `/`), or earlier rules already have all its matches.
 *
 * Istio evaluates rules in order and the first match wins, so the rule's routing silently never applies.
 * HTTP, TCP and TLS rules are checked, as Istio's own validation does.
 * @see https://istio.io/latest/docs/reference/config/analysis/ist0130/
 */
export const UnreachableRoute: MeshRule = {
  code: 'AIM134',
  severity: Severity.WARNING,
  istioCode: 'IST0130',
  docs: 'https://istio.io/latest/docs/reference/config/analysis/ist0130/',
  explanation: 'A VirtualService route rule follows a rule that takes every request (no match, or prefix /), or earlier rules have all its matches; it is never used.',
  fix: 'move the catch-all rule last, or give the rule a match that earlier rules do not take',
  check: index => matchProblems(index).filter(p => p.kind === 'unreachable').map(p => ({ target: p.vs, message: `${describeObject(p.vs.ref)} ${p.message}` })),
};
