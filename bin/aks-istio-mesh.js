#!/usr/bin/env node
// In a source checkout (src/ next to bin/) it runs the TypeScript through tsx (a devDependency), so a lib/ left by
// `npm pack` or `npm run build` can never run stale code in tests; the installed package ships only lib/.
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

const source = path.join(__dirname, '..', 'src', 'cli', 'main.ts');
let cli;
if (fs.existsSync(source)) {
  require('tsx/cjs');
  cli = require(source);
} else {
  cli = require(path.join(__dirname, '..', 'lib', 'src', 'cli', 'main.js'));
}
cli.run(process.argv).then(code => { process.exitCode = code; });
