/** The panel's data-dependencies section (the data manifest). */
import { TranslationBundle } from '@jupyterlab/translation';
import { IManifestEntry } from '../core/report/manifest-entries';
import { el } from './dom';

/** The data dependencies: every source read or written; each goes to its code. */
export function renderDataSection(
  section: HTMLDetailsElement,
  sources: readonly IManifestEntry[],
  trans: TranslationBundle,
  revealAt: (cellIndex: number, line: number, column: number) => void
): void {
  const open = section.open;
  section.textContent = '';
  const undeclared = sources.filter(
    s => !s.declared && !s.producedHere && s.resolved
  ).length;
  const summary = el(
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
      el(
        'div',
        'jp-MldebtPanel-empty',
        trans.__('This notebook reads and writes no data files.')
      )
    );
    return;
  }
  const list = el('ul', 'jp-MldebtData-list');
  for (const s of sources) {
    const li = el('li', 'jp-MldebtData-row');
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
      revealAt(s.cell.index, s.range.start.line, s.range.start.column);
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
