/** dead-code: branches whose condition is a constant (`if False:`, `while 0:`). */
import { Stmt, stmtBodies } from '../core/ast';
import { IAnalysedCell } from '../core/model';
import { IReport, IRule } from '../core/rule';
import { constantTruth, firstLine } from './util';

function headerText(cell: IAnalysedCell, s: Stmt): string {
  return firstLine(cell.text.slice(s.from, s.to)).replace(/\s*\{$/, '');
}

export const constantCondition: IRule = {
  meta: {
    id: 'constant-condition',
    family: 'dead-code',
    severity: 'warning',
    title: 'Branch with a constant condition',
    description:
      'An `if`/`while` whose condition is a constant (`if False:`, `if 0:`, `while False:`, `False and x`, `not True`): its body never runs, or (for an always-true `if`) its `else`/`elif` never runs.',
    rationale:
      'A switched-off experiment kept as `if False:` is code nobody runs, tests or updates, yet every reader must understand it. Delete it (version control remembers it) or turn it into a declared parameter.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    coversBlock: true,
    examples: {
      bad: [
        { code: 'if False:\n    model = train_v2(X, y)' },
        { code: 'if True:\n    lr = 0.1\nelse:\n    lr = 0.01' },
        { code: 'if (false) {\n  retrain();\n}', language: 'javascript' }
      ],
      good: [
        {
          code: 'if USE_V2:\n    model = train_v2(X, y)',
          note: 'a flag declared in the parameters cell'
        },
        { code: 'while True:\n    batch = next(it)' }
      ]
    }
  },
  checkCell({ cell, report }) {
    visit(cell, cell.facts!.body, report);
  }
};

function visit(
  cell: IAnalysedCell,
  body: Stmt[],
  report: (r: IReport) => void
): void {
  for (const s of body) {
    if (s.type === 'If' || s.type === 'While') {
      const truth = constantTruth(s.test);
      const keyword =
        s.type === 'While'
          ? 'while'
          : s.isElif
            ? cell.facts!.language === 'python'
              ? 'elif'
              : 'else if'
            : 'if';
      if (truth === false) {
        const header = headerText(cell, s);
        report({
          cell,
          from: s.from,
          to:
            s.bodyRange.to > s.from ? trimEnd(cell.text, s.bodyRange.to) : s.to,
          message: `\`${header}\` never runs its body: the ${keyword} condition is always false. Delete the dead block, or drive it from a declared parameter.`
        });
        // The dead block is reported once; its else branch is still live.
        visit(cell, s.orelse, report);
        continue;
      }
      if (
        truth === true &&
        s.type === 'If' &&
        s.elseRange &&
        s.orelse.length > 0
      ) {
        report({
          cell,
          from: elseStart(cell, s.elseRange.from),
          to: trimEnd(cell.text, s.elseRange.to),
          message: `The \`else\` branch of \`${headerText(cell, s)}\` never runs: the condition is always true. Delete the dead branch and the constant test.`
        });
        visit(cell, s.body, report);
        continue;
      }
    }
    for (const b of stmtBodies(s)) {
      visit(cell, b, report);
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

function trimEnd(text: string, to: number): number {
  let end = to;
  while (end > 0 && /\s/.test(text[end - 1])) {
    end--;
  }
  return end;
}
