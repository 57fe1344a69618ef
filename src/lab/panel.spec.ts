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
import { declareSource, ignoreFinding } from './actions';
import { Analyser } from './analyser';
import { DebtPanel, PanelCommandIDs, shortTitle } from './panel';

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

/** Lets timers and promises run until the panel's analysis has answered. */
async function settled(debt: DebtPanel): Promise<void> {
  for (let i = 0; i < 500 && debt.analysing; i++) {
    await new Promise(resolve => setTimeout(resolve, 5));
  }
  expect(debt.analysing).toBe(false);
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
  let disabled: string[];

  beforeEach(() => {
    counts = [];
    disabled = [];
    debt = new DebtPanel({
      trans,
      analysed: findings => counts.push(findings.length),
      exportReport: () => undefined,
      disableRule: rule => disabled.push(rule)
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
    await settled(debt);
    return opened;
  }

  /** Selects the first row of a rule, as a click does. */
  function select(rule: string): HTMLElement {
    const row = rows(debt, rule)[0];
    row.click();
    return debt.node.querySelector<HTMLElement>('.jp-MldebtDetail')!;
  }

  function actions(detail: HTMLElement): (string | undefined)[] {
    return [...detail.querySelectorAll<HTMLElement>('[data-action]')]
      .filter(b => b.classList.contains('jp-MldebtRow-action'))
      .map(b => b.dataset.action);
  }

  it('says so when no notebook is open', () => {
    expect(debt.node.textContent).toContain('No notebook is open.');
    expect(rows(debt)).toHaveLength(0);
  });

  it('shows each finding on one line; the selected one in full, with its actions', async () => {
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
    expect(dead.querySelector('.jp-MldebtRow-location')!.textContent).toBe(
      '2:1'
    );
    // No buttons on rows: the detail pane has them, for the selected row only.
    expect(dead.querySelectorAll('button')).toHaveLength(0);
    const detail = debt.node.querySelector<HTMLElement>('.jp-MldebtDetail')!;
    expect(detail.hidden).toBe(true);
    const threshold = select('magic-number-comparison');
    expect(threshold.hidden).toBe(false);
    expect(threshold.textContent).toContain('cell 3, line 1');
    expect(actions(threshold)).toEqual([
      'fix',
      'ignore',
      'disable-rule',
      'explain'
    ]);
    expect(
      threshold.querySelector('.jp-MldebtDetail-fix')!.textContent
    ).toMatch(/- 0\.37\n\+ \w+/);
    expect(
      rows(debt, 'magic-number-comparison')[0].getAttribute('aria-selected')
    ).toBe('true');
    expect(counts[counts.length - 1]).toBe(rows(debt).length);
    panel.dispose();
  });

  it('titles a row with the rule and the value its message quotes', async () => {
    const { panel } = await followed(['y = 2\nif y > 0.37:\n    pass']);
    const [row] = rows(debt, 'magic-number-comparison');
    const finding = debt.findings.find(
      f => f.rule === 'magic-number-comparison'
    )!;
    expect(shortTitle(finding)).toMatch(/^`0\.37` Hard-coded threshold/);
    const title = row.querySelector('.jp-MldebtRow-title')!;
    expect(title.textContent).not.toContain('`');
    expect(title.querySelector('code')!.textContent).toBe('0.37');
    // Hovering shows the whole message, in plain text.
    expect(row.title).toContain('0.37');
    expect(row.title).not.toContain('`');
    expect(row.title).toContain('cell 1, line 2');
    panel.dispose();
  });

  it('shows the other places of one problem as links that jump there', async () => {
    const { panel } = await followed([
      'a = RandomForestClassifier(n_estimators=500)',
      'x = 1',
      'b = RandomForestRegressor(n_estimators=500)'
    ]);
    expect(rows(debt, 'literal-hyperparameter')).toHaveLength(1);
    const detail = select('literal-hyperparameter');
    const links = [
      ...detail.querySelectorAll<HTMLElement>('[data-action="related"]')
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
    expect(debt.analysing).toBe(true);
    await settled(debt);
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
    await debt.commands.execute(PanelCommandIDs.groupBy, { groupBy: 'cell' });
    expect(debt.commands.label(PanelCommandIDs.groupBy)).toBe('By cell');
    const filter = debt.node.querySelector<HTMLInputElement>(
      'input[type="search"]'
    )!;
    filter.value = '0.37';
    filter.dispatchEvent(new Event('input'));
    const headers = [
      ...debt.node.querySelectorAll('.jp-MldebtGroup-header')
    ].map(h => h.textContent);
    expect(headers).toEqual(['▾Cell 21']);
    panel.dispose();
  });

  it('toggles severities and families from the toolbar, with counts', async () => {
    const { panel, context } = await notebookPanel([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    context.model.sharedModel.cells[0].setMetadata('mldebt', {
      ignore: [{ rule: 'constant-condition', reason: 'kept on purpose' }]
    });
    debt.setNotebook(panel);
    await context.ready;
    await settled(debt);
    const c = debt.commands;
    const warning = { severity: 'warning' };
    expect(c.label(PanelCommandIDs.toggleSeverity, warning)).toBe('\u26a0 1');
    expect(c.isToggled(PanelCommandIDs.toggleSeverity, warning)).toBe(true);
    expect(
      c.isVisible(PanelCommandIDs.toggleSeverity, { severity: 'error' })
    ).toBe(false);
    const thresholds = { family: 'hardcoded-threshold' };
    expect(c.label(PanelCommandIDs.toggleFamily, thresholds)).toBe(
      'Thresholds 1'
    );
    const count = (kind: string): string | null =>
      debt.node.querySelector(`[data-count="${kind}"]`)?.textContent ?? null;
    expect(count('ignored')).toBe('1 ignored');
    expect(count('filtered')).toBeNull();
    await c.execute(PanelCommandIDs.toggleFamily, thresholds);
    expect(c.isToggled(PanelCommandIDs.toggleFamily, thresholds)).toBe(false);
    expect(rows(debt)).toHaveLength(0);
    expect(count('filtered')).toBe('Showing 0 of 1 Clear filter');
    expect(debt.node.textContent).toContain('No finding matches the filter.');
    debt.node
      .querySelector<HTMLButtonElement>('[data-action="clear-filter"]')!
      .click();
    expect(count('filtered')).toBeNull();
    expect(rows(debt)).toHaveLength(1);
    // Shown ignored rows: the group header counts them apart.
    debt.setConfig({}, { showSuppressed: true });
    await settled(debt);
    const headers = [
      ...debt.node.querySelectorAll('.jp-MldebtGroup-header')
    ].map(h => h.textContent);
    expect(headers).toEqual([
      '▾Dead code0, 1 ignored',
      '▾Hard-coded thresholds1'
    ]);
    panel.dispose();
  });

  it('keeps only the lines in view in the DOM, with 2,000 findings', async () => {
    // One cell of 2,000 dead branches: a notebook model of 2,000 cells is
    // slow to build in this DOM, and the list does not care where they are.
    const cell = Array.from(
      { length: 2000 },
      (_, i) => `if False:\n    x_${i} = 1`
    ).join('\n');
    const { panel } = await followed([cell]);
    expect(debt.findings).toHaveLength(2000);
    // Unmeasured (no layout here): a page of lines, not 2,000.
    expect(rows(debt).length).toBeLessThanOrEqual(50);
    const list = debt.node.querySelector<HTMLElement>('.jp-MldebtList')!;
    Object.defineProperty(list, 'clientHeight', {
      value: 240,
      configurable: true
    });
    list.scrollTop = 24 * 1000;
    list.dispatchEvent(new Event('scroll'));
    await new Promise(resolve => requestAnimationFrame(() => resolve(null)));
    const drawn = rows(debt);
    expect(drawn.length).toBeLessThanOrEqual(10 + 2 * 8 + 2);
    // The lines drawn are those at the scroll offset (line 1,000 is in view).
    const indexes = drawn.map(r => Number(r.dataset.index));
    expect(Math.min(...indexes)).toBeLessThanOrEqual(1000);
    expect(Math.max(...indexes)).toBeGreaterThanOrEqual(1009);
    // An analysis that changes nothing leaves the DOM alone.
    const first = rows(debt)[0];
    debt.analyse();
    await settled(debt);
    expect(rows(debt)[0]).toBe(first);
    panel.dispose();
  });

  it('parses a large notebook in slices on the main thread when there is no worker', async () => {
    const sliced = new DebtPanel({
      trans,
      analyser: new Analyser({ sliceMs: 0 })
    });
    Widget.attach(sliced, document.body);
    expect(sliced.analyser.mode).toBe('main-thread');
    const cells = Array.from(
      { length: 40 },
      (_, i) => `w_${i} = h(${i})\nif w_${i} > ${i}.25:\n    pass`
    );
    const { panel, context } = await notebookPanel(cells);
    sliced.setNotebook(panel);
    await context.ready;
    // Timers fire between slices: the page stays responsive meanwhile.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    sliced.analyse();
    expect(rows(sliced)).toHaveLength(0);
    await settled(sliced);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(5);
    expect(rows(sliced, 'magic-number-comparison').length).toBeGreaterThan(0);
    expect(
      sliced.findings.filter(f => f.rule === 'magic-number-comparison')
    ).toHaveLength(40);
    sliced.dispose();
    panel.dispose();
  });

  it('applies the selected finding\u2019s fix in one step that Undo reverses', async () => {
    const source =
      'import numpy as np\nscores = np.zeros(3)\nkeep = scores > 0.37';
    const { panel } = await followed([source]);
    expect(debt.commands.isEnabled(PanelCommandIDs.applyFix)).toBe(false);
    select('magic-number-comparison');
    expect(debt.commands.isEnabled(PanelCommandIDs.applyFix)).toBe(true);
    const before = panel.content.model!.cells.length;
    await debt.commands.execute(PanelCommandIDs.applyFix);
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

  it('reviews an export from the panel\u2019s analysis: nothing is analysed twice', async () => {
    const { panel } = await followed([
      'import pandas as pd',
      'df = pd.read_csv("/home/al/x.csv")\nif False:\n    df.plot()'
    ]);
    const before = parseCounter.count;
    const result = await debt.resultFor(panel);
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
    const result = await debt.resultFor(panel);
    expect(result.language).toBe('python');
    expect(result.sources).toEqual([
      expect.objectContaining({ source: '/home/al/x.csv', declared: false })
    ]);
    expect(result.findings.map(f => f.rule)).toContain('machine-specific-path');
    panel.dispose();
  });

  it('moves with the arrows and jumps with Enter; keys never reach the editor', async () => {
    const { panel } = await followed([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    const list = debt.node.querySelector<HTMLElement>('.jp-MldebtList')!;
    list.focus();
    const press = (key: string): [string, boolean, boolean] => {
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
      list.dispatchEvent(event);
      document.removeEventListener('keydown', listener);
      return [key, event.defaultPrevented, reachedDocument];
    };
    // Focus selects the first line (a group header); down reaches the finding.
    expect(debt.selected).toBeNull();
    expect(press('ArrowDown')).toEqual(['ArrowDown', true, false]);
    expect(debt.selected?.rule).toBe('constant-condition');
    expect(list.getAttribute('aria-activedescendant')).toBe(
      rows(debt, 'constant-condition')[0].id
    );
    expect(press('End')).toEqual(['End', true, false]);
    expect(debt.selected?.rule).toBe('magic-number-comparison');
    expect(press('Home')).toEqual(['Home', true, false]);
    expect(debt.selected).toBeNull();
    press('End');
    expect(press('Enter')).toEqual(['Enter', true, false]);
    expect(panel.content.activeCellIndex).toBe(1);
    expect(press(' ')).toEqual([' ', true, false]);
    // Letters are left to the shortcuts (F applies the fix in JupyterLab).
    expect(press('f')).toEqual(['f', false, true]);
    panel.dispose();
  });

  it('selects the row a context menu opens on, and copies it as one line', async () => {
    const { panel } = await followed([
      'if False:\n    x = 1',
      'y = 2\nif y > 0.37:\n    pass'
    ]);
    const row = rows(debt, 'magic-number-comparison')[0];
    row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true }));
    expect(debt.selected?.rule).toBe('magic-number-comparison');
    expect(debt.commands.isEnabled(PanelCommandIDs.applyFix)).toBe(true);
    expect(debt.commands.isVisible(PanelCommandIDs.unignore)).toBe(false);
    expect(debt.findingText(debt.selected!)).toMatch(
      /cell 2:2:\d+: warning \[magic-number-comparison\] [^`]*0\.37/
    );
    await debt.commands.execute(PanelCommandIDs.disableRule);
    expect(disabled).toEqual(['magic-number-comparison']);
    panel.dispose();
  });

  it('clears the counts of the previous notebook as soon as another is followed', async () => {
    const a = await followed(['if False:\n    a = 1']);
    expect(counts[counts.length - 1]).toBe(1);
    const { panel } = await notebookPanel(['x = 1']);
    // Before its analysis answers (or, for a file that fails to load, ever).
    debt.setNotebook(panel);
    expect(counts[counts.length - 1]).toBe(0);
    a.panel.dispose();
    panel.dispose();
  });

  it('analyses the notebook switched to while another one was being analysed', async () => {
    const a = await notebookPanel(['if False:\n    a = 1']);
    const b = await notebookPanel(['x = 2\nif x > 0.37:\n    pass']);
    await a.context.ready;
    await b.context.ready;
    debt.setNotebook(a.panel);
    expect(debt.analysing).toBe(true);
    // Switched before A's answer came back: B must still be analysed.
    debt.setNotebook(b.panel);
    await settled(debt);
    for (let i = 0; i < 100 && debt.findings.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    expect(debt.findings.map(f => f.rule)).toEqual(['magic-number-comparison']);
    a.panel.dispose();
    b.panel.dispose();
  });

  it('does nothing while hidden, and catches up when shown', async () => {
    let outOfDate = 0;
    debt.dispose();
    debt = new DebtPanel({ trans, outOfDate: () => outOfDate++ });
    Widget.attach(debt, document.body);
    const { panel } = await followed(['x = 1']);
    const analysed = debt.analyses;
    debt.hide();
    panel.content
      .model!.cells.get(0)
      .sharedModel.setSource('if False:\n    x = 1');
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(debt.analysing).toBe(false);
    expect(debt.analyses).toBe(analysed);
    expect(outOfDate).toBeGreaterThan(0);
    debt.show();
    await settled(debt);
    expect(debt.analyses).toBe(analysed + 1);
    expect(rows(debt, 'constant-condition')).toHaveLength(1);
    panel.dispose();
  });

  it('Declare input updates the metadata, and the selection moves to the next row', async () => {
    const { panel, context } = await followed([
      'import pandas as pd\ndf = pd.read_csv("data/a.csv")\nif False:\n    pass'
    ]);
    const shared = context.model.sharedModel;
    const detail = select('undeclared-read');
    expect(actions(detail)).toContain('declare-input');
    detail.querySelector<HTMLElement>('[data-action="declare-input"]')!.click();
    expect(shared.getMetadata('mldebt')).toEqual({ inputs: ['data/a.csv'] });
    await settled(debt);
    expect(rows(debt, 'undeclared-read')).toHaveLength(0);
    expect(debt.selected).not.toBeNull();
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
    const finding = (await debt.resultFor(panel)).findings[0];
    const cell = shared.cells[0];
    const undoIgnore = ignoreFinding(panel, finding, 'on purpose');
    expect((cell.getMetadata('mldebt') as any).ignore).toHaveLength(1);
    undoIgnore();
    expect(cell.getMetadata('mldebt')).toBeUndefined();
    panel.dispose();
  });
});
