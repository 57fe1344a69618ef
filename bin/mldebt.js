#!/usr/bin/env node
// The `mldebt` command: runs the bundled CLI built by `npm run build:lib`
// (lib/node/mldebt.cjs), or the copy beside this file in the Python wheel.
const fs = require('fs');
const path = require('path');
const beside = path.join(__dirname, 'mldebt.cjs');
const bundle = fs.existsSync(beside)
  ? beside
  : path.join(__dirname, '..', 'lib', 'node', 'mldebt.cjs');
let cli;
try {
  cli = require(bundle);
} catch (e) {
  process.stderr.write(
    `mldebt: the CLI is not built (${e.code || e.message}); run \`npm run build:lib\` first\n`
  );
  process.exit(2);
}
cli
  .run(process.argv.slice(2), {
    stdout: s => process.stdout.write(s),
    stderr: s => process.stderr.write(s),
    interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
    workerScript: bundle
  })
  .then(code => {
    process.exitCode = code;
  })
  .catch(e => {
    process.stderr.write(
      `mldebt: internal error: ${e && e.stack ? e.stack : e}\n`
    );
    process.exitCode = 2;
  });
