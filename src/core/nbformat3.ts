/**
 * nbformat 3 notebooks (worksheets, `input`, `prompt_number`, heading cells)
 * upgraded in memory to nbformat 4, as Jupyter's server does when it opens
 * one: the cells of every worksheet in order, so cell indexes refer to that
 * list. The file itself is never changed.
 */

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string {
  return Array.isArray(v) ? v.join('') : typeof v === 'string' ? v : '';
}

/** One nbformat 3 cell as nbformat 4 (null: not a cell, left for validation to report). */
function upgradeCell(cell: unknown): unknown {
  if (!isObject(cell)) {
    return cell;
  }
  const metadata = isObject(cell.metadata) ? { ...cell.metadata } : {};
  switch (cell.cell_type) {
    case 'code': {
      if ('collapsed' in cell) {
        metadata.collapsed = cell.collapsed;
      }
      const upgraded: Json = {
        cell_type: 'code',
        metadata,
        source: cell.input ?? '',
        execution_count:
          typeof cell.prompt_number === 'number' ? cell.prompt_number : null,
        outputs: Array.isArray(cell.outputs) ? cell.outputs : []
      };
      return upgraded;
    }
    case 'heading': {
      const level =
        typeof cell.level === 'number' && cell.level >= 1
          ? Math.min(Math.floor(cell.level), 6)
          : 1;
      // A heading is one line: its lines are joined with spaces.
      const line = text(cell.source).split(/\r?\n/).join(' ');
      return {
        cell_type: 'markdown',
        metadata,
        source: `${'#'.repeat(level)} ${line}`
      };
    }
    case 'html':
      return { cell_type: 'markdown', metadata, source: cell.source ?? '' };
    default:
      return { ...cell, metadata };
  }
}

/**
 * The notebook as nbformat 4 when it is nbformat 3; anything else unchanged.
 * The kernel language of nbformat 3 lived on code cells (`language`) and in
 * `metadata.language`: it becomes `language_info.name` when nothing else says.
 */
export function upgradeNbformat3(value: unknown): unknown {
  if (!isObject(value) || value.nbformat !== 3) {
    return value;
  }
  const worksheets = Array.isArray(value.worksheets) ? value.worksheets : [];
  const v3cells: unknown[] = [];
  for (const ws of worksheets) {
    if (isObject(ws) && Array.isArray(ws.cells)) {
      v3cells.push(...ws.cells);
    }
  }
  const metadata: Json = isObject(value.metadata) ? { ...value.metadata } : {};
  delete metadata.name;
  delete metadata.signature;
  if (!isObject(metadata.kernelspec) && !isObject(metadata.language_info)) {
    const language =
      (typeof metadata.language === 'string' && metadata.language) ||
      v3cells
        .map(c => (isObject(c) && c.cell_type === 'code' ? c.language : null))
        .find((l): l is string => typeof l === 'string' && l !== '');
    if (language) {
      metadata.language_info = { name: language };
    }
  }
  metadata.orig_nbformat = 3;
  return {
    nbformat: 4,
    nbformat_minor: 0,
    metadata,
    cells: v3cells.map(upgradeCell)
  };
}
