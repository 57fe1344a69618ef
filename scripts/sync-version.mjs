// The version lives in package.json only: `npm version X` bumps it and runs
// this (the `version` script), which writes src/core/version.ts for the
// engine; Python reads package.json through hatch-nodejs-version. A test
// keeps the two equal.
import { readFileSync, writeFileSync } from 'fs';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8')
);
writeFileSync(
  new URL('../src/core/version.ts', import.meta.url),
  `/** The package version, written from package.json by scripts/sync-version.mjs; a test keeps them equal. */\nexport const VERSION = '${version}';\n`
);
console.log(`version ${version}`);
