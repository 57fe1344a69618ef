/** dead-code: code cells never run in a notebook saved with execution state. */
import { IRule } from '../core/rule';

export const neverExecutedCell: IRule = {
  meta: {
    id: 'never-executed-cell',
    family: 'dead-code',
    severity: 'info',
    title: 'Cell never executed',
    description:
      'In a notebook saved with outputs (at least one code cell has an execution count), a non-empty code cell without one, followed later by an executed code cell, is an abandoned experiment. Trailing unexecuted cells, empty and comment-only cells, and notebooks with no execution state at all are not reported.',
    rationale:
      'A cell skipped while the cells around it ran is code the saved results do not depend on: either an abandoned alternative, or a step the results silently miss.',
    corpus:
      "21 findings, all agreed as defined (19 in one lecture notebook whose first cells were never run, 2 optional plotly cells in prophet's quick start).",
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
    for (const cell of model.codeCells) {
      if (cell.index >= lastExecuted || cell.executionCount !== null) {
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
      report({
        cell,
        from: 0,
        to: cell.text.trimEnd().length,
        message: `This cell was never executed, although cells after it were: it is an abandoned experiment or a step the saved results miss. Run it or delete it.`
      });
    }
  }
};
