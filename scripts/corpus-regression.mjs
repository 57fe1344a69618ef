// Corpus regression: runs `mldebt check` on every notebook of ../shared/corpus
// and compares the findings per notebook and rule with tests/corpus/expected.json.
// A change must be reviewed by a person, then recorded with `--update`.
import { existsSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';
import {
  checkCorpus,
  compareReviews,
  corpusDir as corpus,
  duplicateSpans,
  findingRows,
  readReviews,
  root,
  ruleList
} from './review-lib.mjs';

const expectedFile = path.join(root, 'tests', 'corpus', 'expected.json');
const update = process.argv.includes('--update');

if (!existsSync(corpus)) {
  // The shared corpus sits beside this repository on the project's machines
  // only; elsewhere the other tests still run. CI sets MLDEBT_REQUIRE_CORPUS.
  const required = process.env.MLDEBT_REQUIRE_CORPUS === '1';
  console.log(
    `corpus regression: ${required ? 'no corpus' : 'skipped, no corpus'} at ${corpus} (set MLDEBT_CORPUS to run it)`
  );
  process.exit(required ? 1 : 0);
}

let report;
try {
  report = checkCorpus(corpus);
} catch (e) {
  console.error(`corpus regression: ${e.message}`);
  process.exit(1);
}
// One problem, one finding: no two findings on the same code.
const twice = duplicateSpans(report);
if (twice.length > 0) {
  twice.forEach(d => console.error(`corpus regression: reported twice: ${d}`));
  process.exit(1);
}
const actual = {};
let internal = 0;
for (const nb of report.notebooks) {
  const key = path.relative(corpus, nb.path).split(path.sep).join('/');
  if (nb.error) {
    actual[key] = { error: nb.error };
    if (nb.error.startsWith('internal error')) internal++;
    continue;
  }
  const counts = {};
  for (const f of nb.findings) {
    counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    if (
      f.family === 'analysis' &&
      f.message.includes('failed on this notebook')
    )
      internal++;
  }
  actual[key] = Object.fromEntries(Object.entries(counts).sort());
}
if (internal > 0) {
  console.error(
    `corpus regression: ${internal} internal errors (a rule crashed)`
  );
  process.exit(1);
}
if (update) {
  writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
  console.log(
    `corpus regression: recorded ${Object.keys(actual).length} notebooks in ${path.relative(root, expectedFile)}`
  );
  process.exit(0);
}
const expected = existsSync(expectedFile)
  ? JSON.parse(readFileSync(expectedFile, 'utf8'))
  : {};
const keys = [
  ...new Set([...Object.keys(expected), ...Object.keys(actual)])
].sort();
let passed = 0;
let failed = 0;
for (const k of keys) {
  const a = JSON.stringify(actual[k] ?? null);
  const e = JSON.stringify(expected[k] ?? null);
  if (a === e) {
    passed++;
  } else {
    failed++;
    console.log(`changed: ${k}\n  expected ${e}\n  actual   ${a}`);
  }
}
if (failed > 0) {
  console.log(
    'Review the changed findings (mldebt check <notebook>), then record them with: npm run corpus -- --update'
  );
}
console.log(`${passed} passed, ${failed} failed`);
// Every finding has a reviewer's verdict in tests/review/<rule>.tsv, each
// rule meets its precision target, and its documentation states it.
const rules = ruleList();
const { problems, precision } = compareReviews(
  findingRows(report, corpus),
  readReviews(path.join(root, 'tests', 'review')),
  new Map(rules.map(r => [r.id, r.severity]))
);
for (const p of precision) {
  const rule = rules.find(r => r.id === p.rule);
  const stated = `precision ${p.precision === null ? '-' : p.precision.toFixed(2)}`;
  if (p.precision !== null && !(rule?.corpus ?? '').includes(stated)) {
    problems.push(`${p.rule}: its corpus note must state "${stated}"`);
  }
}
problems.forEach(p => console.log(`review: ${p}`));
if (problems.length > 0) {
  console.log(
    'Review the findings (node scripts/review.mjs --draft, then give each new row a verdict and a reason)'
  );
}
console.log(
  `review: ${precision.reduce((n, p) => n + p.findings, 0)} findings of ${precision.length} rules reviewed, ${problems.length} problems`
);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
