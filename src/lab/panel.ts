/** The ML Debt side panel: the current notebook's findings, one click from the code. */
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { IMldebtConfig } from '../core/config';
import { Engine } from '../core/engine';
import { IFinding } from '../core/types';
import { RULES } from '../rules';
import { mldebtIcon } from './icon';
import { notebookInput } from './notebook-input';

const DEBOUNCE_MS = 300;

export class DebtPanel extends Widget {
  private readonly engine = new Engine(RULES);
  private notebook: NotebookPanel | null = null;
  private timer: number | null = null;
  private findings: IFinding[] = [];
  private config: IMldebtConfig = {};

  constructor(private readonly trans: TranslationBundle) {
    super();
    this.id = 'mldebt-panel';
    this.addClass('jp-MldebtPanel');
    this.title.icon = mldebtIcon;
    this.title.caption = trans.__('ML Debt');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('ML Debt'));
    this.render();
  }

  /** Applies new settings and re-analyses at once. */
  setConfig(config: IMldebtConfig): void {
    this.config = config;
    this.analyse();
  }

  /** Follows a notebook (or none). */
  setNotebook(panel: NotebookPanel | null): void {
    if (this.notebook === panel) {
      return;
    }
    if (this.notebook && this.notebook.content.model) {
      this.notebook.content.model.contentChanged.disconnect(
        this.schedule,
        this
      );
      this.notebook.content.model.metadataChanged.disconnect(
        this.schedule,
        this
      );
    }
    this.notebook = panel;
    if (panel) {
      void panel.context.ready.then(() => {
        if (this.notebook === panel && panel.content.model) {
          panel.content.model.contentChanged.connect(this.schedule, this);
          panel.content.model.metadataChanged.connect(this.schedule, this);
          this.analyse();
        }
      });
    }
    this.analyse();
  }

  private schedule(): void {
    if (this.timer !== null) {
      window.clearTimeout(this.timer);
    }
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.analyse();
    }, DEBOUNCE_MS);
  }

  private analyse(): void {
    try {
      const input = this.notebook ? notebookInput(this.notebook) : null;
      this.findings = input
        ? this.engine.analyse(input, this.config).findings
        : [];
      this.render();
    } catch (e) {
      // Never throw into JupyterLab: say what went wrong instead.
      this.renderMessage(
        this.trans.__(
          'ML Debt could not analyse this notebook: %1',
          String((e as Error)?.message ?? e)
        )
      );
    }
  }

  private renderMessage(text: string): void {
    this.node.textContent = '';
    const p = document.createElement('div');
    p.className = 'jp-MldebtPanel-empty';
    p.textContent = text;
    this.node.appendChild(p);
  }

  private render(): void {
    const trans = this.trans;
    this.node.textContent = '';
    const header = document.createElement('div');
    header.className = 'jp-MldebtPanel-header';
    const title = document.createElement('div');
    title.className = 'jp-MldebtPanel-title';
    title.textContent = this.notebook
      ? this.notebook.title.label
      : trans.__('ML Debt');
    header.appendChild(title);
    this.node.appendChild(header);
    if (!this.notebook) {
      const empty = document.createElement('div');
      empty.className = 'jp-MldebtPanel-empty';
      empty.textContent = trans.__('No notebook is open.');
      this.node.appendChild(empty);
      return;
    }
    const counts = document.createElement('div');
    counts.className = 'jp-MldebtPanel-counts';
    const by = (s: string): number =>
      this.findings.filter(f => f.severity === s).length;
    counts.textContent = trans.__(
      '%1 errors, %2 warnings, %3 infos',
      by('error'),
      by('warning'),
      by('info')
    );
    header.appendChild(counts);
    if (this.findings.length === 0) {
      const empty = document.createElement('div');
      empty.className = 'jp-MldebtPanel-empty';
      empty.textContent = '✓ ' + trans.__('No debt found');
      this.node.appendChild(empty);
      return;
    }
    const list = document.createElement('ul');
    list.className = 'jp-MldebtPanel-list';
    list.setAttribute('role', 'list');
    for (const f of this.findings) {
      list.appendChild(this.row(f));
    }
    this.node.appendChild(list);
  }

  private row(f: IFinding): HTMLElement {
    const li = document.createElement('li');
    li.className = 'jp-MldebtRow';
    li.tabIndex = 0;
    li.dataset.rule = f.rule;
    li.dataset.family = f.family;
    li.dataset.severity = f.severity;
    li.dataset.cellIndex = String(f.cell.index);
    li.dataset.line = String(f.range.start.line);
    const where = this.trans.__(
      'cell %1, line %2',
      f.cell.index + 1,
      f.range.start.line
    );
    li.setAttribute(
      'aria-label',
      `${f.severity}: ${f.message} (${f.rule}, ${where})`
    );
    const sev = document.createElement('span');
    sev.className = 'jp-MldebtRow-severity';
    sev.dataset.severity = f.severity;
    sev.textContent =
      f.severity === 'error' ? '⛔' : f.severity === 'warning' ? '⚠' : 'ℹ';
    const body = document.createElement('span');
    body.className = 'jp-MldebtRow-message';
    body.textContent = `${f.message} `;
    const meta = document.createElement('span');
    meta.className = 'jp-MldebtRow-location';
    meta.textContent = `${f.rule} · ${where}`;
    body.appendChild(meta);
    li.append(sev, body);
    const go = (): void => this.reveal(f);
    li.addEventListener('click', go);
    li.addEventListener('keydown', e => {
      if (e.key === 'Enter') {
        go();
      }
    });
    return li;
  }

  /** Activates the finding's cell and puts the cursor at its line and column. */
  private reveal(f: IFinding): void {
    const panel = this.notebook;
    if (!panel) {
      return;
    }
    const notebook = panel.content;
    notebook.activeCellIndex = f.cell.index;
    const cell = notebook.activeCell;
    if (!cell) {
      return;
    }
    void notebook.scrollToItem(f.cell.index).catch(() => undefined);
    notebook.mode = 'edit';
    cell.editor?.setCursorPosition({
      line: f.range.start.line - 1,
      column: f.range.start.column - 1
    });
    cell.editor?.focus();
  }
}
