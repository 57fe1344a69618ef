/**
 * One fixture notebook per rule (src/rules/fixtures/<rule>.ipynb), in the
 * spirit of ruff's fixtures: each cell's metadata `mldebt_test.expect` lists
 * the lines where the rule must report in that cell, and nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../core/engine';
import { reportsRule } from '../core/types';
import { parseNotebookText } from '../core/notebook';
import { RULES } from '.';

const dir = path.join(__dirname, 'fixtures');
const fixtures = fs
  .readdirSync(dir)
  .filter(f => f.endsWith('.ipynb'))
  .sort();

describe('rule fixtures', () => {
  it('has a fixture for every rule', () => {
    const ids = RULES.filter(r => r.meta.family !== 'analysis').map(
      r => `${r.meta.id}.ipynb`
    );
    expect(fixtures).toEqual(expect.arrayContaining(ids));
  });

  it.each(fixtures)('%s', file => {
    const rule = file.replace(/\.ipynb$/, '');
    expect(RULES.some(r => r.meta.id === rule)).toBe(true);
    const nb = parseNotebookText(fs.readFileSync(path.join(dir, file), 'utf8'));
    const { findings } = new Engine(RULES).analyse(nb, {
      rules: { [rule]: { enabled: true } }
    });
    const actual = nb.cells.map((_, i) =>
      findings
        .filter(f => reportsRule(f, rule) && f.cell.index === i)
        .map(f => f.range.start.line)
    );
    const expected = nb.cells.map(
      c => ((c.metadata as any)?.mldebt_test?.expect ?? []) as number[]
    );
    expect(actual).toEqual(expected);
  });
});
