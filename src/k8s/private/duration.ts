import { Duration } from 'cdk8s';

/** The duration form Istio and the Gateway API share: `5s` for whole seconds, else `500ms`. */
export function durationString(d: Duration): string {
  const ms = d.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
