/** The status bar item: the current notebook's counts; a click opens the panel. */
import { Widget } from '@lumino/widgets';
import { TranslationBundle } from '@jupyterlab/translation';
import { IFinding } from '../core/types';

export class DebtStatus extends Widget {
  constructor(
    private readonly trans: TranslationBundle,
    onClick: () => void
  ) {
    super();
    this.id = 'mldebt-status';
    this.addClass('jp-MldebtStatus');
    this.node.setAttribute('role', 'button');
    this.node.tabIndex = 0;
    this.node.addEventListener('click', onClick);
    this.node.addEventListener('keydown', e => {
      if (e.key === 'Enter' || e.key === ' ') {
        // Consumed: the key must not reach whatever takes the focus next.
        e.preventDefault();
        e.stopPropagation();
        onClick();
      }
    });
    this.setCounts([], false);
  }

  /**
   * The notebook changed while the panel was hidden (it does no work then):
   * the counts are the last analysis's until the panel is shown.
   */
  setOutOfDate(): void {
    if (this.node.dataset.notebook === 'true' && !this.node.dataset.outOfDate) {
      this.node.dataset.outOfDate = 'true';
      this.node.classList.add('jp-mod-outOfDate');
      this.node.title +=
        ' ' + this.trans.__('(Out of date: the panel re-analyses when shown.)');
    }
  }

  setCounts(findings: readonly IFinding[], hasNotebook: boolean): void {
    delete this.node.dataset.outOfDate;
    this.node.classList.remove('jp-mod-outOfDate');
    const shown = findings.filter(f => !f.suppressed);
    const warnings = shown.filter(f => f.severity !== 'info').length;
    const infos = shown.length - warnings;
    this.node.textContent = hasNotebook
      ? this.trans.__('ML Debt: %1 \u26a0 %2 \u2139', warnings, infos)
      : this.trans.__('ML Debt');
    this.node.title = hasNotebook
      ? this.trans.__(
          'ML technical debt in this notebook: %1, %2. Click to open the panel.',
          this.trans._n(
            '%1 warning or error',
            '%1 warnings or errors',
            warnings
          ),
          this.trans._n('%1 note', '%1 notes', infos)
        )
      : this.trans.__(
          'ML technical debt: open a notebook to see its findings. Click to open the panel.'
        );
    this.node.dataset.notebook = String(hasNotebook);
  }
}
