// Bundles the CLI (and the benchmark) into CommonJS files Node runs directly.
import { build } from 'esbuild';
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning'
};

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'lib/node/mldebt.cjs'
});
await build({
  ...common,
  entryPoints: ['bench/bench.ts'],
  outfile: 'lib/node/bench.cjs',
  // WebAssembly packages load their .wasm files beside themselves.
  external: [
    '@astral-sh/ruff-wasm-nodejs',
    'web-tree-sitter',
    'tree-sitter-python'
  ]
});
