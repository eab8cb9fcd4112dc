// Entry point of `npx cdk8s synth` (see cdk8s.yaml): writes dist/.
import { buildExampleApp } from './app';

buildExampleApp().synth();
