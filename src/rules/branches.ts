/** Finding branches that can never run, given a way to fold conditions. */
import { Expr, Stmt, stmtBodies } from '../core/ast';
import { IAnalysedCell } from '../core/model';
import { firstLine } from './util';

export interface IDeadBranch {
  /** `body`: the condition is always false; `else`: it is always true. */
  kind: 'body' | 'else';
  stmt: Stmt & { type: 'If' | 'While' };
  from: number;
  to: number;
  /** `if False:`, `while 0:`… the header as written. */
  header: string;
  keyword: string;
}

export function headerText(cell: IAnalysedCell, s: Stmt): string {
  return firstLine(cell.text.slice(s.from, s.to)).replace(/\s*\{$/, '');
}

/**
 * Calls `onDead` for each outermost dead branch of a statement list. A dead
 * block is reported once: nothing inside it is visited.
 */
export function findDeadBranches(
  cell: IAnalysedCell,
  body: Stmt[],
  truthOf: (test: Expr) => boolean | null,
  onDead: (dead: IDeadBranch) => void
): void {
  for (const s of body) {
    if (s.type === 'If' || s.type === 'While') {
      const truth = truthOf(s.test);
      const keyword =
        s.type === 'While'
          ? 'while'
          : s.isElif
            ? cell.facts!.language === 'python'
              ? 'elif'
              : 'else if'
            : 'if';
      if (truth === false) {
        onDead({
          kind: 'body',
          stmt: s,
          from: s.from,
          to:
            s.bodyRange.to > s.from ? trimEnd(cell.text, s.bodyRange.to) : s.to,
          header: headerText(cell, s),
          keyword
        });
        // The else branch of a dead `if` is still live.
        findDeadBranches(cell, s.orelse, truthOf, onDead);
        continue;
      }
      if (
        truth === true &&
        s.type === 'If' &&
        s.elseRange &&
        s.orelse.length > 0
      ) {
        onDead({
          kind: 'else',
          stmt: s,
          from: elseStart(cell, s.elseRange.from),
          to: trimEnd(cell.text, s.elseRange.to),
          header: headerText(cell, s),
          keyword
        });
        findDeadBranches(cell, s.body, truthOf, onDead);
        continue;
      }
    }
    for (const b of stmtBodies(s)) {
      findDeadBranches(cell, b, truthOf, onDead);
    }
  }
}

/** Where the `else`/`elif` keyword starts (JavaScript ranges start before it). */
function elseStart(cell: IAnalysedCell, from: number): number {
  const m = /\S/.exec(cell.text.slice(from));
  const at = m ? from + m.index : from;
  return cell.text.startsWith('}', at)
    ? Math.max(at, cell.text.indexOf('else', at))
    : at;
}

export function trimEnd(text: string, to: number): number {
  let end = to;
  while (end > 0 && /\s/.test(text[end - 1])) {
    end--;
  }
  return end;
}
