/** hardcoded-threshold: numeric literals compared against data (`proba > 0.37`). */
import {
  dottedName,
  Expr,
  Stmt,
  stmtBodies,
  stmtExprs,
  exprChildren
} from '../core/ast';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { IReport, IRule } from '../core/rule';
import { describeExpr } from './util';

const ORDERING = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=', '===', '!==']);

/** Comparisons against these are structure or environment checks, not thresholds. */
const STRUCTURAL =
  /(^|\.|_)(shape|ndim|dim|size|dtype|version_info|__version__|version|__name__|argv|platform|columns|index|nunique_levels)\b|^len$|\blen\(|\.__len__/;

/** Calls whose arguments are presentation, not modelling. */
const PRESENTATION =
  /^(plt|matplotlib|sns|seaborn|ax\d*|axes|axs|fig|px|go|plotly|bokeh|alt|altair|display|print|IPython\.display)\b|\.(plot|scatter|hist|bar|barh|imshow|fill_between|axvline|axhline|text|annotate|legend|set_\w+|boxplot|violinplot|pie|contour|contourf|heatmap|format)$/;

export const magicNumberComparison: IRule = {
  meta: {
    id: 'magic-number-comparison',
    family: 'hardcoded-threshold',
    severity: 'warning',
    title: 'Hard-coded threshold in a comparison',
    description:
      'A numeric literal compared against data (`proba > 0.37`, `df[df.age >= 65]`, `np.where(p > 0.35, …)`) in an `if`, a mask, a lambda, a comprehension or an `assert`. Allow-listed numbers, version checks, `__name__ == "__main__"`, shape checks and comparisons inside plotting calls are not reported.',
    rationale:
      'A decision threshold written as a literal is configuration nobody can see, review or tune in one place; when it changes in one cell and not in another, results silently diverge.',
    corpus:
      '35 findings; all read: 31 agreed (year, age, price and probability cut-offs, `precisions >= 0.90`), 4 doubtful (`dayofweek < 5` twice, a progress-bar bound in a JS cell, a `len`-like count), about 89%.',
    paper: '§6 Configuration Debt',
    options: {
      allow: {
        type: 'number[]',
        default: [0, 1, -1, 0.0, 1.0],
        title: 'Allowed numbers',
        description: 'Numbers never reported in comparisons.'
      },
      includeEquality: {
        type: 'boolean',
        default: false,
        title: 'Report == and !=',
        description:
          'Also report numbers in equality comparisons (off by default: they are mostly category codes and IDs, not thresholds).'
      }
    },
    examples: {
      bad: [
        { code: 'churners = df[df.proba > 0.37]' },
        { code: 'y_pred = np.where(p > 0.35, 1, 0)' },
        {
          code: 'const keep = preds.filter(p => p.score > 0.66);',
          language: 'javascript'
        }
      ],
      good: [
        {
          code: 'churners = df[df.proba > PROBA_THRESHOLD]',
          note: 'the threshold is declared in the parameters cell'
        },
        { code: 'if sys.version_info >= (3, 10):\n    pass' },
        { code: 'plt.plot(x[y > 0.5])', note: 'plotting, not a model decision' }
      ]
    }
  },
  checkCell({ model, cell, options, report }) {
    if (cell === model.parametersCell) {
      return;
    }
    const allow = new Set<number>((options.allow as number[]) ?? []);
    const ops = new Set(ORDERING);
    if (options.includeEquality) {
      EQUALITY.forEach(o => ops.add(o));
    }
    walkBody({ model, cell, allow, ops, report }, cell.facts!.body, false);
  }
};

interface IWalk {
  model: NotebookModel;
  cell: IAnalysedCell;
  allow: Set<number>;
  ops: Set<string>;
  report: (r: IReport) => void;
}

function walkBody(ctx: IWalk, body: Stmt[], inLoop: boolean): void {
  for (const s of body) {
    if (
      s.type === 'If' &&
      inLoop &&
      s.body.length === 1 &&
      s.body[0].type === 'Break' &&
      s.orelse.length === 0
    ) {
      // `if i > 5: break`: a loop bound (often a debugging cut-off), not a model threshold.
      continue;
    }
    if (s.type === 'While') {
      // Loop bounds (`while i < 100`) are control flow.
      walkBody(ctx, s.body, true);
      walkBody(ctx, s.orelse, inLoop);
      continue;
    }
    for (const e of stmtExprs(s)) {
      walkExpr(ctx, e);
    }
    const loop = inLoop || s.type === 'For';
    for (const b of stmtBodies(s)) {
      walkBody(
        ctx,
        b,
        s.type === 'FunctionDef' || s.type === 'ClassDef' ? false : loop
      );
    }
  }
}

function walkExpr(ctx: IWalk, e: Expr): void {
  if (e.type === 'Call') {
    const callee = ctx.model.resolve(e.callee) ?? dottedName(e.callee) ?? '';
    if (PRESENTATION.test(callee)) {
      return;
    }
  }
  if (e.type === 'Compare') {
    checkCompare(ctx, e);
  }
  for (const child of exprChildren(e)) {
    walkExpr(ctx, child);
  }
  if (e.type === 'Lambda') {
    walkBody(ctx, e.stmts, false);
  }
}

function checkCompare(ctx: IWalk, e: Expr & { type: 'Compare' }): void {
  const operands = [e.left, ...e.rights];
  e.ops.forEach((op, i) => {
    if (!ctx.ops.has(op)) {
      return;
    }
    const a = operands[i];
    const b = operands[i + 1];
    const [num, other] =
      a.type === 'Num' ? [a, b] : b.type === 'Num' ? [b, a] : [null, null];
    if (
      !num ||
      !other ||
      other.type === 'Num' ||
      other.type === 'Str' ||
      other.type === 'Bool' ||
      other.type === 'None'
    ) {
      return;
    }
    if (
      num.type !== 'Num' ||
      ctx.allow.has(num.value) ||
      Number.isNaN(num.value)
    ) {
      return;
    }
    const text = ctx.cell.text;
    const otherText = text.slice(other.from, other.to);
    if (
      STRUCTURAL.test(otherText) ||
      (other.type === 'BinOp' && other.op === '%')
    ) {
      return;
    }
    const subject = describeExpr(other, text);
    report(ctx, num, subject);
  });
}

function report(
  ctx: IWalk,
  num: Expr & { type: 'Num' },
  subject: string
): void {
  ctx.report({
    cell: ctx.cell,
    from: num.from,
    to: num.to,
    message: `\`${num.raw}\` is a hard-coded threshold on \`${subject}\`: declare it as a named parameter (in the \`parameters\` cell) and compare against the name.`
  });
}
