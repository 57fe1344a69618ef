// npm's `prepare`, and the pre-commit hook's first run: builds the bundled
// CLI (lib/node/mldebt.cjs), which is not in git. Where the dependencies are
// missing (a fresh clone, or npm's global install from git, which runs
// `prepare` without them: npm/cli#8440) they are installed from the lock file.
import { execFileSync } from 'child_process';
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

try {
  require.resolve('esbuild');
} catch {
  // The locked dependencies, without install scripts (this is one of them).
  console.error('mldebt prepare: installing the build dependencies (npm ci)');
  const npm = process.env.npm_execpath;
  const [cmd, args] = npm
    ? [process.execPath, [npm]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  execFileSync(
    cmd,
    [
      ...args,
      'ci',
      '--ignore-scripts',
      '--global=false',
      '--include=dev',
      '--no-audit',
      '--no-fund'
    ],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }
  );
}
await import(path.join(root, 'scripts', 'build-cli.mjs'));
