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
import { applyFix, declareSource, ignoreFinding } from './actions';
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

  /** A notebook panel with these cells, followed by the debt panel and analysed. */
  async function followed(
    cells: string[],
    language = 'python'
  ): Promise<{ panel: NotebookPanel; context: Context<INotebookModel> }> {
    const opened = await notebookPanel(cells, language);
    debt.setNotebook(opened.panel);
    await opened.context.ready;
    debt.analyse();
    return opened;
  }

  it('says so when no notebook is open', () => {
    expect(debt.node.textContent).toContain('No notebook is open.');
    expect(rows(debt)).toHaveLength(0);
  });

  it('lists the findings of the notebook it follows, with their attributes', async () => {
    const { panel } = await followed([
      'import pandas as pd',
      'if False:\n    x = 1',
      'keep = pd.DataFrame()[lambda d: d.p > 0.37]'
    ]);
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

  it('shows the other places of one problem as links that jump there', async () => {
    const { panel } = await followed([
      'a = RandomForestClassifier(n_estimators=500)',
      'x = 1',
      'b = RandomForestRegressor(n_estimators=500)'
    ]);
    const found = rows(debt, 'literal-hyperparameter');
    expect(found).toHaveLength(1);
    const links = [
      ...found[0].querySelectorAll<HTMLElement>('[data-action="related"]')
    ];
    expect(links.map(l => l.textContent)).toEqual(['cell 3, line 1']);
    links[0].click();
    expect(panel.content.activeCellIndex).toBe(2);
    panel.dispose();
  });

  it('re-analyses after an edit, once typing stops', async () => {
    const { panel } = await followed(['x = 1']);
    expect(debt.node.textContent).toContain('No debt found');
    const cell = panel.content.model!.cells.get(0).sharedModel;
    cell.setSource('if False:\n    x = 1');
    expect(rows(debt)).toHaveLength(0);
    await new Promise(resolve => setTimeout(resolve, 450));
    expect(rows(debt, 'constant-condition')).toHaveLength(1);
    panel.dispose();
  });

  it('names the kernel language it does not read', async () => {
    const { panel } = await followed(['x <- 1'], 'R');
    expect(debt.node.textContent).toContain(
      'kernel language (R) is not analysed'
    );
    panel.dispose();
  });

  it('groups by cell and filters by text', async () => {
    const { panel } = await followed([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
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
    const { panel } = await followed([
      'import pandas as pd',
      'df = pd.read_csv("/home/al/x.csv")\nif False:\n    df.plot()'
    ]);
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

  it('consumes Enter, Space and arrows on a row, so no key reaches the editor', async () => {
    const { panel } = await followed([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    const [first, second] = rows(debt);
    for (const key of ['Enter', ' ', 'ArrowDown', 'ArrowUp', 'Home', 'End']) {
      first.focus();
      const event = new KeyboardEvent('keydown', {
        key,
        bubbles: true,
        cancelable: true
      });
      let reachedDocument = false;
      const listener = (): void => {
        reachedDocument = true;
      };
      document.addEventListener('keydown', listener);
      first.dispatchEvent(event);
      document.removeEventListener('keydown', listener);
      expect([key, event.defaultPrevented, reachedDocument]).toEqual([
        key,
        true,
        false
      ]);
    }
    first.focus();
    first.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })
    );
    expect(document.activeElement).toBe(second);
    // Keys on a row's buttons are the buttons' own.
    const button = first.querySelector<HTMLElement>('[data-action="explain"]')!;
    const onButton = new KeyboardEvent('keydown', {
      key: 'Enter',
      bubbles: true,
      cancelable: true
    });
    button.dispatchEvent(onButton);
    expect(onButton.defaultPrevented).toBe(false);
    panel.dispose();
  });

  it('draws inline code as <code>, without backticks', async () => {
    const { panel } = await followed(['y = 2\nif y > 0.37:\n    pass']);
    const [row] = rows(debt, 'magic-number-comparison');
    const text = row.querySelector('.jp-MldebtRow-text')!;
    expect(text.textContent).not.toContain('`');
    expect([...text.querySelectorAll('code')].map(c => c.textContent)).toEqual(
      expect.arrayContaining(['0.37', 'y'])
    );
    expect(row.getAttribute('aria-label')).not.toContain('`');
    // The location comes first and keeps a tooltip when it is cut.
    const location = row.querySelector<HTMLElement>('.jp-MldebtRow-location')!;
    expect(location.textContent).toMatch(/^cell 1, line 2 · /);
    expect(location.title).toBe(location.textContent);
    panel.dispose();
  });

  it('counts in words, follows the filter and shows how many are ignored', async () => {
    const { panel, context } = await notebookPanel([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    const cell = context.model.sharedModel.cells[0];
    cell.setMetadata('mldebt', {
      ignore: [{ rule: 'constant-condition', reason: 'kept on purpose' }]
    });
    debt.setNotebook(panel);
    await context.ready;
    debt.analyse();
    const count = (kind: string): string | null =>
      debt.node.querySelector(`[data-count="${kind}"]`)?.textContent ?? null;
    expect(count('severity')).toBe('1 warning');
    expect(count('ignored')).toMatch(/^1 ignored finding \(hidden/);
    expect(count('filtered')).toBeNull();
    expect(rows(debt, 'constant-condition')).toHaveLength(0);
    // Shown ignored rows: the group header counts them apart.
    debt.setConfig({}, { showSuppressed: true });
    const headers = [
      ...debt.node.querySelectorAll('.jp-MldebtGroup-header')
    ].map(h => h.textContent);
    expect(headers).toEqual([
      '▾ Dead code (0, 1 ignored)',
      '▾ Hard-coded thresholds (1)'
    ]);
    const filter = debt.node.querySelector<HTMLInputElement>(
      'input[type="search"]'
    )!;
    filter.value = 'nothing matches this';
    filter.dispatchEvent(new Event('input'));
    expect(count('filtered')).toBe('Showing 0 of 1 Clear filter');
    debt.node
      .querySelector<HTMLButtonElement>('[data-action="clear-filter"]')!
      .click();
    expect(count('filtered')).toBeNull();
    expect(debt.node.textContent).not.toMatch(/\b0 errors|infos|1 notes/);
    panel.dispose();
  });

  it('Declare input can be undone, and the focus moves to the next row', async () => {
    const { panel, context } = await followed([
      'import pandas as pd\ndf = pd.read_csv("data/a.csv")\nif False:\n    pass'
    ]);
    const shared = context.model.sharedModel;
    const before = rows(debt).map(r => r.dataset.rule);
    const index = before.indexOf('undeclared-read');
    const button = rows(debt, 'undeclared-read')[0].querySelector<HTMLElement>(
      '[data-action="declare-input"]'
    )!;
    button.focus();
    button.click();
    expect(shared.getMetadata('mldebt')).toEqual({ inputs: ['data/a.csv'] });
    debt.analyse();
    expect(rows(debt, 'undeclared-read')).toHaveLength(0);
    const focused = document.activeElement as HTMLElement;
    expect(focused.classList.contains('jp-MldebtRow')).toBe(true);
    expect(focused).toBe(rows(debt)[Math.min(index, rows(debt).length - 1)]);
    panel.dispose();
  });

  it('Declare input and Ignore here return an undo that restores the metadata', async () => {
    const { panel, context } = await notebookPanel(['if False:\n    x = 1']);
    await context.ready;
    const shared = context.model.sharedModel;
    shared.setMetadata('mldebt', { outputs: ['out.csv'] });
    const undoDeclare = declareSource(panel, {
      kind: 'input',
      source: 'a.csv'
    });
    expect(shared.getMetadata('mldebt')).toEqual({
      outputs: ['out.csv'],
      inputs: ['a.csv']
    });
    undoDeclare();
    expect(shared.getMetadata('mldebt')).toEqual({ outputs: ['out.csv'] });
    const finding = debt.resultFor(panel).findings[0];
    const cell = shared.cells[0];
    const undoIgnore = ignoreFinding(panel, finding, 'on purpose');
    expect((cell.getMetadata('mldebt') as any).ignore).toHaveLength(1);
    undoIgnore();
    expect(cell.getMetadata('mldebt')).toBeUndefined();
    panel.dispose();
  });
});
