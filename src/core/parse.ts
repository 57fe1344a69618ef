/** What a front-end returns for one cell. */
import type { Stmt } from './ast';

export interface IComment {
  from: number;
  to: number;
  /** The comment with its marker (`# x`, `// x`, `/* x *\/`). */
  text: string;
}

export interface ISyntaxError {
  from: number;
  message: string;
  /** `depth`: nested beyond what is analysed, so the cell's code was skipped. */
  kind?: 'syntax' | 'depth';
}

/**
 * Syntax trees deeper than this are not lowered: every walk after parsing is
 * recursive, and a generated or hostile cell (`((((…))))` thousands deep) must
 * cost one note, not the notebook. Real code stays far below it.
 */
export const MAX_TREE_DEPTH = 500;

/** The note for a cell nested beyond MAX_TREE_DEPTH (or beyond the parser's own stack). */
export function depthError(from: number, depth: number | null): ISyntaxError {
  return {
    from,
    kind: 'depth',
    message:
      depth === null
        ? `nested too deeply to analyse (beyond ${MAX_TREE_DEPTH} levels)`
        : `nested ${depth} levels deep, beyond the ${MAX_TREE_DEPTH} that are analysed`
  };
}

export interface IParseResult {
  body: Stmt[];
  comments: IComment[];
  error: ISyntaxError | null;
}
