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
/**
 * What each editor shows now: its document and its findings' places. An
 * analysis that changes neither (most keystrokes, in most cells) dispatches
 * nothing to that editor.
 */
const shown = new WeakMap<EditorView, { doc: unknown; key: string }>();
/** Marking still to do per notebook, in later slices. */
const pending = new WeakMap<NotebookPanel, number>();
/**
 * Milliseconds of marking per slice: editors JupyterLab creates while it
 * renders a large notebook each need the extension injected, about a
 * millisecond apiece, so they are marked a slice at a time.
 */
const MARK_SLICE_MS = 8;

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
  const earlier = pending.get(panel);
  if (earlier !== undefined) {
    window.clearTimeout(earlier);
    pending.delete(panel);
  }
  const cells = panel.content.widgets;
  let index = 0;
  const slice = (): void => {
    const started = performance.now();
    for (; index < cells.length; index++) {
      if (performance.now() - started > MARK_SLICE_MS) {
        pending.set(panel, window.setTimeout(slice, 0));
        return;
      }
      if (!panel.isDisposed) {
        markCell(cells[index], byCell.get(index) ?? []);
      }
    }
    pending.delete(panel);
  };
  slice();
}

/** Puts a cell's places in its editor (when it has one). */
function markCell(
  cell: NotebookPanel['content']['widgets'][number],
  list: IMarkedPlace[]
): void {
  const editor = cell.editor;
  if (!(editor instanceof CodeMirrorEditor)) {
    return;
  }
  const view = editor.editor;
  if (!injected.has(view)) {
    if (list.length === 0) {
      return;
    }
    editor.injectExtension(extension);
    injected.add(view);
  }
  const key = list
    .map(
      ({ range, finding: f }) =>
        `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}|${f.severity}|${f.rule}|${f.message}`
    )
    .join('\n');
  const before = shown.get(view);
  if (before && before.doc === view.state.doc && before.key === key) {
    return;
  }
  shown.set(view, { doc: view.state.doc, key });
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
}
