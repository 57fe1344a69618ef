/** The detail pane: the selected finding in full, with its fix preview and actions. */
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { IFinding } from '../core/types';
import { findRule } from '../rules';
import { el } from './dom';
import { appendInlineCode, stripInlineCode } from './inline-code';
import { PanelCommandIDs } from './panel-commands';
import { familyLabel, placeLabel } from './panel-model';

export interface IDetailContext {
  trans: TranslationBundle;
  commands: CommandRegistry;
  /** A cell's text now (for the fix preview). */
  cellSource(index: number): string;
  revealAt(cellIndex: number, line: number, column: number): void;
}

/** The selected finding in full: message, places, fix preview, actions. */
export function renderFindingDetail(
  box: HTMLElement,
  f: IFinding | null,
  ctx: IDetailContext
): void {
  const trans = ctx.trans;
  box.textContent = '';
  box.hidden = !f;
  if (!f) {
    return;
  }
  box.dataset.rule = f.rule;
  const text = el('div', 'jp-MldebtDetail-message');
  appendInlineCode(text, f.message);
  box.appendChild(text);
  const where = placeLabel(trans, f);
  const rule = findRule(f.rule);
  box.appendChild(
    el(
      'div',
      'jp-MldebtDetail-location',
      `${where} \u00b7 ${f.rule}${rule ? ` (${familyLabel(f.family)})` : ''}`
    )
  );
  if (f.related?.length) {
    box.appendChild(relatedLinks(f, ctx));
  }
  if (f.suppressed) {
    box.appendChild(
      el(
        'div',
        'jp-MldebtDetail-reason',
        trans.__(
          'Ignored: %1',
          f.suppressed.reason ?? trans.__('no reason given')
        )
      )
    );
  }
  const preview = fixPreview(f, ctx);
  if (preview) {
    box.appendChild(preview);
  }
  const actions = el('div', 'jp-MldebtDetail-actions');
  const action = (name: string, command: string): void => {
    if (!ctx.commands.isVisible(command) || !ctx.commands.isEnabled(command)) {
      return;
    }
    const label = ctx.commands.label(command);
    const b = el('button', 'jp-MldebtRow-action jp-mod-styled', label);
    b.dataset.action = name;
    const binding = ctx.commands.keyBindings.find(k => k.command === command);
    b.title = binding
      ? `${label} (${binding.keys.map(CommandRegistry.formatKeystroke).join(', ')})`
      : label;
    b.addEventListener('click', () => void ctx.commands.execute(command));
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
function fixPreview(f: IFinding, ctx: IDetailContext): HTMLElement | null {
  if (!f.fix?.length || f.suppressed) {
    return null;
  }
  const box = el('div', 'jp-MldebtDetail-fix');
  box.appendChild(
    el('div', 'jp-MldebtDetail-fixTitle', ctx.trans.__('Fix preview'))
  );
  for (const edit of f.fix.slice(0, 4)) {
    const line = el('pre', 'jp-MldebtDetail-edit');
    const index = edit.cell?.index ?? f.cell.index;
    if (edit.newCell) {
      line.textContent = `+ ${ctx.trans.__('new cell')}: ${edit.text}`;
    } else {
      const source = ctx.cellSource(index);
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
      el(
        'div',
        'jp-MldebtDetail-more',
        ctx.trans.__('and %1 more edits', f.fix.length - 4)
      )
    );
  }
  return box;
}

/** The other places of a finding's problem, each a link that jumps there. */
function relatedLinks(f: IFinding, ctx: IDetailContext): HTMLElement {
  const trans = ctx.trans;
  const box = el('div', 'jp-MldebtRow-related', trans.__('Also at'));
  f.related!.forEach(r => {
    const label = placeLabel(trans, r);
    const link = el('button', 'jp-MldebtRow-relatedLink', label);
    link.dataset.action = 'related';
    link.title = `${label}: ${stripInlineCode(r.message)}`;
    link.addEventListener('click', () =>
      ctx.revealAt(r.cell.index, r.range.start.line, r.range.start.column)
    );
    box.appendChild(link);
  });
  return box;
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
