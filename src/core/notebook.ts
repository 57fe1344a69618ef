/** Reading nbformat input: validation with one-line errors, and the kernel language. */
import { upgradeNbformat3 } from './nbformat3';
import { joinSource } from './text';
import {
  CellType,
  ICellInput,
  INotebookInput,
  SupportedLanguage
} from './types';

/** A notebook that cannot be analysed; the message is one line. */
export class NotebookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotebookFormatError';
  }
}

const CELL_TYPES = new Set<CellType>(['code', 'markdown', 'raw']);

/**
 * Checks that a parsed JSON value is a notebook the engine can read: nbformat
 * 4, or nbformat 3 (returned upgraded to 4).
 */
export function validateNotebook(value: unknown): INotebookInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NotebookFormatError('not a notebook: expected a JSON object');
  }
  // nbformat 3 is read as Jupyter's server reads it: upgraded in memory.
  const nb = upgradeNbformat3(value) as Record<string, unknown>;
  if (typeof nb.nbformat === 'number' && nb.nbformat < 3) {
    throw new NotebookFormatError(
      `nbformat ${nb.nbformat} is not supported (convert it with \`jupyter nbconvert --to notebook --nbformat 4\`)`
    );
  }
  if (nb.nbformat === 4 && (value as Record<string, unknown>).nbformat === 3) {
    if (!Array.isArray((value as Record<string, unknown>).worksheets)) {
      throw new NotebookFormatError(
        'not a notebook: nbformat 3 without the `worksheets` list'
      );
    }
  }
  if (!Array.isArray(nb.cells)) {
    throw new NotebookFormatError('not a notebook: missing the `cells` list');
  }
  nb.cells.forEach((cell: unknown, index: number) => {
    if (typeof cell !== 'object' || cell === null) {
      throw new NotebookFormatError(`cell ${index}: expected an object`);
    }
    const c = cell as Record<string, unknown>;
    if (!CELL_TYPES.has(c.cell_type as CellType)) {
      throw new NotebookFormatError(
        `cell ${index}: unknown cell_type ${JSON.stringify(c.cell_type)}`
      );
    }
    try {
      joinSource(c.source);
    } catch {
      throw new NotebookFormatError(
        `cell ${index}: source must be a string or a list of strings`
      );
    }
  });
  if (
    nb.metadata !== undefined &&
    (typeof nb.metadata !== 'object' || nb.metadata === null)
  ) {
    throw new NotebookFormatError(
      'not a notebook: `metadata` must be an object'
    );
  }
  return nb as unknown as INotebookInput;
}

/** Parses notebook file text; errors are NotebookFormatError with one line. */
export function parseNotebookText(text: string): INotebookInput {
  if (text.includes('\u0000')) {
    throw new NotebookFormatError('not a notebook: the file is binary');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = String((e as Error).message)
      .split('\n')[0]
      .slice(0, 120);
    throw new NotebookFormatError(`invalid JSON: ${detail}`);
  }
  return validateNotebook(value);
}

export type LanguageInfo =
  | { supported: true; language: SupportedLanguage; name: string }
  | { supported: false; name: string };

/** The kernel language decides the front-end. A notebook without one is Python. */
export function notebookLanguage(nb: INotebookInput): LanguageInfo {
  const meta = nb.metadata ?? {};
  const raw = (
    meta.kernelspec?.language ||
    meta.language_info?.name ||
    meta.kernelspec?.name ||
    'python'
  ).toString();
  const name = raw.toLowerCase();
  if (/^(i?python\d*|python)$/.test(name) || name.startsWith('python')) {
    return { supported: true, language: 'python', name: raw };
  }
  if (
    ['javascript', 'js', 'node', 'nodejs', 'jslab', 'ijavascript'].includes(
      name
    )
  ) {
    return { supported: true, language: 'javascript', name: raw };
  }
  return { supported: false, name: raw };
}

export function cellText(cell: ICellInput): string {
  return joinSource(cell.source);
}
