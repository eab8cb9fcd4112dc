/**
 * AKS Istio add-on revisions (`asm-1-N`): parsing, ordering and the known-revision table.
 *
 * @see https://learn.microsoft.com/azure/aks/istio-support-policy
 */

const REVISION_PATTERN = /^asm-1-(\d{1,3})$/;

/**
 * How far one canary upgrade may jump: to the next minor (n+1) or skipping one (n+2), so the two
 * revisions of a canary differ by one or two minors.
 * @see https://learn.microsoft.com/azure/aks/istio-upgrade#minor-revision-upgrade
 */
export const MAX_UPGRADE_JUMP = 2;

/** What the library knows of one released revision. */
export interface KnownRevision {
  /** `asm-1-N` */
  readonly revision: string;
  /** The upstream Istio minor it tracks. */
  readonly istioVersion: string;
  /** End of AKS support, `YYYY-MM`. */
  readonly endOfLife: string;
}

/**
 * Revisions AKS has released, oldest first. Update this table when AKS ships or retires one.
 * End-of-life months follow the AKS add-on support calendar.
 */
export const KNOWN_REVISIONS: readonly KnownRevision[] = [
  { revision: 'asm-1-24', istioVersion: '1.24', endOfLife: '2025-12' },
  { revision: 'asm-1-25', istioVersion: '1.25', endOfLife: '2026-03' },
  { revision: 'asm-1-26', istioVersion: '1.26', endOfLife: '2026-05' },
  { revision: 'asm-1-27', istioVersion: '1.27', endOfLife: '2026-07' },
  { revision: 'asm-1-28', istioVersion: '1.28', endOfLife: '2026-08' },
  { revision: 'asm-1-29', istioVersion: '1.29', endOfLife: '2026-09' },
  { revision: 'asm-1-30', istioVersion: '1.30', endOfLife: '2026-12' },
];

/** True when `value` has the `asm-1-N` shape. */
export function isRevisionName(value: string): boolean {
  return REVISION_PATTERN.test(value);
}

/** The Istio minor (`N` of `asm-1-N`), or undefined when malformed. */
export function revisionMinor(value: string): number | undefined {
  const match = REVISION_PATTERN.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** The known-revision entry, if the table has it. */
export function findKnownRevision(revision: string): KnownRevision | undefined {
  return KNOWN_REVISIONS.find(r => r.revision === revision);
}

/**
 * True when the revision's end-of-life month is before `today`'s month.
 * Unknown revisions are not reported as past end of life (they may be newer than the table).
 */
export function isPastEndOfLife(revision: string, today: Date): boolean {
  const known = findKnownRevision(revision);
  if (!known) return false;
  const month = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}`;
  return known.endOfLife < month;
}
