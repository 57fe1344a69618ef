/** Widget tests of the ML Debt panel on a real (in-memory) notebook panel. */
import { Context } from '@jupyterlab/docregistry';
import {
  INotebookModel,
  NotebookActions,
  NotebookPanel
} from '@jupyterlab/notebook';
import { ServiceManagerMock } from '@jupyterlab/services/lib/testutils';
import { initNotebookContext, NBTestUtils } from '@jupyterlab/testutils';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { parseCounter } from '../core/facts';
import { notebook } from '../testing/notebook';
import { applyFix } from './actions';
import { DebtPanel, ROWS_PER_GROUP } from './panel';

const trans = nullTranslator.load('jupyterlab_mldebt');

async function notebookPanel(
  cells: string[],
  language = 'python'
): Promise<{ panel: NotebookPanel; context: Context<INotebookModel> }> {
  // An in-memory contents and kernel service: no server is needed.
  const context = await initNotebookContext({
    manager: new ServiceManagerMock()
  });
  context.model.fromJSON(notebook(cells, language) as any);
  // As JupyterLab does after loading a file: loading is not an undoable step.
  context.model.sharedModel.clearUndoHistory();
  const panel = NBTestUtils.createNotebookPanel(context);
  return { panel, context };
}

function rows(debt: DebtPanel, rule?: string): HTMLElement[] {
  return [
    ...debt.node.querySelectorAll<HTMLElement>(
      rule ? `.jp-MldebtRow[data-rule="${rule}"]` : '.jp-MldebtRow'
    )
  ];
}

describe('DebtPanel', () => {
  let debt: DebtPanel;
  let counts: number[];

  beforeEach(() => {
    counts = [];
    debt = new DebtPanel({
      trans,
      // Synchronous analyses here; slicing has its own test.
      parseSliceMs: Infinity,
      analysed: findings => counts.push(findings.length),
      exportReport: () => undefined
    });
    Widget.attach(debt, document.body);
  });

  afterEach(() => debt.dispose());

  it('says so when no notebook is open', () => {
    expect(debt.node.textContent).toContain('No notebook is open.');
    expect(rows(debt)).toHaveLength(0);
  });

  it('lists the findings of the notebook it follows, with their attributes', async () => {
    const { panel, context } = await notebookPanel([
      'import pandas as pd',
      'if False:\n    x = 1',
      'keep = pd.DataFrame()[lambda d: d.p > 0.37]'
    ]);
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    const [dead] = rows(debt, 'constant-condition');
    expect(dead.dataset).toMatchObject({
      family: 'dead-code',
      severity: 'warning',
      cellIndex: '1',
      line: '1'
    });
    expect(dead.getAttribute('aria-label')).toContain('cell 2, line 1');
    expect(rows(debt, 'magic-number-comparison')).toHaveLength(1);
    const actions = [
      ...rows(debt, 'magic-number-comparison')[0].querySelectorAll<HTMLElement>(
        '[data-action]'
      )
    ].map(b => b.dataset.action);
    expect(actions).toEqual(['fix', 'ignore', 'explain']);
    expect(
      debt.node.querySelector('[data-action="export-report"]')
    ).not.toBeNull();
    expect(counts[counts.length - 1]).toBe(rows(debt).length);
    panel.dispose();
  });

  it('re-analyses after an edit, once typing stops', async () => {
    const { panel, context } = await notebookPanel(['x = 1']);
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    expect(debt.node.textContent).toContain('No debt found');
    const cell = panel.content.model!.cells.get(0).sharedModel;
    cell.setSource('if False:\n    x = 1');
    expect(rows(debt)).toHaveLength(0);
    await new Promise(resolve => setTimeout(resolve, 450));
    expect(rows(debt, 'constant-condition')).toHaveLength(1);
    panel.dispose();
  });

  it('names the kernel language it does not read', async () => {
    const { panel, context } = await notebookPanel(['x <- 1'], 'R');
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    expect(debt.node.textContent).toContain(
      'kernel language (R) is not analysed'
    );
    panel.dispose();
  });

  it('groups by cell and filters by text', async () => {
    const { panel, context } = await notebookPanel([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    const group = debt.node.querySelector<HTMLSelectElement>(
      'select[aria-label="Group by"]'
    )!;
    group.value = 'cell';
    group.dispatchEvent(new Event('change'));
    const filter = debt.node.querySelector<HTMLInputElement>(
      'input[type="search"]'
    )!;
    filter.value = '0.37';
    filter.dispatchEvent(new Event('input'));
    const headers = [
      ...debt.node.querySelectorAll('.jp-MldebtGroup-header')
    ].map(h => h.textContent);
    expect(headers).toEqual([expect.stringMatching(/^▾ Cell 2 \(1\)$/)]);
    panel.dispose();
  });

  it('draws a long group in pages, and leaves the DOM alone when nothing changed', async () => {
    const cells = Array.from(
      { length: ROWS_PER_GROUP + 30 },
      (_, i) => `if False:\n    x_${i} = 1`
    );
    const { panel, context } = await notebookPanel(cells);
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    expect(debt.findings).toHaveLength(ROWS_PER_GROUP + 30);
    expect(rows(debt)).toHaveLength(ROWS_PER_GROUP);
    const first = rows(debt)[0];
    debt.analyse();
    expect(rows(debt)[0]).toBe(first);
    debt.node
      .querySelector<HTMLButtonElement>('[data-action="show-more"]')!
      .click();
    expect(rows(debt)).toHaveLength(ROWS_PER_GROUP + 30);
    expect(debt.node.querySelector('[data-action="show-more"]')).toBeNull();
    panel.dispose();
  });

  it('parses a large notebook in slices, showing "Analysing…" meanwhile', async () => {
    const sliced = new DebtPanel({ trans, parseSliceMs: 0 });
    Widget.attach(sliced, document.body);
    const cells = Array.from(
      { length: 40 },
      (_, i) => `w_${i} = h(${i})\nif w_${i} > ${i}.25:\n    pass`
    );
    const { panel, context } = await notebookPanel(cells);
    sliced.setNotebook(panel);
    await context.ready;
    sliced.analyse();
    expect(
      sliced.node.querySelector('[data-state="analysing"]')
    ).not.toBeNull();
    expect(rows(sliced)).toHaveLength(0);
    // One cell per slice here: 40 slices, each after a zero-delay timer.
    for (let i = 0; i < 60 && rows(sliced).length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 0));
    }
    expect(rows(sliced, 'magic-number-comparison')).toHaveLength(40);
    expect(sliced.node.querySelector('[data-state="analysing"]')).toBeNull();
    sliced.dispose();
    panel.dispose();
  });

  it('applies a fix in one step that Undo reverses', async () => {
    const source =
      'import numpy as np\nscores = np.zeros(3)\nkeep = scores > 0.37';
    const { panel, context } = await notebookPanel([source]);
    debt.setNotebook(panel);
    await context.ready;
    const finding = debt
      .resultFor(panel)
      .findings.find(f => f.rule === 'magic-number-comparison')!;
    expect(finding.fix).toBeDefined();
    const before = panel.content.model!.cells.length;
    applyFix(panel, finding);
    const after = panel.content.model!.sharedModel.cells.map(c =>
      c.getSource()
    );
    expect(after.join('\n')).toMatch(/keep = scores > \w+/);
    expect(after.join('\n')).not.toMatch(/scores > 0\.37/);
    NotebookActions.undo(panel.content);
    expect(panel.content.model!.cells.length).toBe(before);
    expect(panel.content.model!.cells.get(0).sharedModel.getSource()).toBe(
      source
    );
    panel.dispose();
  });

  it('reviews an export without parsing the open notebook again', async () => {
    const { panel, context } = await notebookPanel([
      'import pandas as pd',
      'df = pd.read_csv("/home/al/x.csv")\nif False:\n    df.plot()'
    ]);
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    const before = parseCounter.count;
    const result = debt.resultFor(panel);
    expect(parseCounter.count).toBe(before);
    expect(result.findings.map(f => f.rule)).toEqual(
      debt.findings.map(f => f.rule)
    );
    panel.dispose();
  });

  it('reports the notebook the way the CLI does', async () => {
    const { panel, context } = await notebookPanel([
      'import pandas as pd',
      'df = pd.read_csv("/home/al/x.csv")'
    ]);
    await context.ready;
    const result = debt.resultFor(panel);
    expect(result.language).toBe('python');
    expect(result.sources).toEqual([
      expect.objectContaining({ source: '/home/al/x.csv', declared: false })
    ]);
    expect(result.findings.map(f => f.rule)).toContain('machine-specific-path');
    panel.dispose();
  });
});
