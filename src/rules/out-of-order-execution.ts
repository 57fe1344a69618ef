/** reproducibility: saved outputs that came from running cells out of document order. */
import { IAnalysedCell } from '../core/model';
import { IRule } from '../core/rule';

function firstLineEnd(cell: IAnalysedCell): number {
  const nl = cell.text.indexOf('\n');
  return (nl < 0 ? cell.text : cell.text.slice(0, nl)).trimEnd().length;
}

export const outOfOrderExecution: IRule = {
  meta: {
    id: 'out-of-order-execution',
    family: 'reproducibility',
    severity: 'warning',
    title: 'Cells executed out of order',
    description:
      'Among the code cells saved with an execution count, a cell whose count is lower than that of a cell above it: the saved outputs came from another order than top to bottom. One finding per notebook, on the first cell out of order, naming the cell above it that ran later; the other cells out of order are related locations. Gaps in the counts (cells re-run, cells deleted) are not reported, nor are notebooks saved without execution counts.',
    rationale:
      'Outputs produced in an order the notebook does not show depend on hidden kernel state: "Restart and run all" may fail or give other results, and a reader cannot tell which code produced what they see.',
    corpus:
      'Reviewed 2026-12-03, every finding on ../shared/corpus (tests/review/out-of-order-execution.tsv): 6 findings, 6 true, 0 false, 0 debatable; precision 1.00. Each is one finding per notebook; the prophet quick start was saved from two kernel sessions (its R half restarts at [2]).',
    paper: '§7 Reproducibility Debt',
    options: {},
    examples: {
      bad: [
        {
          code: 'model = fit(X, y)',
          note: 'ran after the cell below it',
          cells: [
            { source: 'X, y = load()', execution_count: 1 },
            { source: 'model = fit(X, y)', execution_count: 5 },
            { source: 'score(model, X, y)', execution_count: 3 }
          ]
        }
      ],
      good: [
        {
          code: 'model = fit(X, y)',
          note: 'counts increase down the notebook (gaps are fine)',
          cells: [
            { source: 'X, y = load()', execution_count: 1 },
            { source: 'model = fit(X, y)', execution_count: 4 },
            { source: 'score(model, X, y)', execution_count: 5 }
          ]
        }
      ]
    }
  },
  check({ model, report }) {
    // The cell above with the highest count so far: a lower count below it
    // means the cell below ran first.
    let highest: IAnalysedCell | null = null;
    const late: { cell: IAnalysedCell; above: IAnalysedCell }[] = [];
    for (const cell of model.codeCells) {
      const n = cell.executionCount;
      if (n === null) {
        continue;
      }
      if (highest && n < highest.executionCount!) {
        late.push({ cell, above: highest });
      } else {
        highest = cell;
      }
    }
    if (late.length === 0) {
      return;
    }
    const [{ cell, above }, ...rest] = late;
    const more =
      rest.length === 0
        ? ''
        : ` ${rest.length} more cell${rest.length === 1 ? '' : 's'} ran out of order too.`;
    report({
      cell,
      from: 0,
      to: firstLineEnd(cell),
      message: `The saved outputs come from running cells out of order: this cell ran as [${cell.executionCount}] before cell ${above.index + 1} above it ([${above.executionCount}]).${more} Restart the kernel and run all cells, so the outputs match the code as it reads.`,
      related: [
        {
          cell: above,
          from: 0,
          to: firstLineEnd(above),
          message: `ran later, as [${above.executionCount}]`
        },
        ...rest.map(r => ({
          cell: r.cell,
          from: 0,
          to: firstLineEnd(r.cell),
          message: `ran as [${r.cell.executionCount}], before cell ${r.above.index + 1} above it`
        }))
      ]
    });
  }
};
