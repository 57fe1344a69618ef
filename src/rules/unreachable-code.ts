/** dead-code: statements after return/raise/break/continue/sys.exit() in the same block. */
import { Stmt, stmtBodies } from '../core/ast';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { IReport, IRule } from '../core/rule';
import { plural } from './util';

const EXIT_CALLS = new Set([
  'sys.exit',
  'exit',
  'quit',
  'os._exit',
  'process.exit'
]);

function terminator(model: NotebookModel, s: Stmt): string | null {
  switch (s.type) {
    case 'Return':
      return 'return';
    case 'Raise':
      return model.language === 'javascript' ? 'throw' : 'raise';
    case 'Break':
      return 'break';
    case 'Continue':
      return 'continue';
    case 'Expr':
      if (s.value.type === 'Call') {
        const name = model.resolve(s.value.callee);
        if (name && EXIT_CALLS.has(name)) {
          return `${name}()`;
        }
      }
      return null;
    default:
      return null;
  }
}

export const unreachableCode: IRule = {
  meta: {
    id: 'unreachable-code',
    family: 'dead-code',
    severity: 'warning',
    title: 'Unreachable code',
    description:
      'Statements after `return`, `raise`, `continue`, `break`, `sys.exit()`, `exit()`, `quit()` or `os._exit()` in the same block (after `return`/`throw`/`break`/`continue` in JavaScript) can never run.',
    rationale:
      'Code left after an early `return` is usually an old experiment kept "just in case": it looks live, is never executed and silently rots.',
    corpus:
      '0 findings on the corpus; behaviour pinned by its fixture notebook.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    coversBlock: true,
    examples: {
      bad: [
        {
          code: 'def score(m, X, y):\n    return m.score(X, y)\n    print("old metric", f1(m, X, y))'
        },
        {
          code: 'function f(x) {\n  return x;\n  console.log(x);\n}',
          language: 'javascript'
        }
      ],
      good: [
        {
          code: 'def score(m, X, y):\n    if m is None:\n        return 0.0\n    return m.score(X, y)'
        }
      ]
    }
  },
  checkCell({ model, cell, report }) {
    visit(model, cell, cell.facts!.body, report);
  }
};

function visit(
  model: NotebookModel,
  cell: IAnalysedCell,
  body: Stmt[],
  report: (r: IReport) => void
): void {
  for (let i = 0; i < body.length; i++) {
    const s = body[i];
    const term = terminator(model, s);
    if (term && i < body.length - 1) {
      const dead = body.slice(i + 1);
      const from = dead[0].from;
      const to = dead[dead.length - 1].to;
      report({
        cell,
        from,
        to,
        message: `${plural(dead.length, 'statement')} after \`${term}\` never ${dead.length === 1 ? 'runs' : 'run'}: delete ${dead.length === 1 ? 'it' : 'them'}.`,
        fix: [deletion(cell.text, s.to, to)]
      });
      return;
    }
    for (const b of stmtBodies(s)) {
      visit(model, cell, b, report);
    }
  }
}

/** Deletes the text between the end of the terminator and the end of the dead code. */
function deletion(
  text: string,
  after: number,
  to: number
): { from: number; to: number; text: string } {
  // Keep the terminator's line; remove whole lines of dead code.
  const lineEnd = text.indexOf('\n', after);
  const from = lineEnd >= 0 && lineEnd < to ? lineEnd : after;
  return { from, to, text: '' };
}
