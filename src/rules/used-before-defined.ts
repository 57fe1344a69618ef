/** reproducibility: names a cell needs that only a later cell, or no cell, defines. */
import { derive } from '../core/facts';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { IRule } from '../core/rule';
import { isIPythonHistoryName, PYTHON_BUILTINS } from '../core/python/names';
import { cellNames } from './scope';

/** Names notebook platforms inject (Databricks, Synapse, PySpark kernels). */
export const PLATFORM_GLOBALS = [
  'spark',
  'sc',
  'sqlContext',
  'dbutils',
  'displayHTML',
  'mssparkutils',
  'notebookutils'
];

/** Cells listed per name (the finding and its related places). */
const MAX_PLACES = 20;

export const usedBeforeDefined: IRule = {
  meta: {
    id: 'used-before-defined',
    family: 'reproducibility',
    severity: 'warning',
    title: 'Name used before any cell defines it',
    description:
      'A module-level name read in a cell but bound only in a later cell (document order), or bound in no cell at all and not a builtin, an IPython name (`In`, `Out`, `display`, `get_ipython`, `_`, `_3`), a platform global (option) or a name a magic mentions (`%store -r df`, `%%capture out`). Python only. Function bodies count for names bound nowhere (they run when called, so a later definition is fine). Keyword-argument names, attributes, comprehension, lambda and function locals, class bodies, `global` names, `match` captures, reads under `try/except NameError` (or `Exception`) and under `if "x" in globals()` are never reported; after a star import, `exec`, a write through `globals()`, `%run`, `%load`, `%pylab`, a bare `%store -r` or a cell that does not parse, names may come from anywhere, so nothing later is reported. One finding per name, the first read in each of the next cells related (up to 20 cells).',
    rationale:
      'A notebook whose cells need state from a cell below, or from a cell since deleted, works only in the kernel that ran it: "Restart and run all" fails with a NameError, and the hidden state is what the results depend on.',
    corpus:
      '0 findings on the 52 corpus notebooks, so no precision figure yet: every corpus notebook that reads a name defines it above, or gets it from a star import, `%run` or a parameters cell, which silence the rule. Behaviour pinned by its fixture notebook, with a must-not-find cell for every exemption.',
    paper: '§7 Reproducibility Debt',
    options: {
      knownGlobals: {
        type: 'string[]',
        default: PLATFORM_GLOBALS,
        title: 'Names the environment provides',
        description:
          'Names a notebook may read without binding them, because its platform injects them (Spark sessions, Databricks utilities).'
      }
    },
    examples: {
      bad: [
        {
          code: 'scores = evaluate(model, X_test)',
          note: '`model` is first bound in the cell below',
          cells: [
            { source: 'scores = evaluate(model, X_test)' },
            { source: 'model = fit(X_train, y_train)' }
          ]
        },
        {
          code: 'plot(history)',
          note: 'no cell binds `history`: it lives only in the kernel'
        }
      ],
      good: [
        {
          code: 'models = [m for m in range(3)]\nprint(len(models))',
          note: 'comprehension variables are local'
        },
        {
          code: 'try:\n    model\nexcept NameError:\n    model = None'
        },
        {
          code: 'df = spark.read.csv("data/train.csv")',
          note: 'a platform global'
        }
      ]
    }
  },
  // One key per name. Beyond a cell's names, a check reads whether the cell
  // is parsed, broken or opaque and the names its magics mention.
  keyed: {
    cellKeys: namesOf,
    cellSignature: cell => {
      const facts = cell.facts!;
      if (!facts.parsed) {
        return '';
      }
      const names = cellNames(facts);
      return `p${names.opaque ? 1 : 0}${facts.error ? 1 : 0}\u0000${[...names.magicNames].join('\u0000')}`;
    }
  },
  check({ model, options, keys, carried, report }) {
    if (model.language !== 'python') {
      return;
    }
    const known = new Set<string>(options.knownGlobals as string[]);
    // Cell signatures decide it, so it is carried while only keys change.
    let notebook = carried.get('notebook') as INotebookNames | undefined;
    if (!notebook || !keys) {
      notebook = notebookNames(model);
      carried.set('notebook', notebook);
    }
    const { opaqueFrom, magicNames } = notebook;
    for (const name of keys ?? notebook.all) {
      if (
        PYTHON_BUILTINS.has(name) ||
        isIPythonHistoryName(name) ||
        /^__\w+__$/.test(name) ||
        known.has(name) ||
        magicNames.has(name)
      ) {
        continue;
      }
      // The cells that bind or read the name, in document order.
      const cells = model.cellsWithKey(KEY_INDEX, namesOf, name);
      const boundIn = cells.find(c => cellNames(c.facts!).bound.has(name));
      const missing = boundIn === undefined && opaqueFrom === Infinity;
      // Places listed per name: a name read in hundreds of cells is one
      // problem, and listing its first cells is what the reader acts on.
      let places = 0;
      for (const cell of cells) {
        if (
          cell.index >= opaqueFrom ||
          places >= MAX_PLACES ||
          // From the defining cell on, a bound name is defined above.
          (!missing && (!boundIn || cell.index >= boundIn.index))
        ) {
          break;
        }
        if (cell.facts!.error) {
          continue;
        }
        // The first read of the name in each cell: the cell is the place to
        // fix, and a name read all over a long notebook stays one finding.
        const names = cellNames(cell.facts!);
        const read =
          names.moduleReads.find(r => r.name === name) ??
          (missing ? names.functionReads.find(r => r.name === name) : null);
        const later =
          boundIn && boundIn.index > cell.index ? boundIn : undefined;
        if (!read || (!missing && !later)) {
          continue;
        }
        places++;
        report({
          cell,
          from: read.from,
          to: read.to,
          group: name,
          key: name,
          message: later
            ? `\`${name}\` is read here but first defined in cell ${later.index + 1}, below: "Restart and run all" fails with a NameError. Move the definition above its first use.`
            : `\`${name}\` is read here but no cell of the notebook defines it: it lives only in the kernel that ran the notebook (a deleted or rewritten cell), so "Restart and run all" fails with a NameError. Add the cell that defines it.`
        });
      }
    }
  }
};

const KEY_INDEX = 'used-before-defined:names';

interface INotebookNames {
  /** The first cell after which names may come from anywhere (Infinity: none). */
  opaqueFrom: number;
  /** Names magics mention. */
  magicNames: Set<string>;
  /** Every name a cell binds or reads. */
  all: Set<string>;
}

function notebookNames(model: NotebookModel): INotebookNames {
  let opaqueFrom = Infinity;
  const magicNames = new Set<string>();
  const all = new Set<string>();
  for (const cell of model.codeCells) {
    const facts = cell.facts!;
    if (!facts.parsed) {
      continue;
    }
    const names = cellNames(facts);
    if (opaqueFrom === Infinity && (names.opaque || facts.error)) {
      opaqueFrom = cell.index;
    }
    for (const n of names.magicNames) {
      magicNames.add(n);
    }
    for (const n of namesOf(cell)) {
      all.add(n);
    }
  }
  return { opaqueFrom, magicNames, all };
}

/** The names a parsed cell binds or reads: the rule's keys. */
function namesOf(cell: IAnalysedCell): readonly string[] {
  const facts = cell.facts!;
  return facts.parsed
    ? derive(facts, KEY_INDEX, () => {
        const names = cellNames(facts);
        const all = new Set(names.bound);
        for (const r of names.moduleReads) {
          all.add(r.name);
        }
        for (const r of names.functionReads) {
          all.add(r.name);
        }
        return Array.from(all);
      })
    : [];
}
