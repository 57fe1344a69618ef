/** dead-code: a result assigned, then overwritten before anything reads it. */
import { dottedName, Expr, rootName, Stmt } from '../core/ast';
import { derive, IBinding, ICellFacts } from '../core/facts';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { cellNameKeys } from '../core/keyed';
import { IRule } from '../core/rule';

/** Calls whose results are plotting or display handles, often kept unused. */
const HANDLE_CALLS =
  /^(plt|matplotlib|sns|seaborn|px|go|plotly|alt|altair|display|IPython|widgets|ipywidgets)\b|\.(plot|subplots|figure|scatter|hist|bar|barh|imshow|heatmap|show|legend|set_\w+|add_subplot|twinx|catplot|pairplot|FacetGrid|displot)$/;

function isLiteralInit(e: Expr | null): boolean {
  if (!e) {
    return true;
  }
  switch (e.type) {
    case 'Num':
    case 'Str':
    case 'Bool':
    case 'None':
      return true;
    case 'Seq':
      return e.elements.length === 0;
    case 'Dict':
      return e.keys.length === 0;
    case 'Call': {
      // `x = []`-style initialisers written as calls: list(), dict(), set(), pd.DataFrame().
      const name = dottedName(e.callee) ?? '';
      return (
        e.args.length === 0 &&
        /(^|\.)(list|dict|set|tuple|DataFrame|Series|defaultdict|OrderedDict|Counter)$/.test(
          name
        )
      );
    }
    default:
      return false;
  }
}

export const overwrittenResult: IRule = {
  meta: {
    id: 'overwritten-result',
    family: 'dead-code',
    severity: 'warning',
    title: 'Result overwritten before it is read',
    description:
      'A top-level assignment whose value is re-assigned (in the same cell or a later one, in document order) before anything reads it: typically "trained model A, then model B into the same variable, A never used". Reads include attribute access, calls, f-strings, a cell\'s displayed last expression and `del`; re-binding that reads the old value (`df = df.dropna()`, `x += 1`) is a read. Not reported: names simply never read afterwards, `_`-prefixed names, parts of tuple unpacking, literal initialisers (`x = None`, `rows = []`), plotting and display handles, and re-assignments inside a branch or `try`.',
    rationale:
      'A computation whose result is thrown away is an abandoned experiment that still costs run time, and it hides which of two versions the notebook really uses.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/overwritten-result.tsv): 3 findings, 3 true, 0 false, 0 debatable; precision 1.00 over the judged ones.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    examples: {
      bad: [
        {
          code: 'model = RandomForestClassifier().fit(X, y)\nmodel = GradientBoostingClassifier().fit(X, y)\nprint(model.score(X, y))'
        },
        {
          code: 'let preds = modelA.predict(x);\npreds = modelB.predict(x);\nconsole.log(preds);',
          language: 'javascript'
        }
      ],
      good: [
        { code: 'df = load()\ndf = df.dropna()\ndf.head()' },
        { code: 'fig, ax = plt.subplots()\nfig, ax = plt.subplots()' },
        { code: 'best = None\nbest = search(X, y)' },
        {
          code: 'model = fit_a(X, y)\nif better:\n    model = fit_b(X, y)\nmodel.score(X, y)'
        }
      ]
    }
  },
  // One key per name. Beyond the name's own bindings and reads (and the
  // bindings of a callee's root name, looked up through the model), a check
  // reads other cells for zero-argument method calls and magics: those are
  // each cell's signature.
  keyed: {
    cellKeys: cellNameKeys,
    cellSignature: cell =>
      derive(cell.facts!, 'overwritten-result:signature', signature)
  },
  check({ model, keys, checkKey, report }) {
    for (const name of keys ?? candidateNames(model)) {
      checkKey(name, () => {
        if (!keys || isCandidate(model, name)) {
          checkName(model, name, report);
        }
      });
    }
  }
};

/** What a check of any name reads from a cell other than its bindings and reads. */
function signature(facts: ICellFacts): string {
  const inspects = facts.body.some(isGlobalsInspection);
  return `${inspects ? 1 : 0}\u0000${facts.parsed ? '' : facts.text}\u0000${facts.shellLines.map(s => s.command).join('\u0000')}`;
}

/** As `candidateNames` would list it. */
function isCandidate(model: NotebookModel, name: string): boolean {
  return (
    !name.startsWith('_') &&
    model.bindingCount(name) >= 2 &&
    model
      .bindings(name)
      .some(
        b =>
          b.item.kind === 'assign' &&
          b.item.inFunction === null &&
          !b.item.conditional
      )
  );
}

/** Names with two or more bindings somewhere (cheap pre-filter). */
function candidateNames(model: NotebookModel): string[] {
  const names = new Set<string>();
  for (const cell of model.codeCells) {
    for (const name of derive(
      cell.facts!,
      'overwritten-result:stores',
      plainStoreNames
    )) {
      names.add(name);
    }
  }
  return [...names].filter(name => model.bindingCount(name) >= 2);
}

/** Names of one cell with an unconditional module-level assignment. */
function plainStoreNames(facts: ICellFacts): string[] {
  const out: string[] = [];
  for (const [name, list] of facts.bindingsByName) {
    if (
      !name.startsWith('_') &&
      list.some(
        b => b.kind === 'assign' && b.inFunction === null && !b.conditional
      )
    ) {
      out.push(name);
    }
  }
  return out;
}

function checkName(
  model: NotebookModel,
  name: string,
  report: Parameters<IRule['check'] & {}>[0]['report']
): void {
  const reads = model.reads(name);
  const bindings = model.bindings(name);
  // A function reading the global may run anywhere: stay silent. A read of a
  // parameter or local of the same name inside a function is not such a read.
  const globalReadInFunction = reads.some(
    r =>
      r.item.inFunction !== null &&
      !bindings.some(
        b =>
          b.cell === r.cell &&
          b.item.inFunction === r.item.inFunction &&
          b.item.kind !== 'global'
      )
  );
  if (globalReadInFunction) {
    return;
  }
  for (let i = 0; i < bindings.length - 1; i++) {
    const first = bindings[i];
    const next = bindings[i + 1];
    if (!isPlainStore(first) || next.item.inFunction !== null) {
      continue;
    }
    const b = first.item;
    const v = b.value;
    if (
      isLiteralInit(v) ||
      isPlaceholder(v) ||
      (v &&
        v.type === 'Call' &&
        (HANDLE_CALLS.test(model.resolve(v.callee) ?? '') ||
          isMethodOnObject(model, v)))
    ) {
      continue;
    }
    // The overwrite must always happen: an unconditional plain assignment.
    if (!isPlainStore(next) || next.item.kind !== 'assign') {
      continue;
    }
    // `r = f(2)` then `r = f(3)` in one cell: calls made for their effect
    // (tracing, printing), demonstrated one after the other.
    const nv = next.item.value;
    if (
      next.cell === first.cell &&
      v &&
      nv &&
      v.type === 'Call' &&
      nv.type === 'Call' &&
      model.resolve(v.callee) !== null &&
      model.resolve(v.callee) === model.resolve(nv.callee)
    ) {
      continue;
    }
    const storedAt = first.item.stmt!.to;
    const overwrittenAt = next.item.stmt!.to;
    const readBetween = reads.some(
      ({ cell, item }) =>
        after(cell, item.from, first.cell, storedAt) &&
        after(next.cell, overwrittenAt, cell, item.from)
    );
    if (readBetween) {
      continue;
    }
    // `q1.check()`: a zero-argument method call may inspect the notebook's globals.
    if (
      globalsInspectedBetween(
        model,
        first.cell,
        storedAt,
        next.cell,
        overwrittenAt
      )
    ) {
      continue;
    }
    // Shell and magic lines are masked: a mention there may be a read.
    if (mentionedInMagics(model, name, first.cell, next.cell)) {
      continue;
    }
    const where =
      next.cell === first.cell
        ? `on line ${next.cell.facts!.lines.position(next.item.from).line}`
        : `in cell ${next.cell.index + 1}`;
    report({
      cell: first.cell,
      from: b.from,
      to: b.to,
      message: `\`${name}\` is assigned here and overwritten ${where} before anything reads it: this result is never used. Delete the dead assignment, or give the two results different names.`
    });
  }
}

/** Exercise blanks (`x = ____`). */
function isPlaceholder(e: Expr | null): boolean {
  return !!e && e.type === 'Name' && /^_+$/.test(e.name);
}

/**
 * `history = model.fit(...)`: a method call on an existing object may be run
 * for its side effect; only the returned value is unused, and deleting the
 * statement would change behaviour. Not reported.
 */
function isMethodOnObject(
  model: NotebookModel,
  call: Expr & { type: 'Call' }
): boolean {
  let callee = call.callee;
  while (callee.type === 'Call') {
    callee = callee.callee;
  }
  if (callee.type !== 'Attr') {
    return false;
  }
  const root = rootName(callee);
  if (!root) {
    return true;
  }
  // A module (`keras.Sequential(...)`) or a class is not an object with state.
  return !model
    .bindings(root)
    .every(b => b.item.kind === 'import' || b.item.kind === 'class');
}

function globalsInspectedBetween(
  model: NotebookModel,
  fromCell: IAnalysedCell,
  from: number,
  toCell: IAnalysedCell,
  to: number
): boolean {
  for (const cell of model.codeCells) {
    if (cell.index < fromCell.index || cell.index > toCell.index) {
      continue;
    }
    for (const s of cell.facts!.body) {
      if (!isGlobalsInspection(s)) {
        continue;
      }
      if (
        after(cell, s.from, fromCell, from) &&
        after(toCell, to, cell, s.from)
      ) {
        return true;
      }
    }
  }
  return false;
}

/** `q1.check()`: a statement that is a zero-argument method call. */
function isGlobalsInspection(s: Stmt): boolean {
  return (
    s.type === 'Expr' &&
    s.value.type === 'Call' &&
    s.value.args.length === 0 &&
    s.value.callee.type === 'Attr'
  );
}

/** A module-level, unconditional `name = value` (not part of a tuple unpacking). */
function isPlainStore(s: { item: IBinding }): boolean {
  const b = s.item;
  return (
    b.kind === 'assign' &&
    b.inFunction === null &&
    !b.conditional &&
    !!b.stmt &&
    b.stmt.type === 'Assign' &&
    b.stmt.targets.some(t => t.type === 'Name' && t.from === b.from)
  );
}

/** Is (cellA, offsetA) strictly after (cellB, offsetB) in document order? */
function after(
  cellA: IAnalysedCell,
  offsetA: number,
  cellB: IAnalysedCell,
  offsetB: number
): boolean {
  return (
    cellA.index > cellB.index ||
    (cellA.index === cellB.index && offsetA > offsetB)
  );
}

function mentionedInMagics(
  model: NotebookModel,
  name: string,
  from: IAnalysedCell,
  to: IAnalysedCell
): boolean {
  const word = new RegExp(`\\b${name}\\b`);
  return model.codeCells.some(
    c =>
      c.index >= from.index &&
      c.index <= to.index &&
      (c.facts!.shellLines.some(s => word.test(s.command)) ||
        (!c.facts!.parsed && word.test(c.text)))
  );
}
