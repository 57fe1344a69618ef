/**
 * `npm run bench`: speed and memory of the engine, side by side with ruff's
 * WebAssembly build run in the same process on the same code (code cells
 * with IPython syntax masked as the engine masks it), with comparable rules
 * (ERA001, PLR2004, F841, F401). Prints medians and ratios; asserts nothing.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Engine } from '../src/core/engine';
import { FactsCache } from '../src/core/facts';
import { NotebookModel } from '../src/core/model';
import { notebookLanguage, parseNotebookText } from '../src/core/notebook';
import { maskIPython } from '../src/core/python/mask';
import { joinSource } from '../src/core/text';
import { INotebookInput } from '../src/core/types';
import { RULES as ALL_RULES } from '../src/rules';
import { compareParsers } from './parsers';
import { generatedNotebook } from './generated';

/** `BENCH_EXCLUDE=reproducibility,repeated-literal`: measure without these families or rules. */
const EXCLUDED = (process.env.BENCH_EXCLUDE ?? '').split(',').filter(Boolean);
const RULES = ALL_RULES.filter(
  r => !EXCLUDED.includes(r.meta.id) && !EXCLUDED.includes(r.meta.family)
);
import { parser as pythonParser } from '@lezer/python';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ruff = require('@astral-sh/ruff-wasm-nodejs');

const RUNS = Number(process.env.BENCH_RUNS || 7);
/** Incremental edits: the first after opening, then those measured. */
const COLD_EDITS = 20;
const WARM_EDITS = 101;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(fn: () => void, runs = RUNS): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function gc(): void {
  const g = (globalThis as any).gc;
  if (typeof g === 'function') {
    g();
    g();
  }
}

function findNotebooks(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      out.push(...findNotebooks(p));
    } else if (e.name.endsWith('.ipynb')) {
      out.push(p);
    }
  }
  return out.sort();
}

/** The Python source ruff sees: code cells, IPython syntax masked. */
function ruffSource(nb: INotebookInput): string {
  return nb.cells
    .filter(c => c.cell_type === 'code')
    .map(c => {
      const m = maskIPython(joinSource(c.source));
      return m.cellMagic && !m.cellMagic.pythonBody ? '' : m.code;
    })
    .join('\n\n');
}

/** Prints the engine's figures; returns the corpus's Python notebooks and masked code cells. */
function main(): { notebooks: INotebookInput[]; cells: string[] } {
  const corpusDir =
    process.env.MLDEBT_CORPUS ||
    path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
  const files = findNotebooks(corpusDir);
  const workspace = new ruff.Workspace(
    {
      'line-length': 88,
      lint: { select: ['ERA001', 'PLR2004', 'F841', 'F401'] }
    },
    ruff.PositionEncoding.Utf16
  );
  const rows: string[][] = [];
  let oursTotal = 0;
  let ruffTotal = 0;
  const corpus: { file: string; nb: INotebookInput; source: string }[] = [];
  for (const file of files) {
    let nb: INotebookInput;
    try {
      nb = parseNotebookText(fs.readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    const lang = notebookLanguage(nb);
    if (lang.supported && lang.language === 'python') {
      corpus.push({ file, nb, source: ruffSource(nb) });
    }
  }
  // Warm both up (V8's JIT, ruff's WebAssembly) before measuring anything.
  for (let round = 0; round < 3; round++) {
    for (const { nb, source } of corpus) {
      new Engine(RULES).analyse(nb);
      workspace.check(source);
    }
  }
  let lezerTotal = 0;
  let frontEndTotal = 0;
  const corpusCells: string[] = [];
  for (const { file, nb, source } of corpus) {
    // Full analysis with a cold cache each run: parse + rules.
    const ours = time(() => new Engine(RULES).analyse(nb));
    // The front-end alone (masking, parsing, lowering, per-cell facts).
    frontEndTotal += time(() => new Engine(RULES).prepare(nb, Infinity));
    const theirs = time(() => workspace.check(source));
    const cells = nb.cells
      .filter(c => c.cell_type === 'code')
      .map(c => maskIPython(joinSource(c.source)).code);
    corpusCells.push(...cells);
    lezerTotal += time(() => cells.forEach(c => pythonParser.parse(c)));
    oursTotal += ours;
    ruffTotal += theirs;
    rows.push([
      path.relative(corpusDir, file).slice(0, 58),
      ours.toFixed(2),
      theirs.toFixed(2),
      (ours / theirs).toFixed(2)
    ]);
  }

  const big = generatedNotebook(1000);
  const bigSource = ruffSource(big);
  const oursBig = time(() => new Engine(RULES).analyse(big), 5);
  const ruffBig = time(() => workspace.check(bigSource), 5);

  // Incremental: one engine, one cell edited per run (the previous edit
  // undone), as typing does. The first edits after opening run before the
  // JIT has compiled the incremental paths: reported on their own, and the
  // steady state after them is the figure.
  // The corpus runs above leave garbage an editing session would not have.
  gc();
  const engine = new Engine(RULES);
  engine.analyse(big);
  const edits: number[] = [];
  for (let k = 0; k < COLD_EDITS + WARM_EDITS; k++) {
    const cells = big.cells.slice();
    const at = (k * 37) % cells.length;
    cells[at] = {
      ...cells[at],
      source: `${joinSource(cells[at].source)}\nedit_${k} = ${k} > 0.5`
    };
    const edited = { ...big, cells };
    const t0 = performance.now();
    engine.analyse(edited);
    edits.push(performance.now() - t0);
  }
  const firstEdits = median(edits.slice(0, COLD_EDITS));
  const warm = edits.slice(COLD_EDITS).sort((a, b) => a - b);
  const incremental = median(warm);
  const incrementalP90 = warm[Math.floor(warm.length * 0.9)];
  const ruffOneCell = time(() => workspace.check(bigSource), 5);

  // Memory retained by an engine holding the 1,000-cell notebook's facts and findings.
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const holder = new Engine(RULES);
  const analysis = holder.analyse(big);
  gc();
  const heap1 = process.memoryUsage().heapUsed;
  const retainedMb = (heap1 - heap0) / 1024 / 1024;

  const pad = (s: string, n: number): string =>
    s.length >= n ? s : s + ' '.repeat(n - s.length);
  const line = (cols: string[]): string =>
    `${pad(cols[0], 60)} ${pad(cols[1], 12)} ${pad(cols[2], 12)} ${cols[3]}`;
  console.log(
    `mldebt benchmark — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ruff-wasm ${ruff.Workspace.version()}`
  );
  console.log(
    `medians of ${RUNS} runs, milliseconds; ratio = mldebt / ruff (≤ 1.0 means mldebt is as fast or faster)\n`
  );
  console.log(
    line([
      'notebook (full analysis, cold cache)',
      'mldebt ms',
      'ruff ms',
      'ratio'
    ])
  );
  for (const r of rows) {
    console.log(line(r));
  }
  console.log(
    line([
      `corpus total (${rows.length} Python notebooks)`,
      oursTotal.toFixed(1),
      ruffTotal.toFixed(1),
      (oursTotal / ruffTotal).toFixed(2)
    ])
  );
  console.log(
    line([
      '  of which @lezer/python parsing alone',
      lezerTotal.toFixed(1),
      ruffTotal.toFixed(1),
      (lezerTotal / ruffTotal).toFixed(2)
    ])
  );
  console.log(
    line([
      '  of which masking, lowering and cell facts',
      (frontEndTotal - lezerTotal).toFixed(1),
      '',
      ''
    ])
  );
  console.log(
    line([
      '  of which the rules and the engine',
      (oursTotal - frontEndTotal).toFixed(1),
      '',
      ''
    ])
  );
  console.log(
    line([
      '  everything after parsing / parsing (target ≤ 0.5)',
      '',
      '',
      ((oursTotal - lezerTotal) / lezerTotal).toFixed(2)
    ])
  );
  console.log(
    line([
      'generated 1,000-cell notebook',
      oursBig.toFixed(1),
      ruffBig.toFixed(1),
      (oursBig / ruffBig).toFixed(2)
    ])
  );
  console.log(
    line([
      `1,000 cells, one cell edited (incremental, median of ${WARM_EDITS})`,
      incremental.toFixed(2),
      ruffOneCell.toFixed(1),
      (incremental / ruffOneCell).toFixed(3)
    ])
  );
  console.log(
    line([
      '  90th percentile of those edits',
      incrementalP90.toFixed(2),
      ruffOneCell.toFixed(1),
      (incrementalP90 / ruffOneCell).toFixed(3)
    ])
  );
  console.log(
    line([
      `  the first ${COLD_EDITS} edits after opening (JIT cold)`,
      firstEdits.toFixed(2),
      ruffOneCell.toFixed(1),
      (firstEdits / ruffOneCell).toFixed(3)
    ])
  );
  console.log('');
  console.log(
    `memory: heap retained for the 1,000-cell notebook (facts cache + findings): ${retainedMb.toFixed(1)} MB (${analysis.findings.length} findings)`
  );
  console.log(
    `memory: peak resident set size of this whole run: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`
  );
  console.log(
    `targets: full-analysis ratio ≤ 1.0; incremental ≤ 5 ms; 1,000-cell memory ≤ 100 MB`
  );
  return { notebooks: corpus.map(c => c.nb), cells: corpusCells };
}

/**
 * What each rule adds to an analysis of the corpus, on its own: the cells'
 * facts are cached (no parsing), what rules derive from them is dropped
 * before each run, and the engine with no rule at all is subtracted. Rules
 * that share derived data (the data manifest, literal sites, cell scopes)
 * each show the shared part. `BENCH_RULE_COSTS=0` skips it.
 */
function ruleCosts(notebooks: INotebookInput[]): void {
  const cache = new FactsCache();
  const models = notebooks.map(nb => {
    new Engine(RULES, cache).analyse(nb);
    return new NotebookModel(nb, 'python', cache);
  });
  const run = (rules: typeof RULES): number =>
    time(() => {
      for (const m of models) {
        for (const c of m.codeCells) {
          c.facts!.derived.clear();
        }
      }
      for (const nb of notebooks) {
        new Engine(rules, cache).analyse(nb);
      }
    });
  const none = run([]);
  const all = run(RULES);
  console.log('');
  console.log(
    `rules on the corpus, cell facts cached (medians of ${RUNS} runs, ms): the engine alone ${none.toFixed(1)}, all rules ${(all - none).toFixed(1)} more`
  );
  const costs = RULES.map(r => ({ id: r.meta.id, ms: run([r]) - none }));
  costs.sort((a, b) => b.ms - a.ms);
  for (const c of costs) {
    console.log(`  ${c.id.padEnd(36)} ${c.ms.toFixed(1).padStart(6)}`);
  }
}

/** The parser comparison, on the corpus's masked cells (`BENCH_PARSERS=0` skips it). */
async function parsers(cells: string[]): Promise<void> {
  const { lezer, treeSitter } = await compareParsers(cells, f => time(f));
  console.log('');
  console.log(
    `parsers on the corpus's ${cells.length.toLocaleString('en')} masked Python cells (medians of ${RUNS} runs, ms; ratio against @lezer/python)`
  );
  for (const p of [lezer, treeSitter]) {
    if (!p) {
      continue;
    }
    console.log(
      `  ${p.name.padEnd(38)} parse ${p.parseMs.toFixed(1).padStart(7)} (${(p.parseMs / lezer.parseMs).toFixed(2)})   parse + walk every node ${p.walkMs.toFixed(1).padStart(7)} (${(p.walkMs / lezer.walkMs).toFixed(2)})   cells with error nodes ${p.errorCells}   modern Python failing: ${p.modernFailures.join(', ') || 'none'}`
    );
  }
}

/**
 * The CLI on many small notebooks: files per second with 1, 2 and all
 * worker threads, and the peak memory of the process for 1,000 and 10,000
 * files (bounded memory: the larger run should not need ten times more).
 */
function throughput(): void {
  const total = Number(process.env.BENCH_FILES || 10000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mldebt-bench-'));
  const examples = RULES.flatMap(r => r.meta.examples.bad).map(e => e.code);
  const write = (n: number, sub: string): string => {
    const d = path.join(dir, sub);
    fs.mkdirSync(d, { recursive: true });
    for (let i = 0; i < n; i++) {
      const cells = [0, 1, 2].map(k => ({
        cell_type: 'code',
        id: `c${k}`,
        metadata: {},
        execution_count: null,
        outputs: [],
        source: examples[(i * 3 + k) % examples.length]
      }));
      fs.writeFileSync(
        path.join(d, `nb${i}.ipynb`),
        JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells })
      );
    }
    return d;
  };
  const small = write(Math.max(1, Math.round(total / 10)), 'small');
  const large = write(total, 'large');
  // Runs the CLI in a child that reports its own peak resident set size.
  const wrapper = path.join(dir, 'run.js');
  // ru_maxrss survives exec (it would report this process's peak): Linux's
  // VmHWM is the child's own; elsewhere resourceUsage() is the best there is.
  fs.writeFileSync(
    wrapper,
    [
      "process.on('exit', () => {",
      '  let kb = process.resourceUsage().maxRSS;',
      '  try {',
      "    kb = Number(/VmHWM:\\s+(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]);",
      '  } catch {}',
      "  process.stderr.write('\\nRSS ' + kb + '\\n');",
      '});',
      `require(${JSON.stringify(path.resolve(__dirname, '..', '..', 'bin', 'mldebt.js'))});`
    ].join('\n')
  );
  const run = (target: string, jobs: number) => {
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        wrapper,
        'check',
        '--quiet',
        '--fail-on',
        'never',
        '--jobs',
        String(jobs),
        target
      ],
      { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 }
    );
    const ms = performance.now() - t0;
    const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
    return { ms, rss, ok: r.status === 0 };
  };
  const cores = os.cpus().length;
  const jobs = [...new Set([1, 2, cores])];
  console.log('');
  console.log(
    `CLI throughput: mldebt check on ${total.toLocaleString('en')} small notebooks (3 cells each), ${cores} cores`
  );
  let single = 0;
  for (const j of jobs) {
    const r = run(large, j);
    single = single || r.ms;
    console.log(
      `  --jobs ${j}: ${((total / r.ms) * 1000).toFixed(0)} files/s, speed-up ${(single / r.ms).toFixed(2)}x, peak RSS ${r.rss.toFixed(0)} MB${r.ok ? '' : ' (FAILED)'}`
    );
  }
  const a = run(small, 1);
  const b = run(large, 1);
  console.log(
    `  memory: peak RSS ${a.rss.toFixed(0)} MB for ${(total / 10).toLocaleString('en')} files, ${b.rss.toFixed(0)} MB for ${total.toLocaleString('en')} (ratio ${(b.rss / a.rss).toFixed(2)} for 10x the files)`
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  void (async () => {
    const { notebooks, cells } = main();
    if (process.env.BENCH_RULE_COSTS !== '0') {
      ruleCosts(notebooks);
    }
    if (process.env.BENCH_PARSERS !== '0') {
      await parsers(cells);
    }
    if (process.env.BENCH_THROUGHPUT !== '0') {
      throughput();
    }
  })();
}
