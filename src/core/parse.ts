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
}

export interface IParseResult {
  body: Stmt[];
  comments: IComment[];
  error: ISyntaxError | null;
}
