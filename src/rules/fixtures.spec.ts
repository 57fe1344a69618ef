/**
 * One fixture notebook per rule (src/rules/fixtures/<rule>.ipynb), in the
 * spirit of ruff's fixtures: each cell's metadata `mldebt_test.expect` lists
 * the lines where the rule must report in that cell, and nothing else.
 * `<rule>.<case>.ipynb` holds a case that needs a notebook of its own (a
 * seed in the parameters cell silences the whole notebook); the notebook's
 * metadata `mldebt_test.dependencies` stands for the dependency files found.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../core/engine';
import { reportsRule } from '../core/types';
import { parseNotebookText } from '../core/notebook';
import { RULES } from '.';
import { declaredPackageSet } from '../core/dependencies';

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
    const rule = file.replace(/(\.[\w-]+)?\.ipynb$/, '');
    expect(RULES.some(r => r.meta.id === rule)).toBe(true);
    const nb = parseNotebookText(fs.readFileSync(path.join(dir, file), 'utf8'));
    const deps = (nb.metadata as any)?.mldebt_test?.dependencies;
    const dependencies = deps && {
      files: deps.files ?? [],
      packages: declaredPackageSet(deps.packages ?? []),
      localModules: new Set<string>(deps.localModules ?? [])
    };
    const { findings } = new Engine(RULES).analyse(
      nb,
      { rules: { [rule]: { enabled: true } } },
      { dependencies }
    );
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
