/**
 * Changes the ML Debt panel makes to a notebook: always through the notebook
 * model, one transaction each, so that Undo reverses them.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { fingerprint } from '../core/suppression';
import { LineIndex } from '../core/text';
import { editOffsets, splitFix } from '../core/fix';
import { ICellSuppression, IFinding } from '../core/types';

function sharedNotebook(panel: NotebookPanel): any {
  return panel.content.model!.sharedModel as any;
}

/** Applies a finding's fix: text edits per cell, then any new cell. */
export function applyFix(panel: NotebookPanel, finding: IFinding): void {
  const model = panel.content.model;
  if (!model || !finding.fix) {
    return;
  }
  const { byCell, newCells } = splitFix(finding);
  sharedNotebook(panel).transact(() => {
    for (const [index, edits] of byCell) {
      const cell = model.cells.get(index).sharedModel as any;
      const offsets = editOffsets(cell.getSource(), edits);
      for (const o of offsets) {
        cell.updateSource(o.from, o.to, o.text);
      }
    }
    for (const e of newCells) {
      sharedNotebook(panel).insertCell(e.cell ? e.cell.index : 0, {
        cell_type: 'code',
        source: e.text,
        metadata: { tags: e.newCell!.tags }
      });
    }
  });
}

/** Puts a metadata entry back as it was (absent when it was absent). */
function restoreMetadata(target: any, key: string, previous: unknown): void {
  try {
    if (previous === undefined) {
      target.deleteMetadata(key);
    } else {
      target.setMetadata(key, previous);
    }
  } catch (e) {
    // The notebook was closed since: nothing left to undo.
    console.warn(`jupyterlab-mldebt: undo failed: ${(e as Error).message}`);
  }
}

function copy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/**
 * Records a suppression in the cell's metadata (never a comment in code).
 * Returns a function that takes it back.
 */
export function ignoreFinding(
  panel: NotebookPanel,
  finding: IFinding,
  reason: string
): () => void {
  const cell = panel.content.model?.cells.get(finding.cell.index);
  if (!cell) {
    return () => undefined;
  }
  const shared = cell.sharedModel as any;
  const text: string = shared.getSource();
  const lines = new LineIndex(text);
  const entry: ICellSuppression = {
    rule: finding.rule,
    line: finding.range.start.line,
    fingerprint: fingerprint(finding, text, line => lines.lineStart(line))
  };
  if (reason.trim()) {
    entry.reason = reason.trim();
  }
  const previous = copy(shared.getMetadata('mldebt'));
  const current = (previous ?? {}) as {
    ignore?: ICellSuppression[];
  };
  shared.setMetadata('mldebt', {
    ...current,
    ignore: [...(Array.isArray(current.ignore) ? current.ignore : []), entry]
  });
  return () => restoreMetadata(shared, 'mldebt', previous);
}

/** Removes the cell-metadata suppressions of a (suppressed) finding's rule and line. */
export function unignoreFinding(panel: NotebookPanel, finding: IFinding): void {
  const cell = panel.content.model?.cells.get(finding.cell.index);
  if (!cell) {
    return;
  }
  const shared = cell.sharedModel as any;
  const current = (shared.getMetadata('mldebt') ?? {}) as {
    ignore?: ICellSuppression[];
  };
  const ignore = (current.ignore ?? []).filter(
    e =>
      !(
        e.rule === finding.rule &&
        (e.line === undefined || e.line === finding.range.start.line)
      )
  );
  shared.setMetadata('mldebt', { ...current, ignore });
}

/**
 * Declares a data source in the notebook's `mldebt.inputs` / `outputs`
 * metadata. Returns a function that takes it back.
 */
export function declareSource(
  panel: NotebookPanel,
  declare: { kind: 'input' | 'output'; source: string }
): () => void {
  const shared = sharedNotebook(panel);
  const previous = copy(shared.getMetadata('mldebt'));
  const current = (previous ?? {}) as Record<string, unknown>;
  const key = declare.kind === 'output' ? 'outputs' : 'inputs';
  const list = Array.isArray(current[key])
    ? [...(current[key] as string[])]
    : [];
  if (!list.includes(declare.source)) {
    list.push(declare.source);
  }
  shared.setMetadata('mldebt', { ...current, [key]: list });
  return () => restoreMetadata(shared, 'mldebt', previous);
}
