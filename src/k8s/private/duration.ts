import { Duration } from 'cdk8s';

/**
 * The duration form Istio and the Gateway API share: `5s` for whole seconds, else `500ms`; past
 * 99999 s (the Gateway API allows at most 5 digits per unit) hours, minutes, seconds and milliseconds.
 * @see https://gateway-api.sigs.k8s.io/geps/gep-2257/
 */
export function durationString(d: Duration): string {
  const ms = d.toMilliseconds();
  if (ms <= 99999 * 1000) return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
  const parts: [number, string][] = [
    [Math.floor(ms / 3_600_000), 'h'], [Math.floor(ms / 60_000) % 60, 'm'], [Math.floor(ms / 1000) % 60, 's'], [ms % 1000, 'ms'],
  ];
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('');
}
