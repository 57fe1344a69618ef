/** Builders of small notebooks for tests. */
import { ICellInput, INotebookInput } from '../core/types';

export type CellSpec =
  string | (Partial<ICellInput> & { source: string | string[] });

export function notebook(
  cells: CellSpec[],
  language = 'python',
  metadata: Record<string, unknown> = {}
): INotebookInput {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: language, language, display_name: language },
      ...metadata
    },
    cells: cells.map((c, i) =>
      typeof c === 'string'
        ? {
            cell_type: 'code',
            id: `c${i}`,
            source: c,
            metadata: {},
            execution_count: null
          }
        : {
            cell_type: 'code',
            id: `c${i}`,
            metadata: {},
            execution_count: null,
            ...c
          }
    )
  };
}
