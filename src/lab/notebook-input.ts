/** Reads the live notebook model into the engine's input shape. */
import { NotebookPanel } from '@jupyterlab/notebook';
import { ICellInput, INotebookInput } from '../core/types';

export function notebookInput(panel: NotebookPanel): INotebookInput | null {
  const model = panel.content.model;
  if (!model) {
    return null;
  }
  const cells: ICellInput[] = [];
  for (let i = 0; i < model.cells.length; i++) {
    const cell = model.cells.get(i);
    const shared = cell.sharedModel as any;
    cells.push({
      cell_type: cell.type as ICellInput['cell_type'],
      id: cell.id,
      source: shared.getSource(),
      metadata: (shared.getMetadata
        ? shared.getMetadata()
        : {}) as ICellInput['metadata'],
      execution_count:
        cell.type === 'code' ? ((cell as any).executionCount ?? null) : null
    });
  }
  const metadata = (model.sharedModel as any).getMetadata
    ? (model.sharedModel as any).getMetadata()
    : {};
  return { nbformat: 4, cells, metadata };
}
