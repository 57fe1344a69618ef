/** dead-code: top-level functions and classes that nothing in the notebook uses. */
import { Stmt } from '../core/ast';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { derive } from '../core/facts';
import { IRule } from '../core/rule';

/** Names listed in `__all__` anywhere in the notebook. */
function exported(model: NotebookModel): Set<string> {
  const names = new Set<string>();
  for (const { item } of model.bindings('__all__')) {
    const v = item.value;
    if (v && v.type === 'Seq') {
      for (const e of v.elements) {
        if (e.type === 'Str' && e.value) {
          names.add(e.value);
        }
      }
    }
  }
  return names;
}

/** Is the name read anywhere outside the definition's own body? */
function usedOutside(
  model: NotebookModel,
  name: string,
  cell: IAnalysedCell,
  def: Stmt,
  magicText: () => string
): boolean {
  if (
    model
      .reads(name)
      .some(
        ({ cell: c, item }) =>
          c !== cell || item.from < def.from || item.to > def.to
      )
  ) {
    return true;
  }
  // Magics and shell lines are masked before parsing: `%timeit -n 3 f()`.
  return new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(magicText());
}

/** The text of every shell line, magic and foreign cell of the notebook. */
function magicTextOf(model: NotebookModel): string {
  const parts: string[] = [];
  for (const c of model.codeCells) {
    for (const s of c.facts!.shellLines) {
      parts.push(s.command);
    }
    if (c.facts!.cellMagic && !c.facts!.parsed) {
      parts.push(c.text);
    }
  }
  return parts.join('\n');
}

/**
 * `q_2.check()` after the definition in the same cell: a zero-argument method
 * call (an exercise checker, a registry) may look the function up by name.
 */
function inspectedAfter(cell: IAnalysedCell, def: Stmt): boolean {
  return cell.facts!.body.some(
    s =>
      s.from > def.to &&
      s.type === 'Expr' &&
      s.value.type === 'Call' &&
      s.value.args.length === 0 &&
      s.value.callee.type === 'Attr'
  );
}

/** A top-level definition the rule looks at: named, undecorated, not a dunder. */
function isCandidate(s: Stmt): boolean {
  return (
    (s.type === 'FunctionDef' || s.type === 'ClassDef') &&
    !!s.name &&
    s.decorators.length === 0 &&
    !/^__.*__$/.test(s.name)
  );
}

export const unusedDefinition: IRule = {
  meta: {
    id: 'unused-definition',
    family: 'dead-code',
    severity: 'warning',
    title: 'Function or class nobody uses',
    description:
      'A top-level function or class defined in a cell and referenced nowhere else in the notebook (in any cell, before or after; a reference from inside its own body does not count). Decorated definitions (decorators register them), names listed in `__all__` and dunder names are exempt. JavaScript function declarations likewise.',
    rationale:
      'Notebooks accumulate helper variants (`train_v2`, `plot_old`) that nothing calls any more; they cost reading time and suggest behaviour that does not run.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/unused-definition.tsv): 14 findings, 9 true, 0 false, 5 debatable; precision 1.00 over the judged ones.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    examples: {
      bad: [
        {
          code: 'def train_v2(X, y):\n    return fit(X, y, lr=0.1)\n\nmodel = fit(X, y)'
        },
        {
          code: 'function oldLoss(a, b) {\n  return a - b;\n}\nconst l = loss(1, 2);',
          language: 'javascript'
        }
      ],
      good: [
        { code: 'def clean(df):\n    return df.dropna()\n\ndf = clean(df)' },
        { code: '@app.route("/")\ndef index():\n    return "ok"' },
        {
          code: 'def fact(n):\n    return 1 if n < 2 else n * fact(n - 1)\n\nprint(fact(5))'
        }
      ]
    }
  },
  // One key per defined name. A check reads the definitions of its name
  // (each cell's keys), its reads and `__all__` through the model, and every
  // cell's magics (each cell's signature).
  keyed: {
    cellKeys: definedNames,
    cellSignature: cell =>
      derive(cell.facts!, 'unused-definition:signature', facts =>
        [
          facts.parsed ? '' : facts.text,
          ...facts.shellLines.map(s => s.command)
        ].join('\u0000')
      )
  },
  check({ model, keys, carried, checkKey, report }) {
    // Cell signatures decide it, so it is carried while only keys change.
    const magicText = (): string => {
      let text = carried.get('magic') as string | undefined;
      if (text === undefined || !keys) {
        text = magicTextOf(model);
        carried.set('magic', text);
      }
      return text;
    };
    // After an edit, only the cells defining a key it touched.
    const cells = keys
      ? model.cellsWithAnyKey('unused-definition:keys', definedNames, keys)
      : model.codeCells;
    for (const cell of cells) {
      for (const s of cell.facts!.body) {
        if (
          (s.type !== 'FunctionDef' && s.type !== 'ClassDef') ||
          !isCandidate(s) ||
          (keys && !keys.has(s.name))
        ) {
          continue;
        }
        checkKey(s.name, () => {
          if (
            usedOutside(model, s.name, cell, s, magicText) ||
            inspectedAfter(cell, s) ||
            exported(model).has(s.name)
          ) {
            return;
          }
          const what = s.type === 'ClassDef' ? 'class' : 'function';
          report({
            cell,
            from: s.nameFrom,
            to: s.nameTo,
            message: `The ${what} \`${s.name}\` is defined but never used in this notebook: delete it, or move the experiment to a branch.`
          });
        });
      }
    }
  }
};

/** The functions and classes a cell defines that the rule checks: its keys. */
function definedNames(cell: IAnalysedCell): readonly string[] {
  return derive(cell.facts!, 'unused-definition:keys', facts => [
    ...new Set(
      facts.body.filter(isCandidate).map(s => (s as { name: string }).name)
    )
  ]);
}
