// Entry point of the mesh analysis validation plugin for cdk8s.yaml `validations:` (cdk8s-cli requires
// a JavaScript module). In a source checkout it loads the TypeScript through tsx (a devDependency), so
// `npm ci && npx cdk8s synth` needs no build step and a stale lib/ is never used; the package ships lib/.
const fs = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, 'src', 'analysis', 'cdk8s-validation.ts');
if (fs.existsSync(source)) {
  require('tsx/cjs');
  module.exports = require(source);
} else {
  module.exports = require(path.join(__dirname, 'lib', 'src', 'analysis', 'cdk8s-validation.js'));
}
