/** reproducibility: names a cell needs that only a later cell, or no cell, defines. */
import { derive } from '../core/facts';
import { IAnalysedCell } from '../core/model';
import { IRule } from '../core/rule';
import { isIPythonHistoryName, PYTHON_BUILTINS } from '../core/python/names';
import { cellNames, IFreeRead } from './scope';

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
    cellKeys: cell =>
      cell.facts!.parsed
        ? derive(cell.facts!, 'used-before-defined:keys', facts => {
            const names = cellNames(facts);
            return [
              ...new Set([
                ...names.bound,
                ...names.moduleReads.map(r => r.name),
                ...names.functionReads.map(r => r.name)
              ])
            ];
          })
        : [],
    cellSignature: cell => {
      const facts = cell.facts!;
      if (!facts.parsed) {
        return '';
      }
      const names = cellNames(facts);
      return `p${names.opaque ? 1 : 0}${facts.error ? 1 : 0}\u0000${[...names.magicNames].join('\u0000')}`;
    }
  },
  check({ model, options, keys, report }) {
    if (model.language !== 'python') {
      return;
    }
    const known = new Set<string>(options.knownGlobals as string[]);
    const cells = model.codeCells.filter(c => c.facts!.parsed);
    // Where each name is first bound, and the first cell after which names
    // may come from anywhere.
    const firstBound = new Map<string, number>();
    const magicNames = new Set<string>();
    let opaqueFrom = Infinity;
    cells.forEach((cell, k) => {
      const names = cellNames(cell.facts!);
      if (opaqueFrom === Infinity && (names.opaque || cell.facts!.error)) {
        opaqueFrom = k;
      }
      for (const n of names.bound) {
        if (!firstBound.has(n) && (!keys || keys.has(n))) {
          firstBound.set(n, k);
        }
      }
      for (const n of names.magicNames) {
        magicNames.add(n);
      }
    });
    const exempt = (name: string): boolean =>
      PYTHON_BUILTINS.has(name) ||
      isIPythonHistoryName(name) ||
      /^__\w+__$/.test(name) ||
      known.has(name) ||
      magicNames.has(name);
    const reportRead = (
      cell: IAnalysedCell,
      r: IFreeRead,
      later: number | undefined
    ): void => {
      const places = placesPerName.get(r.name) ?? 0;
      if (places >= MAX_PLACES) {
        return;
      }
      placesPerName.set(r.name, places + 1);
      report({
        cell,
        from: r.from,
        to: r.to,
        group: r.name,
        key: r.name,
        message:
          later === undefined
            ? `\`${r.name}\` is read here but no cell of the notebook defines it: it lives only in the kernel that ran the notebook (a deleted or rewritten cell), so "Restart and run all" fails with a NameError. Add the cell that defines it.`
            : `\`${r.name}\` is read here but first defined in cell ${cells[later].index + 1}, below: "Restart and run all" fails with a NameError. Move the definition above its first use.`
      });
    };
    // Places listed per name: a name read in hundreds of cells is one
    // problem, and listing its first cells is what the reader acts on.
    const placesPerName = new Map<string, number>();
    const end = Math.min(cells.length, opaqueFrom);
    for (let k = 0; k < end; k++) {
      const cell = cells[k];
      if (cell.facts!.error) {
        continue;
      }
      const names = cellNames(cell.facts!);
      // The first read of a name in each cell: the cell is the place to fix,
      // and a name read all over a long notebook stays one cheap finding.
      const reported = new Set<string>();
      for (const r of names.moduleReads) {
        if (keys && !keys.has(r.name)) {
          continue;
        }
        const at = firstBound.get(r.name);
        const missing = at === undefined && opaqueFrom === Infinity;
        if (
          (missing || (at !== undefined && at > k)) &&
          !reported.has(r.name) &&
          !exempt(r.name)
        ) {
          reported.add(r.name);
          reportRead(cell, r, at);
        }
      }
      if (opaqueFrom === Infinity) {
        for (const r of names.functionReads) {
          if (
            (!keys || keys.has(r.name)) &&
            !firstBound.has(r.name) &&
            !reported.has(r.name) &&
            !exempt(r.name)
          ) {
            reported.add(r.name);
            reportRead(cell, r, undefined);
          }
        }
      }
    }
  }
};
