#!/usr/bin/env node
// The pre-commit hook (`language: script`): pre-commit clones this repository
// and runs this file from the clone. lib/ is not in git, so the first run
// builds the bundled CLI there (scripts/prepare.mjs, once, under a lock), then
// every run is `mldebt check FILES...` with the same output and exit codes.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'lib', 'node', 'mldebt.cjs');
const lock = path.join(root, '.mldebt-build-lock');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function build() {
  // pre-commit may start several processes of this hook at once.
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST' || Date.now() > deadline) {
        throw e;
      }
      sleep(500);
    }
  }
  try {
    if (!fs.existsSync(bundle)) {
      process.stderr.write('mldebt: building the CLI (first run only)\n');
      execFileSync(
        process.execPath,
        [path.join(root, 'scripts', 'prepare.mjs')],
        {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit']
        }
      );
    }
  } finally {
    fs.rmdirSync(lock);
  }
}

if (!fs.existsSync(bundle)) {
  try {
    build();
  } catch (e) {
    process.stderr.write(`mldebt: could not build the CLI: ${e.message}\n`);
    process.exit(2);
  }
}
process.argv.splice(2, 0, 'check');
require('./mldebt.js');
