import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * This package's version, read from its package.json: found by walking up, because the CLI runs both from
 * `src/cli` (tsx in a checkout) and from `lib/src/cli` (the published build).
 */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'aks-istio-mesh' && 'version' in pkg && typeof pkg.version === 'string') {
        return pkg.version;
      }
    }
    if (dirname(dir) === dir) return '0.0.0';
  }
}
