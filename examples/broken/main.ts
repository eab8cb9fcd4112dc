// `npx cdk8s synth --app 'npx tsx examples/broken/main.ts' -o /tmp/broken` fails with the analysis errors.
import { buildBrokenApp } from './app';

buildBrokenApp().synth();
