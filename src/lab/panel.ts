/**
 * The ML Debt side panel: the current notebook's findings, one line each, in
 * a virtualised list under a toolbar; the selected finding's message, fix
 * preview and actions below the list. The analysis runs in a Web Worker (see
 * `Analyser`); the panel sends the notebook's state and draws the answer.
 */
import { DependencyLookup } from './dependencies';
import { IDeclaredDependencies } from '../core/dependencies';
import {
  Dialog,
  InputDialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import {
  CommandToolbarButton,
  downloadIcon,
  ReactiveToolbar,
  settingsIcon,
  Toolbar,
  ToolbarButton
} from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import { Panel, Widget } from '@lumino/widgets';
import { IMldebtConfig } from '../core/config';
import { INotebookResult } from '../core/report/formats';
import { IManifestEntry } from '../core/report/manifest-entries';
import { FAMILIES, IFinding, SEVERITIES } from '../core/types';
import { findRule } from '../rules';
import { IAnalysisResult } from '../analysis/protocol';
import { Analyser } from './analyser';
import {
  applyFix,
  declareSource,
  ignoreFinding,
  unignoreFinding
} from './actions';
import { mldebtIcon } from './icon';
import { appendInlineCode, stripInlineCode } from './inline-code';
import { showMarks } from './marks';
import { notebookInput } from './notebook-input';
import { serialiseNotebook } from './report';
import {
  findingKey,
  findingsSignature,
  IListItem,
  PanelModel
} from './panel-model';
import { VirtualList } from './virtual-list';
import { el } from './dom';
import { renderFindingDetail } from './finding-detail';
import { listLine } from './finding-row';
import { renderDataSection } from './data-section';
import {
  addPanelCommands,
  FINDING_COMMANDS,
  PanelCommandIDs
} from './panel-commands';
import { timed } from './main-thread-timing';

export { FINDING_COMMANDS, PanelCommandIDs } from './panel-commands';
export { shortTitle } from './finding-row';

const DEBOUNCE_MS = 300;
/** Analyses slower than this show "Analysing…" until they answer. */
const SLOW_ANALYSIS_MS = 150;

export interface IPanelOptions {
  trans: TranslationBundle;
  /** Where the panel's commands go (JupyterLab's registry; its own when absent). */
  commands?: CommandRegistry;
  /** Runs the analysis (a worker, or the main thread when absent). */
  analyser?: Analyser;
  /** Turns a rule off in the user's settings. */
  disableRule?: (rule: string) => void;
  /** Runs the "Export debt report" command (the toolbar button). */
  exportReport?: () => void;
  /** Opens the extension's settings (the toolbar button). */
  openSettings?: () => void;
  /** Called after each analysis (the status bar listens). */
  analysed?: (findings: readonly IFinding[], hasNotebook: boolean) => void;
  /** Called when an edit waits for the panel to be shown (the counts are out of date). */
  outOfDate?: () => void;
  /** The project's dependency files, for the package rules (none: they stay silent). */
  dependencies?: DependencyLookup;
}

export class DebtPanel extends Panel {
  readonly model = new PanelModel();
  readonly commands: CommandRegistry;
  readonly analyser: Analyser;
  private notebook: NotebookPanel | null = null;
  private timer: number | null = null;
  private config: IMldebtConfig = {};
  private showSuppressed = false;
  private inlineMarks = true;
  private analyseOnType = true;
  private result: IAnalysisResult | null = null;
  /** True while the notebook loads or an analysis is slow to answer. */
  private busy = false;
  private inFlight = false;
  /** A change arrived while an analysis was running, or while hidden. */
  private dirty = false;
  private busyTimer: number | null = null;
  /** What the last render showed, to skip re-rendering when nothing changed. */
  private shown: string | null = null;
  private selectedKey: string | null = null;
  /** Analyses answered (tests and the browser benchmark read it). */
  analyses = 0;
  readonly trans: TranslationBundle;
  private readonly header = new Widget();
  private readonly actions = new Toolbar();
  private readonly filterBox = new Widget({
    node: document.createElement('div')
  });
  // Items that do not fit a narrow panel go to a "more" menu at its end.
  private readonly toolbar = new ReactiveToolbar();
  private readonly body = new Widget();
  private readonly list: VirtualList<IListItem>;
  private readonly detail: HTMLElement;
  private readonly dataBox: HTMLDetailsElement;
  private readonly filterInput: HTMLInputElement;

  constructor(private readonly options: IPanelOptions) {
    super();
    this.trans = options.trans;
    this.commands = options.commands ?? new CommandRegistry();
    this.analyser = options.analyser ?? new Analyser();
    this.id = 'mldebt-panel';
    this.addClass('jp-MldebtPanel');
    this.title.icon = mldebtIcon;
    this.title.caption = this.trans.__('ML Debt');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this.trans.__('ML Debt'));
    this.node.dataset.analyser = this.analyser.mode;

    this.header.addClass('jp-MldebtPanel-header');
    this.filterBox.addClass('jp-MldebtPanel-filterBox');
    this.filterInput = document.createElement('input');
    this.filterInput.className = 'jp-MldebtPanel-filter jp-mod-styled';
    this.filterInput.type = 'search';
    this.filterInput.placeholder = this.trans.__('Filter findings');
    this.filterInput.setAttribute(
      'aria-label',
      this.trans.__('Filter findings')
    );
    this.filterInput.addEventListener('input', () => {
      this.model.filter.text = this.filterInput.value;
      this.refresh();
    });
    this.filterInput.addEventListener('keydown', e => {
      // Down from the filter box goes to the list, as in a combo box.
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.list.node.focus();
      }
    });
    this.filterBox.node.appendChild(this.filterInput);
    this.toolbar.addClass('jp-MldebtPanel-toolbar');
    this.body.addClass('jp-MldebtPanel-body');

    this.list = new VirtualList<IListItem>({
      className: 'jp-MldebtList',
      label: this.trans.__('Findings'),
      render: item => this.row(item),
      activate: (item, focusEditor) => this.activateItem(item, focusEditor),
      select: item => this.onSelect(item)
    });
    this.detail = document.createElement('div');
    this.detail.className = 'jp-MldebtDetail';
    this.detail.setAttribute('aria-live', 'polite');
    this.dataBox = document.createElement('details');
    this.dataBox.className = 'jp-MldebtData';
    this.body.node.append(this.list.node, this.detail, this.dataBox);
    this.list.node.addEventListener('contextmenu', e => {
      // The row under the pointer is the one the context menu acts on.
      const row = (e.target as HTMLElement).closest<HTMLElement>(
        '[data-index]'
      );
      if (row) {
        this.list.select(Number(row.dataset.index));
      }
    });

    const top = new Panel();
    top.addClass('jp-MldebtPanel-top');
    this.actions.addClass('jp-MldebtPanel-actions');
    top.addWidget(this.header);
    top.addWidget(this.actions);
    this.addWidget(top);
    this.addWidget(this.filterBox);
    this.addWidget(this.toolbar);
    this.addWidget(this.body);
    this.addCommands();
    this.addToolbarItems();
    this.render();
  }

  /** The findings now shown (for the status bar and tests). */
  get findings(): IFinding[] {
    return this.model.findings;
  }

  get currentNotebook(): NotebookPanel | null {
    return this.notebook;
  }

  /** True while an analysis runs or waits for typing to pause. */
  get analysing(): boolean {
    return this.inFlight || this.timer !== null;
  }

  /** The selected finding, which the finding commands act on. */
  get selected(): IFinding | null {
    const item = this.list.selectedItem;
    return item?.kind === 'finding' ? item.finding : null;
  }

  /** Applies new settings and re-analyses at once. */
  setConfig(
    config: IMldebtConfig,
    lab: {
      showSuppressed?: boolean;
      inlineMarks?: boolean;
      analyseOnType?: boolean;
    } = {}
  ): void {
    this.config = config;
    this.showSuppressed = lab.showSuppressed ?? false;
    this.model.showSuppressed = this.showSuppressed;
    this.inlineMarks = lab.inlineMarks ?? true;
    this.analyseOnType = lab.analyseOnType ?? true;
    this.analyse();
  }

  /** Follows a notebook (or none). */
  setNotebook(panel: NotebookPanel | null): void {
    if (this.notebook === panel) {
      return;
    }
    const old = this.notebook;
    if (old) {
      (old.content.model?.sharedModel as any)?.changed?.disconnect(
        this.onChange,
        this
      );
      old.content.model?.contentChanged.disconnect(this.onChange, this);
      old.context.saveState.disconnect(this.onSave, this);
      old.content.activeCellChanged.disconnect(this.onActiveCell, this);
      old.disposed.disconnect(this.onNotebookDisposed, this);
      if (old.content.model) {
        showMarks(old, [], false);
      }
    }
    this.notebook = panel;
    this.busy = !!panel && !panel.context.isReady;
    this.selectedKey = null;
    // Nothing of the previous notebook stays on screen while this one loads.
    this.result = null;
    this.model.setFindings([]);
    // Nor in the status bar, until this one's answer comes.
    this.options.analysed?.([], panel !== null);
    if (panel) {
      panel.disposed.connect(this.onNotebookDisposed, this);
      void panel.context.ready.then(() => {
        const model = panel.content.model;
        if (this.notebook === panel && model) {
          this.busy = false;
          // Cells added/removed/moved, tags, cell and notebook metadata...
          (model.sharedModel as any).changed.connect(this.onChange, this);
          // ...and cell text, which the shared notebook does not always relay.
          model.contentChanged.connect(this.onChange, this);
          panel.context.saveState.connect(this.onSave, this);
          panel.content.activeCellChanged.connect(this.onActiveCell, this);
          // A notebook opened while the panel is hidden is analysed once, so
          // that the status bar and the editor marks show its debt.
          this.analyse(true);
        }
      });
    }
    this.analyse(true);
  }

  private onNotebookDisposed(panel: NotebookPanel): void {
    this.analyser.forget(panel.id);
  }

  private onChange(): void {
    if (this.analyseOnType) {
      this.schedule();
    }
  }

  private onSave(_: unknown, state: string): void {
    if (state === 'completed' && (!this.analyseOnType || !this.isVisible)) {
      this.analyse(true);
    }
  }

  /** Editors are created lazily: mark a cell when it becomes active. */
  private onActiveCell(): void {
    if (this.notebook) {
      showMarks(this.notebook, this.model.findings, this.inlineMarks);
    }
  }

  /** Shown again: catch up with what changed while hidden. */
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this.dirty) {
      this.analyse();
    } else {
      this.list.update();
    }
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this.list.update();
  }

  private schedule(): void {
    if (!this.isVisible) {
      // A hidden panel does no work: it re-analyses when shown.
      this.dirty = true;
      this.options.outOfDate?.();
      return;
    }
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
    }
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.analyse();
    }, DEBOUNCE_MS);
  }

  /**
   * Analyses the current notebook. One analysis runs at a time: a change
   * during it is analysed when it answers. Hidden, the panel only analyses
   * when `evenHidden` (a notebook opened or saved, a setting changed).
   */
  analyse(evenHidden = false): void {
    timed('send', () => this.analyseNow(evenHidden));
  }

  private analyseNow(evenHidden: boolean): void {
    if (!this.isVisible && !evenHidden && this.notebook) {
      this.dirty = true;
      this.options.outOfDate?.();
      return;
    }
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
      this.timer = null;
    }
    const notebook = this.notebook;
    if (!notebook) {
      this.result = null;
      this.model.setFindings([]);
      this.afterAnalysis();
      return;
    }
    if (!notebook.context.isReady) {
      this.render();
      return;
    }
    if (this.inFlight) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    let input;
    try {
      input = notebookInput(notebook);
    } catch (e) {
      this.fail(notebook, e);
      return;
    }
    if (!input) {
      return;
    }
    this.inFlight = true;
    this.busyTimer = window.setTimeout(() => {
      this.busyTimer = null;
      this.busy = true;
      this.render();
    }, SLOW_ANALYSIS_MS);
    void this.analyser
      .analyse(notebook.id, input, this.config, this.dependenciesOf(notebook))
      .then(result => {
        this.inFlight = false;
        if (this.busyTimer !== null) {
          window.clearTimeout(this.busyTimer);
          this.busyTimer = null;
        }
        this.busy = false;
        const switched = this.notebook !== notebook;
        if (!switched) {
          this.analyses++;
          this.node.dataset.analyses = String(this.analyses);
          this.node.dataset.analyser = this.analyser.mode;
          this.result = result;
          this.model.setFindings(result.findings);
          timed('render', () => this.afterAnalysis());
        }
        // What waited for this answer: an edit, or another notebook (which
        // is analysed even when the panel is hidden, as on any switch).
        if (this.dirty) {
          this.analyse(switched);
        }
      });
  }

  private fail(notebook: NotebookPanel, e: unknown): void {
    this.result = {
      kind: 'result',
      session: notebook.id,
      generation: 0,
      language: '',
      supported: true,
      findings: [],
      sources: [],
      error: String((e as Error)?.message ?? e),
      durationMs: 0,
      reused: false
    };
    this.model.setFindings([]);
    this.afterAnalysis();
  }

  /** Draws the answer where it changed anything, and marks the editors. */
  private afterAnalysis(): void {
    // Typing usually leaves the findings as they were: then the DOM stays.
    const shown = [
      this.notebook?.id ?? '',
      this.notebook?.title.label ?? '',
      this.result?.error ?? '',
      this.result ? `${this.result.supported}:${this.result.language}` : '',
      findingsSignature(this.model.findings),
      String(this.showSuppressed),
      this.dataSignature()
    ].join('\u0000');
    if (
      shown !== this.shown ||
      this.node.querySelector('.jp-MldebtPanel-busy')
    ) {
      this.shown = shown;
      timed('rows', () => this.render());
    }
    if (this.notebook) {
      try {
        const notebook = this.notebook;
        timed('marks', () =>
          showMarks(notebook, this.model.findings, this.inlineMarks)
        );
      } catch (e) {
        console.warn(
          `jupyterlab-mldebt: editor marks failed: ${(e as Error).message}`
        );
      }
    }
    this.options.analysed?.(this.model.findings, this.notebook !== null);
  }

  private dependenciesOf(
    notebook: NotebookPanel | null
  ): IDeclaredDependencies | undefined {
    const path = notebook?.context.path;
    return path ? this.options.dependencies?.get(path) : undefined;
  }

  /**
   * A notebook's findings (ignored ones left out) and data manifest, as the
   * CLI reports them. The analysis answers from its last result when the
   * notebook has not changed since: one analysis per notebook state.
   */
  async resultFor(notebook: NotebookPanel): Promise<INotebookResult> {
    const path = notebook.context.path;
    const input = notebookInput(notebook);
    if (!input) {
      return { path, language: null, findings: [], sources: [] };
    }
    const result = await this.analyser.analyse(
      notebook.id,
      input,
      this.config,
      this.dependenciesOf(notebook)
    );
    if (result.error) {
      throw new Error(result.error);
    }
    return {
      path,
      language: result.language,
      findings: result.findings.filter(f => !f.suppressed),
      sources: result.sources,
      fileText: serialiseNotebook(notebook.content.model!.toJSON())
    };
  }

  /** Re-draws after a filter, toggle or grouping change. */
  refresh(): void {
    this.render();
    this.notifyToolbar();
  }

  private render(): void {
    const trans = this.trans;
    const header = this.header.node;
    header.textContent = '';
    header.appendChild(
      el(
        'div',
        'jp-MldebtPanel-title',
        this.notebook ? this.notebook.title.label : trans.__('ML Debt')
      )
    );
    if (this.busy) {
      header.appendChild(this.busyNote());
    }
    const message = this.emptyMessage();
    const showList = message === null;
    this.filterBox.setHidden(!showList);
    this.toolbar.setHidden(!showList && !this.result?.findings.length);
    this.detail.hidden = true;
    this.dataBox.hidden = !showList;
    if (!showList) {
      this.list.setItems([], null);
      this.list.setMessage(message);
      this.notifyToolbar();
      return;
    }
    header.appendChild(this.summary());
    const items = this.model.items();
    const key = this.selectedKey;
    let selected = key ? items.findIndex(i => itemKey(i) === key) : -1;
    if (selected < 0 && key && this.list.selectedIndex >= 0) {
      // The selected finding went away (fixed, declared, ignored): its
      // neighbour is selected, so the keyboard carries on down the list.
      selected = Math.min(this.list.selectedIndex, items.length - 1);
    }
    this.list.setItems(items, selected >= 0 ? selected : null);
    this.list.setMessage(
      this.model.findings.length === 0
        ? '\u2713 ' + trans.__('No debt found')
        : items.length === 0
          ? trans.__('No finding matches the filter.')
          : null,
      this.model.findings.length === 0 ? 'clean' : 'filtered'
    );
    this.renderDetail();
    this.renderData();
    this.notifyToolbar();
  }

  /** Why no list is shown, or null when it is. */
  private emptyMessage(): string | null {
    const trans = this.trans;
    if (!this.notebook) {
      return trans.__('No notebook is open.');
    }
    if (!this.result) {
      return this.busy || !this.notebook.context.isReady
        ? trans.__('Analysing\u2026')
        : '';
    }
    if (this.result.error) {
      return trans.__(
        'ML Debt could not analyse this notebook: %1',
        this.result.error
      );
    }
    if (!this.result.supported) {
      return trans.__(
        'This notebook\u2019s kernel language (%1) is not analysed: mldebt reads Python and JavaScript notebooks.',
        this.result.language
      );
    }
    return null;
  }

  /** One line under the title: what the filter hides and what is ignored. */
  private summary(): HTMLElement {
    const trans = this.trans;
    const box = el('div', 'jp-MldebtPanel-counts');
    const all = this.model.counts();
    if (this.model.filtered) {
      const shown = this.model.counts('visible');
      const div = el(
        'span',
        'jp-MldebtPanel-count',
        trans.__('Showing %1 of %2', shown.total, all.total) + ' '
      );
      div.dataset.count = 'filtered';
      const clear = el(
        'button',
        'jp-MldebtPanel-link',
        trans.__('Clear filter')
      );
      clear.dataset.action = 'clear-filter';
      clear.addEventListener('click', () => {
        this.model.filter.text = '';
        this.model.filter.hiddenFamilies.clear();
        this.model.filter.hiddenSeverities.clear();
        this.filterInput.value = '';
        this.refresh();
        this.filterInput.focus();
      });
      div.appendChild(clear);
      box.appendChild(div);
    }
    if (all.ignored) {
      const div = el(
        'span',
        'jp-MldebtPanel-count',
        trans._n('%1 ignored', '%1 ignored', all.ignored) +
          (this.showSuppressed ? ' ' + trans.__('(shown greyed)') : '')
      );
      div.dataset.count = 'ignored';
      div.title = this.showSuppressed
        ? trans.__('Ignored findings are shown greyed')
        : trans.__(
            'Hidden: Settings \u203a ML Debt \u203a Show ignored findings'
          );
      box.appendChild(div);
    }
    return box;
  }

  private busyNote(): HTMLElement {
    const note = el(
      'div',
      'jp-MldebtPanel-busy',
      this.trans.__('Analysing\u2026')
    );
    note.setAttribute('role', 'status');
    note.dataset.state = 'analysing';
    return note;
  }

  /** The toolbar: toggles with counts, grouping, export and settings. */
  private addToolbarItems(): void {
    const trans = this.trans;
    for (const severity of SEVERITIES) {
      this.toolbar.addItem(
        `severity-${severity}`,
        new CommandToolbarButton({
          commands: this.commands,
          id: PanelCommandIDs.toggleSeverity,
          args: { severity }
        })
      );
    }
    for (const family of FAMILIES) {
      this.toolbar.addItem(
        `family-${family}`,
        new CommandToolbarButton({
          commands: this.commands,
          id: PanelCommandIDs.toggleFamily,
          args: { family }
        })
      );
    }
    // Grouping, export and settings sit beside the title: the toggles below
    // keep the toolbar's width for the counts.
    this.actions.addItem(
      'group-by',
      new CommandToolbarButton({
        commands: this.commands,
        id: PanelCommandIDs.groupBy
      })
    );
    if (this.options.exportReport) {
      this.actions.addItem(
        'export-report',
        new ToolbarButton({
          icon: downloadIcon,
          tooltip: trans.__(
            'Export report: save the findings and data dependencies beside the notebook (Markdown, JSON or SARIF)'
          ),
          onClick: () => this.options.exportReport!(),
          dataset: { action: 'export-report' }
        })
      );
    }
    if (this.options.openSettings) {
      this.actions.addItem(
        'settings',
        new ToolbarButton({
          icon: settingsIcon,
          tooltip: trans.__('ML Debt settings'),
          onClick: () => this.options.openSettings!(),
          dataset: { action: 'open-settings' }
        })
      );
    }
  }

  private notifyToolbar(): void {
    for (const id of [
      PanelCommandIDs.toggleSeverity,
      PanelCommandIDs.toggleFamily,
      PanelCommandIDs.groupBy,
      ...FINDING_COMMANDS
    ]) {
      if (this.commands.hasCommand(id)) {
        this.commands.notifyCommandChanged(id);
      }
    }
  }

  private addCommands(): void {
    addPanelCommands(this);
  }

  get canDisableRule(): boolean {
    return !!this.options.disableRule;
  }

  disableRule(rule: string): void {
    this.options.disableRule?.(rule);
  }

  unignore(f: IFinding): void {
    if (this.notebook) {
      unignoreFinding(this.notebook, f);
    }
  }

  /** Undoes the notebook's last edit (a fix just applied). */
  undo(): void {
    if (this.notebook) {
      NotebookActions.undo(this.notebook.content);
      this.analyse();
    }
  }

  /** A finding as one line: where, severity, rule, message. */
  findingText(f: IFinding): string {
    const path = this.notebook?.context.path ?? '';
    return `${path} cell ${f.cell.index + 1}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.rule}] ${stripInlineCode(f.message)}`;
  }

  private row(item: IListItem): HTMLElement {
    return listLine(item, this.trans);
  }

  private toggleGroup(key: string): void {
    this.model.toggle(key);
    this.render();
  }

  /**
   * A click on a line shows a finding's code (the focus stays in the list);
   * Enter or a double-click jumps there, with the cursor in the editor. Either
   * folds or unfolds a group header.
   */
  private activateItem(item: IListItem, focusEditor: boolean): void {
    if (item.kind === 'group') {
      this.toggleGroup(item.group.key);
    } else {
      this.reveal(item.finding, focusEditor);
    }
  }

  private onSelect(item: IListItem | null): void {
    this.selectedKey = item ? itemKey(item) : null;
    this.renderDetail();
    for (const id of FINDING_COMMANDS) {
      if (this.commands.hasCommand(id)) {
        this.commands.notifyCommandChanged(id);
      }
    }
  }

  private renderDetail(): void {
    renderFindingDetail(this.detail, this.selected, {
      trans: this.trans,
      commands: this.commands,
      cellSource: index => {
        const cells = this.notebook?.content.model?.cells;
        return cells && index < cells.length
          ? ((cells.get(index).sharedModel as any).getSource?.() ?? '')
          : '';
      },
      revealAt: (cell, line, column) => this.revealAt(cell, line, column)
    });
  }

  /** Applies a finding's fix: one undoable step of the notebook's history. */
  fix(f: IFinding): void {
    const notebook = this.notebook;
    if (!notebook) {
      return;
    }
    applyFix(notebook, f);
    // The edited cell becomes active in command mode, where Z (Edit › Undo
    // Cell Operation) reverts it, and the notification offers Undo too.
    const shift = f.fix!.some(e => e.newCell) ? 1 : 0;
    notebook.content.activeCellIndex = f.cell.index + shift;
    notebook.content.mode = 'command';
    Notification.info(this.trans.__('Fix applied: %1', f.rule), {
      autoClose: 5000,
      actions: [
        {
          label: this.trans.__('Undo'),
          callback: () => NotebookActions.undo(notebook.content)
        }
      ]
    });
    // The keyboard stays in the list, on the next finding once re-analysed.
    this.list.node.focus();
    this.analyse();
  }

  /** Declares a finding's data source, with a notification that can undo it. */
  declare(f: IFinding): void {
    const notebook = this.notebook;
    if (!notebook || !f.declare) {
      return;
    }
    const undo = declareSource(notebook, f.declare);
    Notification.info(
      f.declare.kind === 'output'
        ? this.trans.__('Declared output: %1', f.declare.source)
        : this.trans.__('Declared input: %1', f.declare.source),
      {
        autoClose: 5000,
        actions: [{ label: this.trans.__('Undo'), callback: undo }]
      }
    );
    this.analyse();
  }

  async ignore(f: IFinding): Promise<void> {
    const result = await InputDialog.getText({
      title: this.trans.__('Ignore this finding'),
      label: this.trans.__('Reason (optional, kept in the cell metadata)'),
      okLabel: this.trans.__('Ignore')
    });
    if (result.button.accept && this.notebook) {
      const undo = ignoreFinding(this.notebook, f, result.value ?? '');
      Notification.info(this.trans.__('Ignored here: %1', f.rule), {
        autoClose: 5000,
        actions: [{ label: this.trans.__('Undo'), callback: undo }]
      });
      this.list.node.focus();
      this.analyse();
    }
  }

  /** Shows a rule's documentation: why it is debt, the paper section, examples. */
  async explain(ruleId: string): Promise<void> {
    const rule = findRule(ruleId);
    if (!rule) {
      return;
    }
    const m = rule.meta;
    const body = el('div', 'jp-MldebtExplain');
    const description = el('p', '');
    appendInlineCode(description, m.description);
    body.appendChild(description);
    const why = el('p', '');
    why.appendChild(el('strong', '', this.trans.__('Why it is debt: ')));
    appendInlineCode(why, `${m.rationale} (Sculley et al. 2015, ${m.paper})`);
    body.appendChild(why);
    for (const [title, examples] of [
      [this.trans.__('Reported'), m.examples.bad],
      [this.trans.__('Not reported'), m.examples.good]
    ] as const) {
      body.appendChild(el('h4', '', title));
      for (const e of examples) {
        body.appendChild(el('pre', 'jp-MldebtExplain-code', e.code));
      }
    }
    await showDialog({
      title: `${m.id}: ${m.title}`,
      body: new Widget({ node: body }),
      buttons: [Dialog.okButton({ label: this.trans.__('Close') })]
    });
  }

  private get sources(): IManifestEntry[] {
    return this.result?.supported ? this.result.sources : [];
  }

  private dataSignature(): string {
    return this.sources
      .map(
        s =>
          `${s.kind}|${s.reader}|${s.source}|${s.cell.index}|${s.range.start.line}:${s.range.start.column}|${s.declared}|${s.resolved}|${s.producedHere ? 1 : 0}`
      )
      .join('\n');
  }

  private renderData(): void {
    renderDataSection(
      this.dataBox,
      this.sources,
      this.trans,
      (cell, line, column) => this.revealAt(cell, line, column)
    );
  }

  reveal(f: IFinding, focusEditor = true): void {
    this.revealAt(
      f.cell.index,
      f.range.start.line,
      f.range.start.column,
      focusEditor
    );
  }

  /**
   * Activates a cell, scrolls it into view and puts the cursor at a line and
   * column; with `focusEditor`, the keyboard goes to the editor too.
   */
  revealAt(
    cellIndex: number,
    line: number,
    column: number,
    focusEditor = true
  ): void {
    const panel = this.notebook;
    if (!panel) {
      return;
    }
    const notebook = panel.content;
    notebook.activeCellIndex = cellIndex;
    const cell = notebook.activeCell;
    if (!cell) {
      return;
    }
    void notebook.scrollToItem(cellIndex).catch(() => undefined);
    cell.editor?.setCursorPosition({ line: line - 1, column: column - 1 });
    if (focusEditor) {
      notebook.mode = 'edit';
      cell.editor?.focus();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
    }
    if (this.busyTimer !== null) {
      window.clearTimeout(this.busyTimer);
    }
    this.list.dispose();
    super.dispose();
  }
}

/** Names a line of the list from one render to the next. */
function itemKey(item: IListItem): string {
  return item.kind === 'group'
    ? `group:${item.group.key}`
    : findingKey(item.finding);
}
