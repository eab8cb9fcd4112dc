#!/usr/bin/env node
// Runs the compiled CLI when the package is built (npm pack / publish run `prepack`);
// in a source checkout it runs the TypeScript through tsx (a devDependency).
const fs = require('node:fs');
const path = require('node:path');

// A reader that closes the pipe early (`analyze dist/ | head -1`) has all it wants: end quietly,
// as other filters do, instead of printing an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', err => {
    if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

const compiled = path.join(__dirname, '..', 'lib', 'src', 'cli', 'main.js');
let cli;
if (fs.existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('tsx/cjs');
  cli = require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
}
cli.run(process.argv).then(code => { process.exitCode = code; });
