/** The ML Debt side panel: the current notebook's findings, one click from the code. */
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
import { Widget } from '@lumino/widgets';
import { IMldebtConfig } from '../core/config';
import { dataManifest, IDataSource } from '../core/data/manifest';
import { Engine, IAnalysis } from '../core/engine';
import { INotebookResult } from '../core/report/formats';
import { manifestEntries } from '../core/report/manifest-entries';
import { FAMILIES, IFinding, SEVERITIES } from '../core/types';
import { findRule, RULES } from '../rules';
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
  findingsSignature,
  GroupBy,
  ICounts,
  PanelModel
} from './panel-model';

const DEBOUNCE_MS = 300;
/** Analyses slower than this show "Analysing…" while the next one waits. */
const SLOW_ANALYSIS_MS = 150;
/** Parsing a large notebook runs in slices this long (milliseconds). */
const PARSE_SLICE_MS = 12;
/** Rows drawn per group before a "Show more" button: thousands of rows would make every re-render slow. */
export const ROWS_PER_GROUP = 100;

export interface IPanelOptions {
  trans: TranslationBundle;
  /** Turns a rule off in the user's settings. */
  disableRule?: (rule: string) => void;
  /** Milliseconds of parsing per slice when a large notebook is analysed (default 12). */
  parseSliceMs?: number;
  /** Runs the "Export debt report" command (the header button). */
  exportReport?: () => void;
  /** Called after each analysis (the status bar listens). */
  analysed?: (findings: readonly IFinding[], hasNotebook: boolean) => void;
  /** The project's dependency files, for the package rules (none: they stay silent). */
  dependencies?: DependencyLookup;
}

export class DebtPanel extends Widget {
  readonly engine = new Engine(RULES);
  readonly model = new PanelModel();
  /**
   * Analyses for exports and reports: their own memos (so the panel's
   * incremental state is untouched), the panel's parsed cells (so a large
   * notebook is not parsed again).
   */
  private readonly exportEngine = new Engine(RULES, this.engine.cache);
  private notebook: NotebookPanel | null = null;
  private timer: number | null = null;
  private config: IMldebtConfig = {};
  private showSuppressed = false;
  private inlineMarks = true;
  private analyseOnType = true;
  private analysis: IAnalysis | null = null;
  private error: string | null = null;
  /** True while the notebook loads or a slow re-analysis waits to run. */
  private busy = false;
  /** What the last render showed, to skip re-rendering when nothing changed. */
  private shown: string | null = null;
  private manifest: { analysis: IAnalysis; sources: IDataSource[] } | null =
    null;
  /** Rows drawn per group key (grows with "Show more"). */
  private readonly rowLimit = new Map<string, number>();
  /** How long the last analysis took, to decide whether "analysing" is worth showing. */
  private lastDuration = 0;
  private readonly trans: TranslationBundle;

  constructor(private readonly options: IPanelOptions) {
    super();
    this.trans = options.trans;
    this.id = 'mldebt-panel';
    this.addClass('jp-MldebtPanel');
    this.title.icon = mldebtIcon;
    this.title.caption = this.trans.__('ML Debt');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', this.trans.__('ML Debt'));
    this.render();
  }

  /** The findings now shown (for the status bar and tests). */
  get findings(): IFinding[] {
    return this.model.findings;
  }

  get currentNotebook(): NotebookPanel | null {
    return this.notebook;
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
      if (old.content.model) {
        showMarks(old, [], false);
      }
    }
    this.notebook = panel;
    this.rowLimit.clear();
    this.busy = !!panel && !panel.context.isReady;
    // Nothing of the previous notebook stays on screen while this one loads.
    this.analysis = null;
    this.model.setFindings([]);
    if (panel) {
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
          this.analyse();
        }
      });
    }
    this.analyse();
  }

  private onChange(): void {
    if (this.analyseOnType) {
      this.schedule();
    }
  }

  private onSave(_: unknown, state: string): void {
    if (!this.analyseOnType && state === 'completed') {
      this.analyse();
    }
  }

  /** Editors are created lazily: mark a cell when it becomes active. */
  private onActiveCell(): void {
    if (this.notebook) {
      showMarks(this.notebook, this.model.findings, this.inlineMarks);
    }
  }

  private schedule(): void {
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
    }
    if (this.lastDuration >= SLOW_ANALYSIS_MS && !this.busy) {
      this.busy = true;
      this.node
        .querySelector('.jp-MldebtPanel-header')
        ?.appendChild(this.busyNote());
    }
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.analyse();
    }, DEBOUNCE_MS);
  }

  /** Analyses the current notebook now. */
  analyse(): void {
    if (
      this.busy &&
      this.timer === null &&
      this.notebook &&
      !this.notebook.context.isReady
    ) {
      this.render();
      return;
    }
    this.busy = false;
    const started = performance.now();
    try {
      const input = this.notebook ? notebookInput(this.notebook) : null;
      if (
        input &&
        !this.engine.prepare(input, this.options.parseSliceMs ?? PARSE_SLICE_MS)
      ) {
        // A big pass (a large notebook opened, many cells pasted): parse in
        // slices between which the browser paints and handles typing.
        this.continueLater();
        return;
      }
      // Ignored findings are kept (and hidden unless shown): the header counts them.
      this.analysis = input
        ? this.engine.analyse(input, this.config, {
            keepSuppressed: true,
            dependencies: this.dependenciesOf(this.notebook)
          })
        : null;
      this.model.setFindings(this.analysis ? this.analysis.findings : []);
      this.error = null;
    } catch (e) {
      // Never throw into JupyterLab: say what went wrong instead.
      this.error = String((e as Error)?.message ?? e);
      this.model.setFindings([]);
    }
    this.lastDuration = performance.now() - started;
    // Typing usually leaves the findings as they were: then the DOM stays.
    const shown = [
      this.notebook?.id ?? '',
      this.notebook?.title.label ?? '',
      this.error ?? '',
      this.analysis
        ? `${this.analysis.supported}:${this.analysis.language}`
        : '',
      findingsSignature(this.model.findings),
      String(this.showSuppressed),
      this.dataSignature()
    ].join('\u0000');
    if (
      shown !== this.shown ||
      this.node.querySelector('.jp-MldebtPanel-busy')
    ) {
      this.shown = shown;
      this.render();
    }
    if (this.notebook) {
      try {
        showMarks(this.notebook, this.model.findings, this.inlineMarks);
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

  private continueLater(): void {
    this.busy = true;
    if (!this.node.querySelector('.jp-MldebtPanel-busy')) {
      if (this.analysis) {
        this.node
          .querySelector('.jp-MldebtPanel-header')
          ?.appendChild(this.busyNote());
      } else {
        this.render();
      }
    }
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
    }
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.analyse();
    }, 0);
  }

  /** A notebook's findings (ignored ones left out) and data manifest, as the CLI reports them. */
  resultFor(notebook: NotebookPanel): INotebookResult {
    const path = notebook.context.path;
    const input = notebookInput(notebook);
    if (!input) {
      return { path, language: null, findings: [], sources: [] };
    }
    const analysis = this.exportEngine.analyse(input, this.config, {
      dependencies: this.dependenciesOf(notebook)
    });
    return {
      path,
      language: analysis.language,
      findings: analysis.findings,
      sources: analysis.supported
        ? manifestEntries(analysis.model, this.config)
        : [],
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

  private render(): void {
    const trans = this.trans;
    const active =
      document.activeElement && this.node.contains(document.activeElement)
        ? (document.activeElement as HTMLElement)
        : null;
    const focused = active?.dataset.focusKey;
    // Where the focused row stood, to land on its neighbour when it goes away.
    const rowsBefore = [...this.node.querySelectorAll('.jp-MldebtRow')];
    const focusedRow = active?.closest('.jp-MldebtRow') ?? null;
    const focusedRowIndex = focusedRow ? rowsBefore.indexOf(focusedRow) : -1;
    this.node.textContent = '';
    const header = this.el('div', 'jp-MldebtPanel-header');
    header.appendChild(
      this.el(
        'div',
        'jp-MldebtPanel-title',
        this.notebook ? this.notebook.title.label : trans.__('ML Debt')
      )
    );
    this.node.appendChild(header);
    if (!this.notebook) {
      this.node.appendChild(
        this.el('div', 'jp-MldebtPanel-empty', trans.__('No notebook is open.'))
      );
      return;
    }
    if (this.busy) {
      header.appendChild(this.busyNote());
      if (!this.analysis) {
        return;
      }
    }
    if (this.options.exportReport) {
      const report = this.el(
        'button',
        'jp-MldebtPanel-report',
        trans.__('Export report')
      );
      report.dataset.action = 'export-report';
      report.title = trans.__(
        'Save the findings and data dependencies beside the notebook (Markdown, JSON or SARIF)'
      );
      report.addEventListener('click', () => this.options.exportReport!());
      header.appendChild(report);
    }
    if (this.error !== null) {
      this.node.appendChild(
        this.el(
          'div',
          'jp-MldebtPanel-empty jp-MldebtPanel-error',
          trans.__('ML Debt could not analyse this notebook: %1', this.error)
        )
      );
      return;
    }
    if (this.analysis && !this.analysis.supported) {
      this.node.appendChild(
        this.el(
          'div',
          'jp-MldebtPanel-empty',
          trans.__(
            'This notebook\u2019s kernel language (%1) is not analysed: mldebt reads Python and JavaScript notebooks.',
            this.analysis.language
          )
        )
      );
      return;
    }
    const counts = this.model.counts();
    header.appendChild(this.summary(counts));
    header.appendChild(this.controls());
    if (counts.total === 0 && this.model.visible().length === 0) {
      this.node.appendChild(
        this.el(
          'div',
          'jp-MldebtPanel-empty jp-MldebtPanel-clean',
          '\u2713 ' + trans.__('No debt found')
        )
      );
    } else {
      const groups = this.model.groups();
      if (groups.length === 0) {
        this.node.appendChild(
          this.el(
            'div',
            'jp-MldebtPanel-empty',
            trans.__('No finding matches the filter.')
          )
        );
      }
      for (const g of groups) {
        const section = this.el('div', 'jp-MldebtGroup');
        // The header counts what the summary counts: findings not ignored.
        const count = g.ignored
          ? trans.__('%1, %2 ignored', g.active, g.ignored)
          : String(g.active);
        const head = this.el(
          'button',
          'jp-MldebtGroup-header',
          `${g.collapsed ? '\u25b8' : '\u25be'} ${g.label} (${count})`
        );
        head.setAttribute('aria-expanded', String(!g.collapsed));
        head.dataset.focusKey = `group:${g.key}`;
        head.addEventListener('click', () => {
          this.model.toggle(g.key);
          this.render();
        });
        section.appendChild(head);
        if (!g.collapsed) {
          const list = this.el('ul', 'jp-MldebtPanel-list');
          list.setAttribute('role', 'list');
          const limit = this.rowLimit.get(g.key) ?? ROWS_PER_GROUP;
          g.findings
            .slice(0, limit)
            .forEach(f => list.appendChild(this.row(f)));
          section.appendChild(list);
          if (g.findings.length > limit) {
            const more = this.el(
              'button',
              'jp-MldebtGroup-more',
              trans.__(
                'Show %1 more',
                Math.min(ROWS_PER_GROUP * 5, g.findings.length - limit)
              )
            );
            more.dataset.action = 'show-more';
            more.dataset.focusKey = `more:${g.key}`;
            more.addEventListener('click', () => {
              this.rowLimit.set(g.key, limit + ROWS_PER_GROUP * 5);
              this.render();
            });
            section.appendChild(more);
          }
        }
        this.node.appendChild(section);
      }
    }
    this.node.appendChild(this.dataSection());
    if (focused) {
      const again = this.node.querySelector<HTMLElement>(
        `[data-focus-key="${CSS.escape(focused)}"]`
      );
      if (again) {
        again.focus();
      } else if (focusedRowIndex >= 0) {
        // The row went away (fixed, declared, ignored): its neighbour takes
        // the focus, so the keyboard carries on down the list.
        const rows = [
          ...this.node.querySelectorAll<HTMLElement>('.jp-MldebtRow')
        ];
        rows[Math.min(focusedRowIndex, rows.length - 1)]?.focus();
      }
    }
  }

  /**
   * The header's counts: severities and families of the notebook's findings,
   * how many the filter shows, and how many are ignored.
   */
  private summary(all: ICounts): HTMLElement {
    const trans = this.trans;
    const box = this.el('div', 'jp-MldebtPanel-counts');
    const line = (kind: string, text: string): HTMLElement => {
      const div = this.el('div', `jp-MldebtPanel-count`, text);
      div.dataset.count = kind;
      box.appendChild(div);
      return div;
    };
    const severities = [
      all.severity.error
        ? trans._n('%1 error', '%1 errors', all.severity.error)
        : '',
      all.severity.warning
        ? trans._n('%1 warning', '%1 warnings', all.severity.warning)
        : '',
      all.severity.info
        ? trans._n('%1 note', '%1 notes', all.severity.info)
        : ''
    ].filter(Boolean);
    if (severities.length) {
      line('severity', severities.join(', '));
      line(
        'family',
        all.family.map(([f, n]) => `${familyLabel(f)} ${n}`).join(' \u00b7 ')
      );
    }
    if (this.model.filtered) {
      const shown = this.model.counts('visible');
      const div = line(
        'filtered',
        trans.__('Showing %1 of %2', shown.total, all.total) + ' '
      );
      const clear = this.el(
        'button',
        'jp-MldebtPanel-link',
        trans.__('Clear filter')
      );
      clear.dataset.action = 'clear-filter';
      clear.dataset.focusKey = 'clear-filter';
      clear.addEventListener('click', () => {
        this.model.filter = { text: '', severity: '', family: '', rule: '' };
        this.render();
        this.node.querySelector<HTMLElement>('.jp-MldebtPanel-filter')?.focus();
      });
      div.appendChild(clear);
    }
    if (all.ignored) {
      line(
        'ignored',
        trans._n('%1 ignored finding', '%1 ignored findings', all.ignored) +
          ' ' +
          (this.showSuppressed
            ? trans.__('(shown greyed)')
            : trans.__(
                '(hidden: Settings \u203a ML Debt \u203a Show ignored findings)'
              ))
      );
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

  private controls(): HTMLElement {
    const trans = this.trans;
    const bar = this.el('div', 'jp-MldebtPanel-controls');
    const text = this.el('input', 'jp-MldebtPanel-filter jp-mod-styled');
    text.type = 'search';
    text.placeholder = trans.__('Filter findings');
    text.setAttribute('aria-label', trans.__('Filter findings'));
    text.value = this.model.filter.text;
    text.dataset.focusKey = 'filter';
    text.addEventListener('input', () => {
      this.model.filter.text = text.value;
      this.render();
    });
    bar.appendChild(text);
    const select = (
      label: string,
      key: string,
      values: [string, string][],
      current: string,
      onChange: (v: string) => void
    ): void => {
      const s = this.el('select', 'jp-MldebtPanel-select jp-mod-styled');
      s.setAttribute('aria-label', label);
      s.dataset.focusKey = key;
      for (const [value, text] of values) {
        const o = document.createElement('option');
        o.value = value;
        o.textContent = text;
        o.selected = value === current;
        s.appendChild(o);
      }
      s.addEventListener('change', () => {
        onChange(s.value);
        this.render();
      });
      bar.appendChild(s);
    };
    select(
      trans.__('Severity'),
      'severity',
      [
        ['', trans.__('All severities')],
        ...SEVERITIES.map(
          s =>
            [
              s,
              s === 'error'
                ? trans.__('Errors')
                : s === 'warning'
                  ? trans.__('Warnings')
                  : trans.__('Notes (info)')
            ] as [string, string]
        )
      ],
      this.model.filter.severity,
      v => (this.model.filter.severity = v as any)
    );
    select(
      trans.__('Family'),
      'family',
      [
        ['', trans.__('All families')],
        ...FAMILIES.map(f => [f, familyLabel(f)] as [string, string])
      ],
      this.model.filter.family,
      v => (this.model.filter.family = v)
    );
    select(
      trans.__('Rule'),
      'rule',
      [
        ['', trans.__('All rules')],
        ...this.model.rules().map(r => [r, r] as [string, string])
      ],
      this.model.filter.rule,
      v => (this.model.filter.rule = v)
    );
    select(
      trans.__('Group by'),
      'group',
      [
        ['family', trans.__('By family')],
        ['cell', trans.__('By cell')],
        ['rule', trans.__('By rule')]
      ],
      this.model.groupBy,
      v => (this.model.groupBy = v as GroupBy)
    );
    return bar;
  }

  private row(f: IFinding): HTMLElement {
    const trans = this.trans;
    const li = this.el('li', 'jp-MldebtRow');
    li.tabIndex = 0;
    li.dataset.rule = f.rule;
    li.dataset.family = f.family;
    li.dataset.severity = f.severity;
    li.dataset.cellIndex = String(f.cell.index);
    li.dataset.line = String(f.range.start.line);
    li.dataset.focusKey = `row:${f.cell.index}:${f.range.start.line}:${f.range.start.column}:${f.rule}`;
    if (f.suppressed) {
      li.classList.add('jp-mod-suppressed');
    }
    const where = trans.__(
      'cell %1, line %2',
      f.cell.index + 1,
      f.range.start.line
    );
    li.setAttribute(
      'aria-label',
      `${f.severity}: ${stripInlineCode(f.message)} (${f.rule}, ${where})`
    );
    const sev = this.el(
      'span',
      'jp-MldebtRow-severity',
      f.severity === 'error'
        ? '\u26d4'
        : f.severity === 'warning'
          ? '\u26a0'
          : '\u2139'
    );
    sev.dataset.severity = f.severity;
    sev.setAttribute('aria-hidden', 'true');
    const body = this.el('div', 'jp-MldebtRow-message');
    const text = this.el('div', 'jp-MldebtRow-text');
    appendInlineCode(text, f.message);
    body.appendChild(text);
    // Location first: a narrow panel cuts the rule id (with an ellipsis), not the line.
    const location = this.el(
      'div',
      'jp-MldebtRow-location',
      `${where} \u00b7 ${f.rule}`
    );
    location.title = `${where} \u00b7 ${f.rule}`;
    body.appendChild(location);
    if (f.related?.length) {
      body.appendChild(this.relatedLinks(f, li.dataset.focusKey));
    }
    if (f.suppressed) {
      body.appendChild(
        this.el(
          'div',
          'jp-MldebtRow-reason',
          trans.__(
            'Ignored: %1',
            f.suppressed.reason ?? trans.__('no reason given')
          )
        )
      );
    }
    const actions = this.el('div', 'jp-MldebtRow-actions');
    const action = (name: string, label: string, run: () => void): void => {
      const b = this.el('button', 'jp-MldebtRow-action', label);
      b.dataset.action = name;
      b.dataset.focusKey = `${li.dataset.focusKey}:${name}`;
      b.title = label;
      b.addEventListener('click', e => {
        e.stopPropagation();
        run();
      });
      actions.appendChild(b);
    };
    if (f.suppressed) {
      action(
        'unignore',
        trans.__('Un-ignore'),
        () => this.notebook && unignoreFinding(this.notebook, f)
      );
    } else {
      if (f.fix) {
        action('fix', trans.__('Apply fix'), () => {
          const notebook = this.notebook;
          if (notebook) {
            applyFix(notebook, f);
            // The fix is one step of the notebook's undo history: the edited
            // cell becomes active in command mode, where Z (Edit › Undo Cell
            // Operation) reverts it, and the notification offers Undo too.
            const shift = f.fix!.some(e => e.newCell) ? 1 : 0;
            notebook.content.activeCellIndex = f.cell.index + shift;
            notebook.content.mode = 'command';
            notebook.content.activate();
            Notification.info(trans.__('Fix applied: %1', f.rule), {
              autoClose: 5000,
              actions: [
                {
                  label: trans.__('Undo'),
                  callback: () => NotebookActions.undo(notebook.content)
                }
              ]
            });
          }
        });
      }
      if (f.declare) {
        action(
          'declare-input',
          f.declare.kind === 'output'
            ? trans.__('Declare output')
            : trans.__('Declare input'),
          () => this.declare(f)
        );
      }
      action('ignore', trans.__('Ignore here'), () => void this.ignore(f));
    }
    if (this.options.disableRule) {
      action('disable-rule', trans.__('Disable rule'), () =>
        this.options.disableRule!(f.rule)
      );
    }
    action('explain', trans.__('Explain'), () => void this.explain(f.rule));
    body.appendChild(actions);
    li.append(sev, body);
    li.addEventListener('click', () => this.reveal(f));
    this.rowKeys(li, '.jp-MldebtRow', () => this.reveal(f));
    return li;
  }

  /** The other places of a finding's problem, each a link that jumps there. */
  private relatedLinks(f: IFinding, focusKey: string): HTMLElement {
    const trans = this.trans;
    const box = this.el('div', 'jp-MldebtRow-related', trans.__('Also at'));
    f.related!.forEach((r, i) => {
      const label = trans.__(
        'cell %1, line %2',
        r.cell.index + 1,
        r.range.start.line
      );
      const link = this.el('button', 'jp-MldebtRow-relatedLink', label);
      link.dataset.action = 'related';
      link.dataset.focusKey = `${focusKey}:related:${i}`;
      link.title = `${label}: ${stripInlineCode(r.message)}`;
      link.addEventListener('click', e => {
        e.stopPropagation();
        this.revealAt(r.cell.index, r.range.start.line, r.range.start.column);
      });
      box.appendChild(link);
    });
    return box;
  }

  /**
   * Keys on a focused row: Enter or Space jumps to the code, arrows, Home and
   * End move between rows. Each key is consumed: Enter moves the focus into
   * the cell editor, and an unconsumed key event would then type into it.
   * Keys on the row's buttons are left to the buttons.
   */
  private rowKeys(row: HTMLElement, selector: string, go: () => void): void {
    row.addEventListener('keydown', e => {
      if (e.target !== row || e.altKey || e.ctrlKey || e.metaKey) {
        return;
      }
      let target: HTMLElement | undefined;
      switch (e.key) {
        case 'Enter':
        case ' ':
          e.preventDefault();
          e.stopPropagation();
          go();
          return;
        case 'ArrowDown':
        case 'ArrowUp':
        case 'Home':
        case 'End': {
          e.preventDefault();
          e.stopPropagation();
          const rows = [...this.node.querySelectorAll<HTMLElement>(selector)];
          const i = rows.indexOf(row);
          target =
            e.key === 'Home'
              ? rows[0]
              : e.key === 'End'
                ? rows[rows.length - 1]
                : rows[i + (e.key === 'ArrowDown' ? 1 : -1)];
          target?.focus();
          return;
        }
      }
    });
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

  /** The data manifest of the last analysis. */
  private get sources(): IDataSource[] {
    if (!this.analysis || !this.analysis.supported) {
      return [];
    }
    if (this.manifest?.analysis !== this.analysis) {
      this.manifest = {
        analysis: this.analysis,
        sources: dataManifest(this.analysis.model, {
          declaredInputs: this.config.declaredInputs ?? [],
          declaredOutputs: this.config.declaredOutputs ?? [],
          extraReaders:
            (this.config.rules?.['undeclared-read']?.options?.extraReaders as
              string[] | undefined) ?? []
        })
      };
    }
    return this.manifest.sources;
  }

  private dataSignature(): string {
    return this.sources
      .map(
        s =>
          `${s.kind}|${s.reader}|${s.source}|${s.cell.index}|${s.from}|${s.declared}|${s.resolved}|${s.producedHere ? 1 : 0}`
      )
      .join('\n');
  }

  private dataSection(): HTMLElement {
    const trans = this.trans;
    const section = this.el('details', 'jp-MldebtData');
    section.open = true;
    section.appendChild(
      this.el('summary', 'jp-MldebtData-title', trans.__('Data dependencies'))
    );
    const sources = this.sources;
    if (sources.length === 0) {
      section.appendChild(
        this.el(
          'div',
          'jp-MldebtPanel-empty',
          trans.__('This notebook reads and writes no data files.')
        )
      );
      return section;
    }
    const list = this.el('ul', 'jp-MldebtPanel-list');
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
      const line = s.cell.facts
        ? s.cell.facts.lines.position(s.from)
        : { line: 1, column: 1 };
      const go = (): void =>
        this.revealAt(s.cell.index, line.line, line.column);
      li.addEventListener('click', go);
      this.rowKeys(li, '.jp-MldebtData-row', go);
      list.appendChild(li);
    }
    section.appendChild(list);
    return section;
  }

  private reveal(f: IFinding): void {
    this.revealAt(f.cell.index, f.range.start.line, f.range.start.column);
  }

  /** Activates a cell, scrolls it into view and puts the cursor at a line and column. */
  revealAt(cellIndex: number, line: number, column: number): void {
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
    notebook.mode = 'edit';
    cell.editor?.setCursorPosition({ line: line - 1, column: column - 1 });
    cell.editor?.focus();
  }
}
