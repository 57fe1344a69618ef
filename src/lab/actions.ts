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

/** Records a suppression in the cell's metadata (never a comment in code). */
export function ignoreFinding(
  panel: NotebookPanel,
  finding: IFinding,
  reason: string
): void {
  const cell = panel.content.model?.cells.get(finding.cell.index);
  if (!cell) {
    return;
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
  const current = (shared.getMetadata('mldebt') ?? {}) as {
    ignore?: ICellSuppression[];
  };
  shared.setMetadata('mldebt', {
    ...current,
    ignore: [...(current.ignore ?? []), entry]
  });
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

/** Declares a data source in the notebook's `mldebt.inputs` / `outputs` metadata. */
export function declareSource(
  panel: NotebookPanel,
  declare: { kind: 'input' | 'output'; source: string }
): void {
  const shared = sharedNotebook(panel);
  const current = (shared.getMetadata('mldebt') ?? {}) as Record<
    string,
    unknown
  >;
  const key = declare.kind === 'output' ? 'outputs' : 'inputs';
  const list = Array.isArray(current[key])
    ? [...(current[key] as string[])]
    : [];
  if (!list.includes(declare.source)) {
    list.push(declare.source);
  }
  shared.setMetadata('mldebt', { ...current, [key]: list });
}
