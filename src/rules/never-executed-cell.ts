/** dead-code: code cells never run in a notebook saved with execution state. */
import { IAnalysedCell } from '../core/model';
import { IRule } from '../core/rule';

export const neverExecutedCell: IRule = {
  meta: {
    id: 'never-executed-cell',
    family: 'dead-code',
    severity: 'info',
    coversBlock: true,
    title: 'Cell never executed',
    description:
      'In a notebook saved with outputs (at least one code cell has an execution count), a non-empty code cell without one, followed later by an executed code cell, is an abandoned experiment. A run of such cells is one finding on its first cell, the others as related locations. Trailing unexecuted cells, empty and comment-only cells, and notebooks with no execution state at all are not reported.',
    rationale:
      'A cell skipped while the cells around it ran is code the saved results do not depend on: either an abandoned alternative, or a step the results silently miss.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/never-executed-cell.tsv): 3 findings, 3 true, 0 false, 0 debatable; precision 1.00 over the judged ones. A run of skipped cells is one finding (it was 21 findings for these 3 runs).',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    examples: {
      bad: [
        {
          code: 'model = train_v2(X, y)',
          note: 'never executed, between executed cells',
          cells: [
            { source: 'X, y = load()', execution_count: 1 },
            { source: 'model = train_v2(X, y)', execution_count: null },
            { source: 'model = train(X, y)', execution_count: 2 }
          ]
        }
      ],
      good: [
        {
          code: 'model = train_v2(X, y)',
          note: 'the last cell: not yet run',
          cells: [
            { source: 'X, y = load()', execution_count: 1 },
            { source: 'model = train_v2(X, y)', execution_count: null }
          ]
        }
      ]
    }
  },
  check({ model, report }) {
    const executed = model.codeCells.filter(c => c.executionCount !== null);
    if (executed.length === 0) {
      return;
    }
    const lastExecuted = executed[executed.length - 1].index;
    // A run of skipped cells (an executed cell ends it; empty ones do not)
    // is one abandoned stretch: one finding, the rest of the run related.
    let run: IAnalysedCell[] = [];
    const flush = (): void => {
      if (run.length === 0) {
        return;
      }
      const [first, ...rest] = run;
      const n = rest.length;
      report({
        cell: first,
        from: 0,
        to: first.text.trimEnd().length,
        message:
          n === 0
            ? 'This cell was never executed, although cells after it were: it is an abandoned experiment or a step the saved results miss. Run it or delete it.'
            : `This cell and the ${n} code cell${n === 1 ? '' : 's'} after it were never executed, although cells after them were: an abandoned experiment or steps the saved results miss. Run them or delete them.`,
        related: rest.map(c => ({
          cell: c,
          from: 0,
          to: c.text.trimEnd().length,
          message: 'never executed either'
        }))
      });
      run = [];
    };
    for (const cell of model.codeCells) {
      if (cell.index >= lastExecuted) {
        break;
      }
      if (cell.executionCount !== null) {
        flush();
        continue;
      }
      const facts = cell.facts!;
      const onlyComments =
        facts.body.length === 0 &&
        facts.shellLines.length === 0 &&
        facts.parsed;
      if (
        cell.text.trim() === '' ||
        onlyComments ||
        cell.tags.includes('parameters') ||
        cell.tags.includes('injected-parameters')
      ) {
        continue;
      }
      run.push(cell);
    }
    flush();
  }
};
