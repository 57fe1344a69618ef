// Per-rule review files of the findings on ../shared/corpus
// (tests/review/<rule>.tsv): one row per finding, keyed by notebook, cell,
// line and the flagged code, with a reviewer's verdict (true, false or
// debatable) and a one-line reason. Shared by the corpus regression (which
// fails when findings and reviews disagree) and scripts/review.mjs.
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

export const root = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..'
);
export const corpusDir =
  process.env.MLDEBT_CORPUS || path.resolve(root, '..', 'shared', 'corpus');
const cli = path.join(root, 'bin', 'mldebt.js');

/**
 * `mldebt check --format json` on the corpus, parsed. Exit 2 is allowed: a
 * corpus may hold files that are not notebooks (nbformat 2, broken JSON);
 * any other failure throws with mldebt's error output.
 */
export function checkCorpus(corpus = corpusDir) {
  let out;
  try {
    out = execFileSync(
      process.execPath,
      // The corpus holds notebooks without their projects: declare no
      // package, so undeclared-package reports (and the review judges) every
      // third-party import.
      [
        cli,
        'check',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--requirements',
        'tests/corpus/requirements-none.txt',
        corpus
      ],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
  } catch (e) {
    if (e.status !== 2) {
      throw new Error(`mldebt failed (exit ${e.status}): ${e.stderr}`);
    }
    out = e.stdout;
  }
  return JSON.parse(out);
}

/** The rule registry as `mldebt rules --format json` prints it. */
export function ruleList() {
  return JSON.parse(
    execFileSync(process.execPath, [cli, 'rules', '--format', 'json'], {
      encoding: 'utf8'
    })
  );
}

export const HEADER = [
  'notebook',
  'cell',
  'line:column',
  'code',
  'verdict',
  'reason'
];
export const VERDICTS = new Set(['true', 'false', 'debatable']);
/** Precision targets by the rule's default severity. */
export const TARGETS = { error: 0.95, warning: 0.95, info: 0.9 };

function cellSource(cell) {
  const s = cell.source ?? cell.input ?? '';
  return Array.isArray(s) ? s.join('') : String(s);
}

/** The flagged code on the finding's first line, one TSV-safe field. */
function flaggedCode(text, range) {
  const lines = text.split(/\r\n|\r|\n/);
  const line = lines[range.start.line - 1] ?? '';
  const end =
    range.end.line === range.start.line ? range.end.column - 1 : line.length;
  const code = line.slice(range.start.column - 1, end).trim() || line.trim();
  return code.replace(/[\t\r\n]+/g, ' ').slice(0, 80);
}

/** Review keys of a `mldebt check --format json` report, by rule. */
export function findingRows(report, corpus) {
  const byRule = new Map();
  for (const nb of report.notebooks) {
    if (nb.error || nb.findings.length === 0) {
      continue;
    }
    const key = path.relative(corpus, nb.path).split(path.sep).join('/');
    const json = JSON.parse(readFileSync(nb.path, 'utf8'));
    const cells = json.cells ?? json.worksheets?.[0]?.cells ?? [];
    for (const f of nb.findings) {
      if (f.family === 'analysis') {
        continue;
      }
      const text = cellSource(cells[f.cell.index] ?? {});
      const row = {
        notebook: key,
        cell: String(f.cell.index + 1),
        line: `${f.range.start.line}:${f.range.start.column}`,
        code: flaggedCode(text, f.range),
        severity: f.severity,
        message: f.message
      };
      if (!byRule.has(f.rule)) {
        byRule.set(f.rule, []);
      }
      byRule.get(f.rule).push(row);
    }
  }
  return byRule;
}

export const rowKey = r => `${r.notebook}\t${r.cell}\t${r.line}\t${r.code}`;

/** The review rows of every rule: rule → key → row. */
export function readReviews(dir) {
  const out = new Map();
  if (!existsSync(dir)) {
    return out;
  }
  for (const file of readdirSync(dir).filter(f => f.endsWith('.tsv'))) {
    const rows = new Map();
    const lines = readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .filter(l => l.trim() !== '');
    for (const line of lines.slice(1)) {
      const [notebook, cell, lineNo, code, verdict, reason] = line.split('\t');
      const row = { notebook, cell, line: lineNo, code, verdict, reason };
      rows.set(rowKey(row), row);
    }
    out.set(file.replace(/\.tsv$/, ''), rows);
  }
  return out;
}

/**
 * Compares findings with reviews: unreviewed findings, stale rows, rows
 * without a verdict or reason, and each rule's precision (debatable rows
 * left out) against its target.
 */
export function compareReviews(byRule, reviews, severities) {
  const problems = [];
  const precision = [];
  const rules = new Set([...byRule.keys(), ...reviews.keys()]);
  for (const rule of [...rules].sort()) {
    const rows = byRule.get(rule) ?? [];
    const review = reviews.get(rule) ?? new Map();
    const seen = new Set();
    const counts = { true: 0, false: 0, debatable: 0 };
    for (const r of rows) {
      const k = rowKey(r);
      if (seen.has(k)) {
        problems.push(
          `${rule}: two findings share the key ${k.replace(/\t/g, ' | ')}`
        );
        continue;
      }
      seen.add(k);
      const v = review.get(k);
      if (!v) {
        problems.push(`${rule}: unreviewed finding ${k.replace(/\t/g, ' | ')}`);
        continue;
      }
      if (!VERDICTS.has(v.verdict) || !v.reason) {
        problems.push(
          `${rule}: no verdict and reason for ${k.replace(/\t/g, ' | ')}`
        );
        continue;
      }
      counts[v.verdict]++;
    }
    for (const k of review.keys()) {
      if (!seen.has(k)) {
        problems.push(
          `${rule}: review row with no finding ${k.replace(/\t/g, ' | ')}`
        );
      }
    }
    const judged = counts.true + counts.false;
    const p = judged === 0 ? null : counts.true / judged;
    const target = TARGETS[severities.get(rule) ?? 'warning'];
    precision.push({
      rule,
      ...counts,
      findings: rows.length,
      precision: p,
      target
    });
    if (p !== null && p < target) {
      problems.push(
        `${rule}: precision ${p.toFixed(2)} is below its target ${target.toFixed(2)}`
      );
    }
  }
  return { problems, precision };
}

/** Two findings on the same code (cell and range) of one notebook. */
export function duplicateSpans(report) {
  const out = [];
  for (const nb of report.notebooks) {
    const seen = new Map();
    for (const f of nb.findings ?? []) {
      const k = `${f.cell.index}:${JSON.stringify(f.range)}`;
      if (seen.has(k)) {
        out.push(
          `${nb.path} cell ${f.cell.index + 1} line ${f.range.start.line}: ${seen.get(k)} and ${f.rule}`
        );
      } else {
        seen.set(k, f.rule);
      }
    }
  }
  return out;
}
