// Entry point of the mesh analysis validation plugin for cdk8s.yaml `validations:` (cdk8s-cli requires
// a JavaScript module). Uses the compiled library when built; in a source checkout it loads the
// TypeScript through tsx (a devDependency), so `npm ci && npx cdk8s synth` needs no build step.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, 'lib', 'src', 'analysis', 'cdk8s-validation.js');
if (fs.existsSync(compiled)) {
  module.exports = require(compiled);
} else {
  require('tsx/cjs');
  module.exports = require(path.join(__dirname, 'src', 'analysis', 'cdk8s-validation.ts'));
}
