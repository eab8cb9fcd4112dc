// `npm run synth:canary`: the example app mid-upgrade, written to dist-canary/ (dist/ keeps the stable mesh).
import { buildCanaryApp } from './app';

buildCanaryApp({ outdir: 'dist-canary' }).synth();
