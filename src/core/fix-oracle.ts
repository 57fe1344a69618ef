/**
 * The fix oracle: applies every fix the engine offers on a notebook and
 * checks that it does what its message says and breaks nothing — a cell that
 * parsed before still parses, the finding is resolved, an extracted literal
 * becomes the name its message gives (declared in the parameters cell), and
 * deleted code covers the finding. Pure: the jest tests and the corpus script
 * run it; Python's own `ast` checks the returned code pairs where available.
 */
import { Engine } from './engine';
import { computeFacts } from './facts';
import { applyFix } from './fix';
import { cellText, notebookLanguage } from './notebook';
import { maskIPython } from './python/mask';
import { IFinding, INotebookInput } from './types';

export interface IOracleReport {
  /** Fixes checked. */
  fixes: number;
  /** One line per broken promise: rule, cell, line and what went wrong. */
  problems: string[];
  /** Python code (IPython masked) of each edited cell that parsed before, and after the fix. */
  pythonPairs: { where: string; before: string; after: string }[];
}

/** The name an extract fix's message promises: declared anew, or reused. */
/**
 * A Python program that reads `pythonPairs` as JSON on stdin and prints, as
 * JSON, the `where` of each pair whose `before` parses and `after` does not.
 * Shared by the jest test and scripts/fix-oracle.mjs.
 */
export const PYTHON_AST_CHECK = [
  'import ast, json, sys, warnings',
  'warnings.simplefilter("ignore")',
  'def ok(code):',
  '    try:',
  '        ast.parse(code)',
  '        return True',
  '    except (SyntaxError, ValueError):',
  '        return False',
  'pairs = json.load(sys.stdin)',
  'print(json.dumps([p["where"] for p in pairs if ok(p["before"]) and not ok(p["after"])]))'
].join('\n');

const NAME =
  /declare it once as `([A-Za-z_]\w*)` in the `parameters` cell|`([A-Za-z_]\w*)` in the `parameters` cell already holds/;

export function checkFixes(nb: INotebookInput, engine: Engine): IOracleReport {
  const report: IOracleReport = { fixes: 0, problems: [], pythonPairs: [] };
  const lang = notebookLanguage(nb);
  if (!lang.supported) {
    return report;
  }
  const language = lang.language;
  const findings = engine.analyse(nb, {}).findings;
  const count = (list: IFinding[], rule: string): number =>
    list.filter(x => x.rule === rule).length;
  for (const f of findings) {
    if (!f.fix) {
      continue;
    }
    report.fixes++;
    const where = `${f.rule} cell ${f.cell.index + 1}:${f.range.start.line}`;
    const problem = (what: string): void => {
      report.problems.push(`${where}: ${what}`);
    };
    const after = applyFix(nb, f);
    // Cells inserted before an index shift it.
    const inserted = f.fix
      .filter(e => e.newCell)
      .map(e => (e.cell ? e.cell.index : 0));
    const shifted = (i: number): number =>
      i + inserted.filter(p => p <= i).length;
    const touched = new Set(
      f.fix.filter(e => !e.newCell).map(e => e.cell?.index ?? f.cell.index)
    );
    for (const i of touched) {
      const before = cellText(nb.cells[i]);
      const now = cellText(after.cells[shifted(i)]);
      if (
        computeFacts(language, before).error === null &&
        computeFacts(language, now).error !== null
      ) {
        problem(`cell ${i + 1} parsed before the fix and does not after it`);
      }
      if (language === 'python') {
        report.pythonPairs.push({
          where,
          before: maskIPython(before).code,
          after: maskIPython(now).code
        });
      }
    }
    for (const p of inserted) {
      const text = cellText(after.cells[p]);
      if (computeFacts(language, text).error !== null) {
        problem('the cell the fix creates does not parse');
      }
    }
    const again = engine.analyse(after, {}).findings;
    if (count(again, f.rule) >= count(findings, f.rule)) {
      problem('the fix does not resolve the finding');
    }
    const name = f.fix.find(e => !e.newCell && !e.cell)?.text ?? '';
    const match = NAME.exec(f.message);
    const promised = match ? (match[1] ?? match[2]) : undefined;
    if (promised) {
      // Extract to parameters: the name the message gives is the one written.
      if (name !== promised) {
        problem(
          `the message promises \`${promised}\`, the fix writes \`${name}\``
        );
      }
      const cell = cellText(after.cells[shifted(f.cell.index)]);
      if (!cell.includes(promised)) {
        problem(`\`${promised}\` is not in the cell after the fix`);
      }
      const declares = after.cells.some(c => {
        const tags = (c.metadata as any)?.tags;
        return (
          Array.isArray(tags) &&
          tags.includes('parameters') &&
          new RegExp(`^${promised}\\s*=`, 'm').test(cellText(c))
        );
      });
      if (!declares) {
        problem(`\`${promised}\` is not declared in the parameters cell`);
      }
    } else if (f.fix.every(e => e.text === '')) {
      // Deleting dead code: the deleted lines hold the finding.
      const covers = f.fix.some(
        e =>
          (e.range.start.line < f.range.start.line ||
            (e.range.start.line === f.range.start.line &&
              e.range.start.column <= f.range.start.column)) &&
          (e.range.end.line > f.range.end.line ||
            (e.range.end.line === f.range.end.line &&
              e.range.end.column >= f.range.end.column))
      );
      if (!covers) {
        problem('the deleted text does not cover the finding');
      }
    }
  }
  return report;
}
