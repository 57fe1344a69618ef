/** dead-code: experiment flags set once to a constant and never changed. */
import { Expr, walkExpr } from '../core/ast';
import { derive, IBinding, ICellFacts } from '../core/facts';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { IRule } from '../core/rule';
import { findDeadBranches } from './branches';
import { constantTruth } from './util';

interface IFlag {
  name: string;
  value: boolean;
  raw: string;
  cell: IAnalysedCell;
}

/** Module-level `NAME = True/False/0/1` bindings of one cell. */
function flagCandidates(facts: ICellFacts): IBinding[] {
  return facts.bindings.filter(b => {
    if (
      b.kind !== 'assign' ||
      b.inFunction !== null ||
      b.conditional ||
      !b.value ||
      !b.stmt ||
      b.stmt.type !== 'Assign'
    ) {
      return false;
    }
    const single =
      b.stmt.targets.length === 1 && b.stmt.targets[0].type === 'Name';
    const v = b.value;
    return (
      single &&
      (v.type === 'Bool' ||
        (v.type === 'Num' && (v.raw === '0' || v.raw === '1')))
    );
  });
}

/** Names bound exactly once in the notebook, at module level, to True/False/0/1. */
export function findFlags(model: NotebookModel): Map<string, IFlag> {
  const flags = new Map<string, IFlag>();
  const candidates: { cell: IAnalysedCell; binding: IBinding }[] = [];
  for (const cell of model.codeCells) {
    if (cell === model.parametersCell) {
      continue;
    }
    for (const binding of derive(
      cell.facts!,
      'unchanged-flag:candidates',
      flagCandidates
    )) {
      candidates.push({ cell, binding });
    }
  }
  for (const { cell, binding } of candidates) {
    const count = model.bindingCount(binding.name);
    // Bound anywhere else (assignment, loop, parameter, import, del…): not a flag.
    if (count !== 1 || model.isParameter(binding.name)) {
      continue;
    }
    const v = binding.value!;
    flags.set(binding.name, {
      name: binding.name,
      value:
        v.type === 'Bool' ? v.value : v.type === 'Num' ? v.value !== 0 : false,
      raw: cell.text.slice(v.from, v.to),
      cell
    });
  }
  return flags;
}

function flagsIn(test: Expr, flags: Map<string, IFlag>): IFlag[] {
  const found: IFlag[] = [];
  walkExpr(test, e => {
    if (
      e.type === 'Name' &&
      flags.has(e.name) &&
      !found.includes(flags.get(e.name)!)
    ) {
      found.push(flags.get(e.name)!);
    }
  });
  return found;
}

export const unchangedFlag: IRule = {
  meta: {
    id: 'unchanged-flag',
    family: 'dead-code',
    severity: 'warning',
    title: 'Experiment flag that never changes',
    description:
      'A module-level name assigned exactly once in the whole notebook to `True`/`False`/`0`/`1`, never re-bound anywhere (assignment, `+=`, loop target, parameter, `import as`, `del`, walrus), and then tested (`if FLAG:`, `if not FLAG:`, `FLAG and …`): the branch that cannot be taken is dead. Flags set in the `parameters` cell are exempt, since papermill may inject another value.',
    rationale:
      'A toggle that is never toggled is an `if False:` in disguise: the experiment behind it is dead, but looks like a live option to every reader.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/unchanged-flag.tsv): 2 findings, 2 true, 0 false, 0 debatable; precision 1.00 over the judged ones.',
    paper: '§5 Dead Experimental Codepaths',
    options: {},
    coversBlock: true,
    examples: {
      bad: [
        {
          code: 'USE_AUGMENTATION = False\nif USE_AUGMENTATION:\n    X = augment(X)'
        },
        {
          code: 'DEBUG = 0\nif not DEBUG:\n    fit()\nelse:\n    print(X.shape)'
        },
        {
          code: 'const useV2 = false;\nif (useV2) {\n  train();\n}',
          language: 'javascript'
        }
      ],
      good: [
        {
          code: 'USE_AUGMENTATION = False\nUSE_AUGMENTATION = len(X) < 1000\nif USE_AUGMENTATION:\n    X = augment(X)',
          note: 'the flag changes'
        },
        {
          code: 'for verbose in [True, False]:\n    if verbose:\n        print(X.shape)'
        }
      ]
    }
  },
  // One key, the whole notebook: it is checked again when an edit changes a
  // cell's flag candidates, or a cell binding or reading a name it looked up
  // (each flag's bindings and readers).
  keyed: {
    cellSignature: cell =>
      JSON.stringify(
        derive(cell.facts!, 'unchanged-flag:candidates', flagCandidates).map(
          b => [b.name, b.from, cell.text.slice(b.value!.from, b.value!.to)]
        )
      )
  },
  check({ model, report }) {
    const flags = findFlags(model);
    if (flags.size === 0) {
      return;
    }
    const env = (name: string): boolean | null =>
      flags.get(name)?.value ?? null;
    const cells = new Set(
      [...flags.keys()].flatMap(n => model.cellsReading(n))
    );
    for (const cell of model.codeCells) {
      const facts = cell.facts!;
      if (!cells.has(cell)) {
        continue;
      }
      findDeadBranches(
        cell,
        facts.body,
        test =>
          constantTruth(test) !== null ? null : constantTruth(test, env),
        dead => {
          const used = flagsIn(dead.stmt.test, flags);
          const named = used
            .map(
              f =>
                `\`${f.name}\` is set once to \`${f.raw}\` (cell ${f.cell.index + 1}) and never changes`
            )
            .join('; ');
          const names = used.map(f => `\`${f.name}\``).join(', ');
          report({
            cell,
            from: dead.from,
            to: dead.to,
            message:
              dead.kind === 'body'
                ? `\`${dead.header}\` never runs its body: ${named}. Delete the dead branch, or move ${names} to the parameters cell if it is a real switch.`
                : `The \`else\` branch of \`${dead.header}\` never runs: ${named}. Delete the dead branch, or move ${names} to the parameters cell if it is a real switch.`
          });
        }
      );
    }
  }
};
