// The review of every finding on ../shared/corpus, per rule
// (tests/review/<rule>.tsv). `node scripts/review.mjs` prints each rule's
// precision; `--draft` adds a row (verdict `?`) for each unreviewed finding
// and drops rows whose finding is gone, keeping every verdict already given.
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import {
  checkCorpus,
  compareReviews,
  corpusDir as corpus,
  findingRows,
  HEADER,
  readReviews,
  root,
  rowKey,
  ruleList
} from './review-lib.mjs';

const dir = path.join(root, 'tests', 'review');
if (!existsSync(corpus)) {
  console.error(`review: no corpus at ${corpus} (set MLDEBT_CORPUS)`);
  process.exit(1);
}
const byRule = findingRows(checkCorpus(corpus), corpus);
const severities = new Map(ruleList().map(r => [r.id, r.severity]));
const reviews = readReviews(dir);
if (process.argv.includes('--draft')) {
  mkdirSync(dir, { recursive: true });
  for (const [rule, rows] of byRule) {
    const known = reviews.get(rule) ?? new Map();
    const lines = [HEADER.join('\t')];
    for (const r of rows) {
      const v = known.get(rowKey(r));
      lines.push(
        [
          r.notebook,
          r.cell,
          r.line,
          r.code,
          v?.verdict ?? '?',
          v?.reason ?? r.message.replace(/\t/g, ' ')
        ].join('\t')
      );
    }
    writeFileSync(path.join(dir, `${rule}.tsv`), lines.join('\n') + '\n');
  }
  console.log(`review: drafts written in ${path.relative(root, dir)}`);
  process.exit(0);
}
const { problems, precision } = compareReviews(byRule, reviews, severities);
for (const p of precision) {
  console.log(
    `${p.rule.padEnd(36)} ${String(p.findings).padStart(4)} findings  ${String(p.true).padStart(4)} true ${String(p.false).padStart(3)} false ${String(p.debatable).padStart(3)} debatable  precision ${p.precision === null ? '  -  ' : p.precision.toFixed(2)} (target ${p.target.toFixed(2)})`
  );
}
problems.forEach(p => console.log(p));
process.exit(problems.length ? 1 : 0);
