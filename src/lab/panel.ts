/**
 * The ML Debt side panel: the current notebook's findings, one line each, in
 * a virtualised list under a toolbar; the selected finding's message, fix
 * preview and actions below the list. The analysis runs in a Web Worker (see
 * `Analyser`); the panel sends the notebook's state and draws the answer.
 */
import { DependencyLookup } from './dependencies';
import { IDeclaredDependencies } from '../core/dependencies';
import {
  Clipboard,
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
import { FAMILIES, IFinding, Severity, SEVERITIES } from '../core/types';
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
  familyLabel,
  findingKey,
  findingsSignature,
  GroupBy,
  IListItem,
  PanelModel
} from './panel-model';
import { VirtualList } from './virtual-list';
import { timed } from './main-thread-timing';

const DEBOUNCE_MS = 300;
/** Analyses slower than this show "Analysing…" until they answer. */
const SLOW_ANALYSIS_MS = 150;

/** The panel's commands: in the context menu, the palette and the toolbar. */
export namespace PanelCommandIDs {
  export const applyFix = 'mldebt:apply-fix';
  export const declareInput = 'mldebt:declare-input';
  export const ignore = 'mldebt:ignore-finding';
  export const unignore = 'mldebt:unignore-finding';
  export const disableRule = 'mldebt:disable-rule';
  export const explain = 'mldebt:explain-rule';
  export const copy = 'mldebt:copy-finding';
  export const jump = 'mldebt:go-to-finding';
  export const toggleSeverity = 'mldebt:toggle-severity';
  export const toggleFamily = 'mldebt:toggle-family';
  export const groupBy = 'mldebt:cycle-group-by';
  export const undo = 'mldebt:undo-notebook-edit';
}

/** Commands on the selected finding, in context-menu order. */
export const FINDING_COMMANDS = [
  PanelCommandIDs.jump,
  PanelCommandIDs.applyFix,
  PanelCommandIDs.declareInput,
  PanelCommandIDs.ignore,
  PanelCommandIDs.unignore,
  PanelCommandIDs.disableRule,
  PanelCommandIDs.explain,
  PanelCommandIDs.copy
];

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

const SEVERITY_ICON: Record<Severity, string> = {
  error: '\u26d4',
  warning: '\u26a0',
  info: '\u2139'
};

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
  private readonly trans: TranslationBundle;
  private readonly header = new Widget();
  private readonly filterBox = new Widget({
    node: document.createElement('div')
  });
  private readonly toolbar = new Toolbar();
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

    this.addWidget(this.header);
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
        if (this.notebook !== notebook) {
          return;
        }
        this.analyses++;
        this.node.dataset.analyses = String(this.analyses);
        this.node.dataset.analyser = this.analyser.mode;
        this.result = result;
        this.model.setFindings(result.findings);
        timed('render', () => this.afterAnalysis());
        if (this.dirty) {
          this.analyse();
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

  private el<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    className: string,
    text?: string
  ): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    e.className = className;
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  /** Re-draws after a filter, toggle or grouping change. */
  private refresh(): void {
    this.render();
    this.notifyToolbar();
  }

  private render(): void {
    const trans = this.trans;
    const header = this.header.node;
    header.textContent = '';
    header.appendChild(
      this.el(
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
    const box = this.el('div', 'jp-MldebtPanel-counts');
    const all = this.model.counts();
    if (this.model.filtered) {
      const shown = this.model.counts('visible');
      const div = this.el(
        'span',
        'jp-MldebtPanel-count',
        trans.__('Showing %1 of %2', shown.total, all.total) + ' '
      );
      div.dataset.count = 'filtered';
      const clear = this.el(
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
      const div = this.el(
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
    const note = this.el(
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
    this.toolbar.addItem('spacer', Toolbar.createSpacerItem());
    this.toolbar.addItem(
      'group-by',
      new CommandToolbarButton({
        commands: this.commands,
        id: PanelCommandIDs.groupBy
      })
    );
    if (this.options.exportReport) {
      this.toolbar.addItem(
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
      this.toolbar.addItem(
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
    const trans = this.trans;
    const commands = this.commands;
    const selected = (): IFinding | null => this.selected;
    const add = (
      id: string,
      options: CommandRegistry.ICommandOptions
    ): void => {
      if (!commands.hasCommand(id)) {
        commands.addCommand(id, options);
      }
    };
    const counts = () => this.model.counts();
    add(PanelCommandIDs.toggleSeverity, {
      label: args => {
        const s = args['severity'] as Severity;
        return `${SEVERITY_ICON[s] ?? ''} ${counts().severity[s] ?? 0}`;
      },
      caption: args => {
        const s = args['severity'] as Severity;
        const n = counts().severity[s] ?? 0;
        const name =
          s === 'error'
            ? trans._n('%1 error', '%1 errors', n)
            : s === 'warning'
              ? trans._n('%1 warning', '%1 warnings', n)
              : trans._n('%1 note', '%1 notes', n);
        return this.model.filter.hiddenSeverities.has(s)
          ? trans.__('%1 (hidden: click to show)', name)
          : trans.__('%1 (click to hide)', name);
      },
      className: args => `jp-MldebtToggle jp-MldebtToggle-${args['severity']}`,
      isToggleable: true,
      isToggled: args =>
        !this.model.filter.hiddenSeverities.has(args['severity'] as Severity),
      isVisible: args => {
        const s = args['severity'] as Severity;
        return (
          (counts().severity[s] ?? 0) > 0 ||
          this.model.filter.hiddenSeverities.has(s)
        );
      },
      execute: args => {
        this.model.toggleSeverity(args['severity'] as Severity);
        this.refresh();
      }
    });
    const familyCount = (family: string): number =>
      counts().family.find(([f]) => f === family)?.[1] ?? 0;
    add(PanelCommandIDs.toggleFamily, {
      label: args =>
        `${shortFamily(args['family'] as string)} ${familyCount(args['family'] as string)}`,
      caption: args => {
        const f = args['family'] as string;
        return this.model.filter.hiddenFamilies.has(f)
          ? trans.__(
              '%1: %2 (hidden: click to show)',
              familyLabel(f),
              familyCount(f)
            )
          : trans.__('%1: %2 (click to hide)', familyLabel(f), familyCount(f));
      },
      className: args => `jp-MldebtToggle jp-MldebtToggle-family`,
      isToggleable: true,
      isToggled: args =>
        !this.model.filter.hiddenFamilies.has(args['family'] as string),
      isVisible: args => {
        const f = args['family'] as string;
        return familyCount(f) > 0 || this.model.filter.hiddenFamilies.has(f);
      },
      execute: args => {
        this.model.toggleFamily(args['family'] as string);
        this.refresh();
      }
    });
    const groupLabels: Record<GroupBy, string> = {
      family: trans.__('By family'),
      cell: trans.__('By cell'),
      rule: trans.__('By rule')
    };
    add(PanelCommandIDs.groupBy, {
      label: () => groupLabels[this.model.groupBy],
      caption: trans.__('Group findings: by family, by cell or by rule'),
      className: 'jp-MldebtGroupBy',
      execute: args => {
        const order: GroupBy[] = ['family', 'cell', 'rule'];
        const wanted = args['groupBy'] as GroupBy | undefined;
        this.model.groupBy =
          wanted && order.includes(wanted)
            ? wanted
            : order[(order.indexOf(this.model.groupBy) + 1) % order.length];
        this.refresh();
      }
    });
    const active = (f: IFinding | null): f is IFinding => !!f && !f.suppressed;
    add(PanelCommandIDs.jump, {
      label: trans.__('Go to Finding'),
      caption: trans.__('Put the cursor on the selected finding\u2019s code'),
      isEnabled: () => !!selected(),
      execute: () => {
        const f = selected();
        if (f) {
          this.reveal(f);
        }
      }
    });
    add(PanelCommandIDs.applyFix, {
      label: trans.__('Apply Fix'),
      caption: trans.__('Apply the selected finding\u2019s fix (undoable)'),
      isEnabled: () => {
        const f = selected();
        return active(f) && !!f.fix;
      },
      execute: () => {
        const f = selected();
        if (active(f) && f.fix) {
          this.fix(f);
        }
      }
    });
    add(PanelCommandIDs.declareInput, {
      label: () =>
        selected()?.declare?.kind === 'output'
          ? trans.__('Declare Output')
          : trans.__('Declare Input'),
      caption: trans.__(
        'Add the source to the notebook\u2019s declared data (undoable)'
      ),
      isEnabled: () => {
        const f = selected();
        return active(f) && !!f.declare;
      },
      execute: () => {
        const f = selected();
        if (active(f) && f.declare) {
          this.declare(f);
        }
      }
    });
    add(PanelCommandIDs.ignore, {
      label: trans.__('Ignore Here\u2026'),
      caption: trans.__('Ignore this finding, with a reason kept in the cell'),
      isEnabled: () => active(selected()),
      isVisible: () => !selected()?.suppressed,
      execute: () => {
        const f = selected();
        return active(f) ? this.ignore(f) : undefined;
      }
    });
    add(PanelCommandIDs.unignore, {
      label: trans.__('Un-ignore'),
      isEnabled: () => !!selected()?.suppressed,
      isVisible: () => !!selected()?.suppressed,
      execute: () => {
        const f = selected();
        if (f?.suppressed && this.notebook) {
          unignoreFinding(this.notebook, f);
        }
      }
    });
    add(PanelCommandIDs.disableRule, {
      label: () =>
        selected()
          ? trans.__('Disable Rule %1', selected()!.rule)
          : trans.__('Disable Rule'),
      isEnabled: () => !!selected() && !!this.options.disableRule,
      execute: () => {
        const f = selected();
        if (f && this.options.disableRule) {
          this.options.disableRule(f.rule);
        }
      }
    });
    add(PanelCommandIDs.explain, {
      label: trans.__('Explain Rule'),
      caption: trans.__('Why the rule is debt, with examples'),
      isEnabled: () => !!selected(),
      execute: () => {
        const f = selected();
        return f ? this.explain(f.rule) : undefined;
      }
    });
    add(PanelCommandIDs.undo, {
      label: trans.__('Undo Notebook Edit'),
      caption: trans.__(
        'Undo the notebook\u2019s last edit (a fix just applied), as Z does in command mode'
      ),
      isEnabled: () => !!this.notebook,
      execute: () => {
        if (this.notebook) {
          NotebookActions.undo(this.notebook.content);
          this.analyse();
        }
      }
    });
    add(PanelCommandIDs.copy, {
      label: trans.__('Copy Finding'),
      caption: trans.__('Copy the finding as one line of text'),
      isEnabled: () => !!selected(),
      execute: () => {
        const f = selected();
        if (f) {
          Clipboard.copyToSystem(this.findingText(f));
        }
      }
    });
  }

  /** A finding as one line: where, severity, rule, message. */
  findingText(f: IFinding): string {
    const path = this.notebook?.context.path ?? '';
    return `${path} cell ${f.cell.index + 1}:${f.range.start.line}:${f.range.start.column}: ${f.severity} [${f.rule}] ${stripInlineCode(f.message)}`;
  }

  /** One line of the list. */
  private row(item: IListItem): HTMLElement {
    if (item.kind === 'group') {
      const g = item.group;
      const count = g.ignored
        ? this.trans.__('%1, %2 ignored', g.active, g.ignored)
        : String(g.active);
      const head = this.el('div', 'jp-MldebtGroup-header');
      head.append(
        this.el(
          'span',
          'jp-MldebtGroup-caret',
          g.collapsed ? '\u25b8' : '\u25be'
        ),
        this.el('span', 'jp-MldebtGroup-label', g.label),
        this.el('span', 'jp-MldebtGroup-count', count)
      );
      head.setAttribute('aria-expanded', String(!g.collapsed));
      head.dataset.group = g.key;
      return head;
    }
    const f = item.finding;
    const li = this.el('div', 'jp-MldebtRow');
    li.dataset.rule = f.rule;
    li.dataset.family = f.family;
    li.dataset.severity = f.severity;
    li.dataset.cellIndex = String(f.cell.index);
    li.dataset.line = String(f.range.start.line);
    if (f.suppressed) {
      li.classList.add('jp-mod-suppressed');
    }
    const where = this.trans.__(
      'cell %1, line %2',
      f.cell.index + 1,
      f.range.start.line
    );
    const plain = stripInlineCode(f.message);
    li.setAttribute(
      'aria-label',
      `${f.severity}: ${plain} (${f.rule}, ${where})`
    );
    // Hovering shows the whole message; the detail pane shows it for the selected row.
    li.title = `${plain}\n${where} \u00b7 ${f.rule}`;
    const sev = this.el(
      'span',
      'jp-MldebtRow-severity',
      SEVERITY_ICON[f.severity]
    );
    sev.dataset.severity = f.severity;
    sev.setAttribute('aria-hidden', 'true');
    const title = this.el('span', 'jp-MldebtRow-title');
    appendInlineCode(title, shortTitle(f));
    const location = this.el(
      'span',
      'jp-MldebtRow-location',
      `${f.cell.index + 1}:${f.range.start.line}`
    );
    li.append(sev, title, location);
    return li;
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

  /** The selected finding in full: message, places, fix preview, actions. */
  private renderDetail(): void {
    const trans = this.trans;
    const f = this.selected;
    const box = this.detail;
    box.textContent = '';
    box.hidden = !f;
    if (!f) {
      return;
    }
    box.dataset.rule = f.rule;
    const text = this.el('div', 'jp-MldebtDetail-message');
    appendInlineCode(text, f.message);
    box.appendChild(text);
    const where = trans.__(
      'cell %1, line %2',
      f.cell.index + 1,
      f.range.start.line
    );
    const rule = findRule(f.rule);
    box.appendChild(
      this.el(
        'div',
        'jp-MldebtDetail-location',
        `${where} \u00b7 ${f.rule}${rule ? ` (${familyLabel(f.family)})` : ''}`
      )
    );
    if (f.related?.length) {
      box.appendChild(this.relatedLinks(f));
    }
    if (f.suppressed) {
      box.appendChild(
        this.el(
          'div',
          'jp-MldebtDetail-reason',
          trans.__(
            'Ignored: %1',
            f.suppressed.reason ?? trans.__('no reason given')
          )
        )
      );
    }
    const preview = this.fixPreview(f);
    if (preview) {
      box.appendChild(preview);
    }
    const actions = this.el('div', 'jp-MldebtDetail-actions');
    const action = (name: string, command: string): void => {
      if (
        !this.commands.isVisible(command) ||
        !this.commands.isEnabled(command)
      ) {
        return;
      }
      const label = this.commands.label(command);
      const b = this.el('button', 'jp-MldebtRow-action jp-mod-styled', label);
      b.dataset.action = name;
      const binding = this.commands.keyBindings.find(
        k => k.command === command
      );
      b.title = binding
        ? `${label} (${binding.keys.map(CommandRegistry.formatKeystroke).join(', ')})`
        : label;
      b.addEventListener('click', () => void this.commands.execute(command));
      actions.appendChild(b);
    };
    action('fix', PanelCommandIDs.applyFix);
    action('declare-input', PanelCommandIDs.declareInput);
    action('ignore', PanelCommandIDs.ignore);
    action('unignore', PanelCommandIDs.unignore);
    action('disable-rule', PanelCommandIDs.disableRule);
    action('explain', PanelCommandIDs.explain);
    box.appendChild(actions);
  }

  /** What the fix changes, as removed and added text. */
  private fixPreview(f: IFinding): HTMLElement | null {
    if (!f.fix?.length || f.suppressed) {
      return null;
    }
    const box = this.el('div', 'jp-MldebtDetail-fix');
    box.appendChild(
      this.el('div', 'jp-MldebtDetail-fixTitle', this.trans.__('Fix preview'))
    );
    const cells = this.notebook?.content.model?.cells;
    for (const edit of f.fix.slice(0, 4)) {
      const line = this.el('pre', 'jp-MldebtDetail-edit');
      const index = edit.cell?.index ?? f.cell.index;
      if (edit.newCell) {
        line.textContent = `+ ${this.trans.__('new cell')}: ${edit.text}`;
      } else {
        const source =
          cells && index < cells.length
            ? ((cells.get(index).sharedModel as any).getSource?.() ?? '')
            : '';
        const old = textInRange(source, edit.range);
        line.textContent = old
          ? edit.text
            ? `- ${old}\n+ ${edit.text}`
            : `- ${old}`
          : `+ ${edit.text}`;
      }
      box.appendChild(line);
    }
    if (f.fix.length > 4) {
      box.appendChild(
        this.el(
          'div',
          'jp-MldebtDetail-more',
          this.trans.__('and %1 more edits', f.fix.length - 4)
        )
      );
    }
    return box;
  }

  /** The other places of a finding's problem, each a link that jumps there. */
  private relatedLinks(f: IFinding): HTMLElement {
    const trans = this.trans;
    const box = this.el('div', 'jp-MldebtRow-related', trans.__('Also at'));
    f.related!.forEach(r => {
      const label = trans.__(
        'cell %1, line %2',
        r.cell.index + 1,
        r.range.start.line
      );
      const link = this.el('button', 'jp-MldebtRow-relatedLink', label);
      link.dataset.action = 'related';
      link.title = `${label}: ${stripInlineCode(r.message)}`;
      link.addEventListener('click', () =>
        this.revealAt(r.cell.index, r.range.start.line, r.range.start.column)
      );
      box.appendChild(link);
    });
    return box;
  }

  /** Applies a finding's fix: one undoable step of the notebook's history. */
  private fix(f: IFinding): void {
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
  private declare(f: IFinding): void {
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

  private async ignore(f: IFinding): Promise<void> {
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
    const body = this.el('div', 'jp-MldebtExplain');
    const description = this.el('p', '');
    appendInlineCode(description, m.description);
    body.appendChild(description);
    const why = this.el('p', '');
    why.appendChild(this.el('strong', '', this.trans.__('Why it is debt: ')));
    appendInlineCode(why, `${m.rationale} (Sculley et al. 2015, ${m.paper})`);
    body.appendChild(why);
    for (const [title, examples] of [
      [this.trans.__('Reported'), m.examples.bad],
      [this.trans.__('Not reported'), m.examples.good]
    ] as const) {
      body.appendChild(this.el('h4', '', title));
      for (const e of examples) {
        body.appendChild(this.el('pre', 'jp-MldebtExplain-code', e.code));
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
    const trans = this.trans;
    const section = this.dataBox;
    const open = section.open;
    section.textContent = '';
    const sources = this.sources;
    const undeclared = sources.filter(
      s => !s.declared && !s.producedHere && s.resolved
    ).length;
    const summary = this.el(
      'summary',
      'jp-MldebtData-title',
      sources.length
        ? trans.__(
            'Data dependencies (%1, %2 undeclared)',
            sources.length,
            undeclared
          )
        : trans.__('Data dependencies')
    );
    section.appendChild(summary);
    section.open = open;
    if (sources.length === 0) {
      section.appendChild(
        this.el(
          'div',
          'jp-MldebtPanel-empty',
          trans.__('This notebook reads and writes no data files.')
        )
      );
      return;
    }
    const list = this.el('ul', 'jp-MldebtData-list');
    for (const s of sources) {
      const li = this.el('li', 'jp-MldebtData-row');
      li.tabIndex = 0;
      li.dataset.kind = s.kind;
      li.dataset.declared = String(s.declared);
      const status = s.producedHere
        ? trans.__('written here')
        : s.declared
          ? trans.__('declared')
          : s.resolved
            ? trans.__('undeclared')
            : trans.__('dynamic');
      li.textContent = `${s.kind} \u00b7 ${s.source} \u2014 ${s.reader}, ${trans.__('cell %1', s.cell.index + 1)} (${status})`;
      li.title = li.textContent;
      const go = (): void =>
        this.revealAt(s.cell.index, s.range.start.line, s.range.start.column);
      li.addEventListener('click', go);
      li.addEventListener('keydown', e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          e.stopPropagation();
          go();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = (
            e.key === 'ArrowDown'
              ? li.nextElementSibling
              : li.previousElementSibling
          ) as HTMLElement | null;
          next?.focus();
        }
      });
      list.appendChild(li);
    }
    section.appendChild(list);
  }

  private reveal(f: IFinding, focusEditor = true): void {
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

const SHORT_FAMILY: Record<string, string> = {
  'dead-code': 'Dead',
  'hardcoded-threshold': 'Thresholds',
  'undeclared-data': 'Data',
  reproducibility: 'Repro',
  analysis: 'Notes'
};

function shortFamily(family: string): string {
  return SHORT_FAMILY[family] ?? family;
}

/**
 * A row's title: the rule's title and the first value or name the message
 * quotes (`0.5`, `df`), so rows of one rule still tell apart.
 */
export function shortTitle(f: IFinding): string {
  const title = findRule(f.rule)?.meta.title ?? f.rule;
  const quoted = /`([^`\n]{1,40})`/.exec(f.message);
  return quoted ? `${title}: \`${quoted[1]}\`` : title;
}

/** The text of a 1-based range in a cell's source. */
function textInRange(source: string, range: IFinding['range']): string {
  const lines = source.split('\n');
  const { start, end } = range;
  if (start.line < 1 || start.line > lines.length) {
    return '';
  }
  if (start.line === end.line) {
    return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  }
  const parts = [lines[start.line - 1].slice(start.column - 1)];
  for (let l = start.line + 1; l < end.line && l <= lines.length; l++) {
    parts.push(lines[l - 1]);
  }
  if (end.line <= lines.length) {
    parts.push(lines[end.line - 1].slice(0, end.column - 1));
  }
  const text = parts.join('\n');
  return text.length > 400 ? text.slice(0, 400) + '\u2026' : text;
}
