/**
 * Underlines findings in the cell editors: a CodeMirror 6 state field of
 * decorations, injected once into each cell's editor and updated by effect.
 */
import {
  StateEffect,
  StateField,
  Extension,
  RangeSetBuilder
} from '@codemirror/state';
import { Decoration, DecorationSet, EditorView } from '@codemirror/view';
import { CodeMirrorEditor } from '@jupyterlab/codemirror';
import { NotebookPanel } from '@jupyterlab/notebook';
import { LineIndex } from '../core/text';
import { IFinding, IRange } from '../core/types';
import { stripInlineCode } from './inline-code';

interface IMark {
  from: number;
  to: number;
  severity: string;
  message: string;
}

const setMarks = StateEffect.define<IMark[]>();

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setMarks)) {
        const builder = new RangeSetBuilder<Decoration>();
        const length = tr.state.doc.length;
        for (const m of [...e.value].sort((a, b) => a.from - b.from)) {
          const from = Math.min(m.from, length);
          const to = Math.min(Math.max(m.to, from + 1), length);
          if (to > from) {
            builder.add(
              from,
              to,
              Decoration.mark({
                class: `jp-MldebtMark jp-MldebtMark-${m.severity}`,
                attributes: { title: m.message }
              })
            );
          }
        }
        next = builder.finish();
      }
    }
    return next;
  },
  provide: f => EditorView.decorations.from(f)
});

const extension: Extension = [marksField];
const injected = new WeakSet<EditorView>();

interface IMarkedPlace {
  range: IRange;
  finding: IFinding;
}

/** Shows (or, with `enabled` false, clears) the findings' marks in a notebook's editors. */
export function showMarks(
  panel: NotebookPanel,
  findings: readonly IFinding[],
  enabled: boolean
): void {
  // Each place of a problem is marked: the finding's own and its related ones.
  const byCell = new Map<number, IMarkedPlace[]>();
  const mark = (index: number, place: IMarkedPlace): void => {
    const list = byCell.get(index);
    if (list) {
      list.push(place);
    } else {
      byCell.set(index, [place]);
    }
  };
  if (enabled) {
    for (const f of findings) {
      if (!f.suppressed) {
        mark(f.cell.index, { range: f.range, finding: f });
        for (const r of f.related ?? []) {
          mark(r.cell.index, { range: r.range, finding: f });
        }
      }
    }
  }
  panel.content.widgets.forEach((cell, index) => {
    const editor = cell.editor;
    if (!(editor instanceof CodeMirrorEditor)) {
      return;
    }
    const view = editor.editor;
    const list = byCell.get(index) ?? [];
    if (!injected.has(view)) {
      if (list.length === 0) {
        return;
      }
      editor.injectExtension(extension);
      injected.add(view);
    }
    const lines = new LineIndex(view.state.doc.toString());
    // A finding over several lines (a dead block, an unexecuted cell) is
    // underlined on its first line only: whole cells of wavy lines hide the code.
    const marks = list.map(({ range, finding: f }) => {
      const from = lines.offset(range.start);
      const to =
        range.end.line > range.start.line
          ? lines.lineEnd(range.start.line)
          : lines.offset(range.end);
      return {
        from,
        to,
        severity: f.severity,
        message: `${stripInlineCode(f.message)} (${f.rule})`
      };
    });
    view.dispatch({ effects: setMarks.of(marks) });
  });
}
