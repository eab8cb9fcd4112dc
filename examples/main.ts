// Entry point of `npx cdk8s synth` (see cdk8s.yaml): writes dist/. AIM_TIMINGS=1 prints where the time goes.
import { mark } from './timings';
import { buildExampleApp } from './app';

mark('loaded');
const app = buildExampleApp();
mark('built');
app.synth();
mark('synthesized');
