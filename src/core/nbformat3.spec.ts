import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../rules';
import { Engine } from './engine';
import { NotebookFormatError, parseNotebookText } from './notebook';

const fixture = fs.readFileSync(
  path.join(__dirname, 'fixtures', 'nbformat3.ipynb'),
  'utf8'
);

describe('nbformat 3 notebooks', () => {
  it('are upgraded in memory: worksheets flattened, input and prompt_number renamed, headings as Markdown', () => {
    const nb = parseNotebookText(fixture) as any;
    expect(nb.nbformat).toBe(4);
    expect(nb.cells.map((c: any) => c.cell_type)).toEqual([
      'markdown',
      'code',
      'markdown',
      'code',
      'markdown',
      'raw'
    ]);
    expect(nb.cells[0].source).toBe('# Churn model (nbformat 3)');
    expect(nb.cells[4].source).toBe('### Notes');
    expect(nb.cells[1]).toMatchObject({
      source: ['import pandas as pd\n', 'df = pd.read_csv("data/churn.csv")'],
      execution_count: 1,
      metadata: { collapsed: false }
    });
    expect(nb.cells[3].execution_count).toBe(2);
    expect(nb.metadata).toEqual({
      language_info: { name: 'python' },
      orig_nbformat: 3
    });
  });

  it('are analysed, with cell indexes into the upgraded cell list', () => {
    const { findings, language } = new Engine(RULES).analyse(
      parseNotebookText(fixture)
    );
    expect(language).toBe('python');
    const at = (rule: string) =>
      findings.filter(f => f.rule === rule).map(f => f.cell.index);
    expect(at('magic-number-comparison')).toEqual([3]);
    expect(at('constant-condition')).toEqual([3]);
    expect(at('undeclared-read')).toEqual([1]);
    // The raw cell is never code.
    expect(findings.some(f => f.cell.index === 5)).toBe(false);
  });

  it('leaves the input object untouched', () => {
    const value = JSON.parse(fixture);
    const copy = JSON.parse(fixture);
    parseNotebookText(JSON.stringify(value));
    expect(value).toEqual(copy);
  });

  it('still refuses nbformat 2 and a version 3 without worksheets, in one line', () => {
    expect(() =>
      parseNotebookText(JSON.stringify({ nbformat: 2, worksheets: [] }))
    ).toThrow(
      new NotebookFormatError(
        'nbformat 2 is not supported (convert it with `jupyter nbconvert --to notebook --nbformat 4`)'
      )
    );
    expect(() => parseNotebookText(JSON.stringify({ nbformat: 3 }))).toThrow(
      'nbformat 3 without the `worksheets` list'
    );
  });
});
