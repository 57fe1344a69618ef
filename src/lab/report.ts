/**
 * The "Export debt report" content: the same formatters as `mldebt check`,
 * fed from the live notebook. No JupyterLab imports, so it is unit-tested.
 */
import {
  formatJson,
  formatMarkdown,
  formatSarif,
  INotebookResult
} from '../core/report/formats';
import { VERSION } from '../core/version';
import { RULES } from '../rules';

export type ReportFormat = 'markdown' | 'json' | 'sarif';

export const REPORT_FORMATS: {
  format: ReportFormat;
  label: string;
  extension: string;
}[] = [
  { format: 'markdown', label: 'Markdown', extension: '.mldebt.md' },
  { format: 'json', label: 'JSON', extension: '.mldebt.json' },
  { format: 'sarif', label: 'SARIF', extension: '.mldebt.sarif' }
];

/** `dir/name.ipynb` → `dir/name.mldebt.md` (beside the notebook). */
export function reportPath(notebookPath: string, format: ReportFormat): string {
  const ext = REPORT_FORMATS.find(f => f.format === format)!.extension;
  return notebookPath.replace(/\.ipynb$/i, '') + ext;
}

export function buildReport(
  format: ReportFormat,
  result: INotebookResult
): string {
  switch (format) {
    case 'json':
      return formatJson([result]);
    case 'sarif':
      return formatSarif([result], RULES, VERSION);
    default:
      return formatMarkdown([result], VERSION);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      out[k] = sortKeys((value as Record<string, unknown>)[k]);
    }
    return out;
  }
  return value;
}

/**
 * The notebook as Jupyter writes it (sorted keys, one-space indent, sources
 * as lists of lines), so SARIF lines point into the saved .ipynb file.
 */
export function serialiseNotebook(json: unknown): string {
  const copy = sortKeys(json) as { cells?: { source?: unknown }[] };
  for (const cell of copy.cells ?? []) {
    if (typeof cell.source === 'string') {
      cell.source = cell.source.split(/(?<=\n)/).filter(l => l !== '');
    }
  }
  return JSON.stringify(copy, null, 1) + '\n';
}
