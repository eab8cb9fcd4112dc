// `npm run synth:canary`: the example app mid-upgrade, written to dist-canary/ (dist/ keeps the stable mesh).
import { rmSync } from 'node:fs';
import { buildCanaryApp } from './app';

// Start empty, as `cdk8s synth` does for dist/: a file left by an older synth would add namespaces to the plan.
rmSync('dist-canary', { recursive: true, force: true });
buildCanaryApp({ outdir: 'dist-canary' }).synth();
