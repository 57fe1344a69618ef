/** The list's lines: one per group header and per finding. */
import { TranslationBundle } from '@jupyterlab/translation';
import { IFinding } from '../core/types';
import { findRule } from '../rules';
import { el } from './dom';
import { appendInlineCode, stripInlineCode } from './inline-code';
import { SEVERITY_ICON } from './panel-commands';
import { IListItem, placeLabel } from './panel-model';

/** One line of the list: a group header, or a finding's row. */
export function listLine(
  item: IListItem,
  trans: TranslationBundle
): HTMLElement {
  if (item.kind === 'group') {
    const g = item.group;
    const count = g.ignored
      ? trans.__('%1, %2 ignored', g.active, g.ignored)
      : String(g.active);
    const head = el('div', 'jp-MldebtGroup-header');
    head.append(
      el('span', 'jp-MldebtGroup-caret', g.collapsed ? '\u25b8' : '\u25be'),
      el('span', 'jp-MldebtGroup-label', g.label),
      el('span', 'jp-MldebtGroup-count', count)
    );
    head.setAttribute('aria-expanded', String(!g.collapsed));
    head.dataset.group = g.key;
    return head;
  }
  const f = item.finding;
  const li = el('div', 'jp-MldebtRow');
  li.dataset.rule = f.rule;
  li.dataset.family = f.family;
  li.dataset.severity = f.severity;
  li.dataset.cellIndex = String(f.cell.index);
  li.dataset.line = String(f.range.start.line);
  if (f.suppressed) {
    li.classList.add('jp-mod-suppressed');
  }
  const where = placeLabel(trans, f);
  const plain = stripInlineCode(f.message);
  li.setAttribute(
    'aria-label',
    `${f.severity}: ${plain} (${f.rule}, ${where})`
  );
  // Hovering shows the whole message; the detail pane shows it for the selected row.
  li.title = `${plain}\n${where} \u00b7 ${f.rule}`;
  const sev = el('span', 'jp-MldebtRow-severity', SEVERITY_ICON[f.severity]);
  sev.dataset.severity = f.severity;
  sev.setAttribute('aria-hidden', 'true');
  const title = el('span', 'jp-MldebtRow-title');
  appendInlineCode(title, shortTitle(f));
  const location = el(
    'span',
    'jp-MldebtRow-location',
    `${f.cell.index + 1}:${f.range.start.line}`
  );
  li.append(sev, title, location);
  return li;
}

/**
 * A row's title: the first value or name the message quotes (`0.5`, `df`),
 * then the rule's title, so rows of one rule still tell apart when a narrow
 * panel cuts the title.
 */
export function shortTitle(f: IFinding): string {
  const title = findRule(f.rule)?.meta.title ?? f.rule;
  const quoted = /`([^`\n]{1,40})`/.exec(f.message);
  return quoted ? `\`${quoted[1]}\` ${title}` : title;
}
