/** Applying a finding's text edits to its cell's text. */
import { LineIndex } from './text';
import { ITextEdit } from './types';

/** Applies edits (1-based line/column ranges) to a text, last edit first. */
export function applyEdits(text: string, edits: readonly ITextEdit[]): string {
  const lines = new LineIndex(text);
  const offsets = edits
    .map(e => ({
      from: lines.offset(e.range.start),
      to: lines.offset(e.range.end),
      text: e.text
    }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  for (const e of offsets) {
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  }
  return out;
}
