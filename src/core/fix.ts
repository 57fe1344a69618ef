/** Applying a finding's text edits to its cell's text. */
import { joinSource, LineIndex } from './text';
import { IFinding, INotebookInput, ITextEdit } from './types';

/** Applies edits (1-based line/column ranges) to a text, last edit first. */
export function applyEdits(text: string, edits: readonly ITextEdit[]): string {
  let out = text;
  for (const e of editOffsets(text, edits)) {
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  }
  return out;
}

/** A fix's text edits grouped by target cell, and the cells it creates. */
export function splitFix(finding: IFinding): {
  byCell: Map<number, ITextEdit[]>;
  newCells: ITextEdit[];
} {
  const byCell = new Map<number, ITextEdit[]>();
  const newCells: ITextEdit[] = [];
  for (const e of finding.fix ?? []) {
    if (e.newCell) {
      newCells.push(e);
      continue;
    }
    const index = e.cell ? e.cell.index : finding.cell.index;
    byCell.set(index, [...(byCell.get(index) ?? []), e]);
  }
  return { byCell, newCells };
}

/** Edits as offsets into a text, last first, so applying them in order keeps offsets valid. */
export function editOffsets(
  text: string,
  edits: readonly ITextEdit[]
): { from: number; to: number; text: string }[] {
  const lines = new LineIndex(text);
  return edits
    .map(e => ({
      from: lines.offset(e.range.start),
      to: lines.offset(e.range.end),
      text: e.text
    }))
    .sort((a, b) => b.from - a.from);
}

/**
 * Applies a finding's fix to a notebook and returns the new notebook (the
 * input is not changed): text edits per target cell, then any new cell.
 */
export function applyFix(
  notebook: INotebookInput,
  finding: IFinding
): INotebookInput {
  const cells = notebook.cells.map(c => ({ ...c }));
  const { byCell, newCells } = splitFix(finding);
  for (const [index, list] of byCell) {
    const cell = cells[index];
    cell.source = applyEdits(joinSource(cell.source), list);
  }
  for (const e of newCells) {
    cells.splice(e.cell ? e.cell.index : 0, 0, {
      cell_type: 'code',
      source: e.text,
      metadata: { tags: [...e.newCell!.tags] },
      execution_count: null
    });
  }
  return { ...notebook, cells };
}

/**
 * Declares a data source in the notebook's `mldebt.inputs` (or `outputs`)
 * metadata, not in code, and returns the new notebook.
 */
export function declareSource(
  notebook: INotebookInput,
  declare: { kind: 'input' | 'output'; source: string }
): INotebookInput {
  const metadata = { ...(notebook.metadata ?? {}) };
  const mldebt = { ...(metadata.mldebt ?? {}) };
  const key = declare.kind === 'output' ? 'outputs' : 'inputs';
  const list = Array.isArray(mldebt[key]) ? [...(mldebt[key] as string[])] : [];
  if (!list.includes(declare.source)) {
    list.push(declare.source);
  }
  mldebt[key] = list;
  metadata.mldebt = mldebt;
  return { ...notebook, metadata };
}
