// The fix oracle over a folder of real notebooks (default ../shared/corpus):
// every fix the engine offers keeps its promise (src/core/fix-oracle.ts), and
// Python's own `ast` still parses every edited cell that it parsed before.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';
import { fileURLToPath } from 'url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const {
  Engine,
  RULES,
  checkFixes,
  parseNotebookText,
  PYTHON_AST_CHECK
} = require(path.join(root, 'lib', 'node', 'mldebt.cjs'));
const dir =
  process.argv[2] ||
  process.env.MLDEBT_CORPUS ||
  path.resolve(root, '..', 'shared', 'corpus');
if (!existsSync(dir)) {
  console.log(`fix oracle: skipped, no corpus at ${dir}`);
  process.exit(process.env.MLDEBT_REQUIRE_CORPUS === '1' ? 1 : 0);
}

function notebooks(d) {
  return readdirSync(d)
    .sort()
    .flatMap(name => {
      const p = path.join(d, name);
      return statSync(p).isDirectory()
        ? notebooks(p)
        : name.endsWith('.ipynb')
          ? [p]
          : [];
    });
}

const engine = new Engine(RULES);
const problems = [];
const pairs = [];
let fixes = 0;
let files = 0;
for (const file of notebooks(dir)) {
  let nb;
  try {
    nb = parseNotebookText(readFileSync(file, 'utf8'));
  } catch {
    continue; // not a notebook: the corpus regression reports it
  }
  files++;
  const rel = path.relative(dir, file);
  const report = checkFixes(nb, engine);
  fixes += report.fixes;
  problems.push(...report.problems.map(p => `${rel}: ${p}`));
  pairs.push(
    ...report.pythonPairs.map(p => ({ ...p, where: `${rel}: ${p.where}` }))
  );
}
const py = spawnSync('python3', ['-c', PYTHON_AST_CHECK], {
  input: JSON.stringify(pairs),
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024
});
if (py.status === 0) {
  problems.push(
    ...JSON.parse(py.stdout).map(
      w => `${w}: Python's ast no longer parses the cell`
    )
  );
} else {
  console.log('fix oracle: no python3, checked with the project parser only');
}
for (const p of problems) {
  console.log(`broken fix: ${p}`);
}
console.log(
  `fix oracle: ${fixes} fixes in ${files} notebooks, ${pairs.length} edited Python cells checked by ast`
);
console.log(`${fixes - problems.length} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
