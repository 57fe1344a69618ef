/** hardcoded-threshold: hyperparameters declared as variables outside the parameters cell. */
import { Expr } from '../core/ast';
import { IRule } from '../core/rule';
import { derive } from '../core/facts';
import { IAnalysedCell } from '../core/model';
import { constantName, snakeCase } from './literals';

function isNumberLiteral(e: Expr | null): boolean {
  return (
    !!e &&
    (e.type === 'Num' ||
      (e.type === 'Seq' &&
        e.elements.length > 0 &&
        e.elements.every(x => x.type === 'Num')))
  );
}

export const hyperparameterOutsideParameters: IRule = {
  meta: {
    id: 'hyperparameter-outside-parameters',
    family: 'hardcoded-threshold',
    severity: 'info',
    title: 'Hyperparameter declared outside the parameters cell',
    description:
      'A module-level lower-case name from the hyperparameter vocabulary (also with a `num_`/`n_`/`max_` prefix) assigned a numeric literal outside the `parameters` cell (`num_epochs = 10000`, `learning_rate = 0.01`), and a literal sweep list in a loop over such a name (`for n_estimators in [10, 50, 100]:`): scattered hyperparameters. When all of them sit in one clean configuration cell (only literal assignments and imports) among the first five code cells, that cell is the declared place and nothing is reported. UPPER_CASE names are declarations and are not reported. Offers "Extract to parameters": the value moves to an UPPER_CASE name in the `parameters` cell (`lr = LEARNING_RATE`). The vocabulary is that of `literal-hyperparameter`.',
    rationale:
      'These are the most common configuration debt in real notebooks: the knobs exist, but scattered through cells instead of in the one place papermill and a reviewer look.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/hyperparameter-outside-parameters.tsv): 16 findings, 16 true, 0 false, 0 debatable; precision 1.00 over the judged ones. The same name and value set again in later cells is one finding.',
    paper: '§6 Configuration Debt',
    options: {},
    examples: {
      bad: [
        {
          code: 'model = build()\nnum_epochs = 10000\nfit(model, num_epochs)',
          note: 'set in the middle of the code'
        },
        {
          code: 'learning_rate = 0.01',
          note: 'hyperparameters spread over several cells',
          cells: [
            { source: 'learning_rate = 0.01' },
            { source: 'X, y = load()' },
            { source: 'n_epochs = 10\nfit(X, y, learning_rate, n_epochs)' }
          ]
        },
        {
          code: 'for n_estimators in [10, 50, 100]:\n    fit(n_estimators=n_estimators)'
        },
        {
          code: 'const batchSize = 128;\nawait model.fit(xs, ys, { batchSize });',
          language: 'javascript'
        }
      ],
      good: [
        { code: 'NUM_EPOCHS = 10000', note: 'an UPPER_CASE declaration' },
        {
          code: 'learning_rate = 0.01',
          note: 'in the parameters cell',
          cells: [{ source: 'learning_rate = 0.01', tags: ['parameters'] }]
        },
        { code: 'total = 0\nfor n in [1, 2, 3]:\n    total += n' },
        {
          code: 'learning_rate = 5e-4\nn_epochs = 10\nbatch_size = 64',
          note: 'one clean configuration cell at the top',
          cells: [
            { source: 'import torch' },
            { source: 'learning_rate = 5e-4\nn_epochs = 10\nbatch_size = 64' },
            { source: 'train(learning_rate, n_epochs, batch_size)' }
          ]
        }
      ]
    }
  },
  // One key, the whole notebook: it is checked again when an edit changes a
  // cell's hyperparameter assignments (or their places), or whether a cell
  // with some is a configuration cell.
  keyed: {
    cellSignature: (cell, { optionsOf }) => {
      const sites = sitesOf(cell, optionsOf);
      return sites.length === 0
        ? ''
        : `${isConfigurationCell(cell) ? 1 : 0}${JSON.stringify(sites.map(s => [s.name, s.sweep, s.from, cell.text.slice(s.from, s.to)]))}`;
    }
  },
  check({ model, optionsOf, report }) {
    const found = model.codeCells
      .filter(c => c !== model.parametersCell)
      .map(cell => ({ cell, sites: sitesOf(cell, optionsOf) }))
      .filter(x => x.sites.length > 0);
    // One clean configuration cell near the top is the declared place already.
    if (
      found.length === 1 &&
      isConfigurationCell(found[0].cell) &&
      model.codeCells.indexOf(found[0].cell) < CONFIGURATION_CELL_WITHIN
    ) {
      return;
    }
    for (const { cell, sites } of found) {
      for (const s of sites) {
        if (s.sweep) {
          report({
            cell,
            from: s.from,
            to: s.to,
            message: `A literal sweep of \`${s.name}\`: declare the values (\`${snakeCase(s.name).toUpperCase()}_GRID\`) in the \`parameters\` cell and loop over the name.`
          });
        } else {
          report({
            cell,
            from: s.from,
            to: s.to,
            message: `\`${s.name}\` is a hyperparameter set outside the \`parameters\` cell (\`${s.name} = ${cell.text.slice(s.from, s.to)}\`)`,
            extract: { name: constantName(s.name), use: 'everywhere' },
            // `n_epochs = 5` set again in later cells is the same knob.
            group: `${s.name}\u0000${cell.text.slice(s.from, s.to)}`
          });
        }
      }
    }
  }
};

/** A configuration cell within this many code cells of the top is not reported. */
const CONFIGURATION_CELL_WITHIN = 5;

interface ICandidate {
  name: string;
  /** The literal (or the sweep list). */
  from: number;
  to: number;
  sweep: boolean;
}

function isHyperparameterName(name: string, vocabulary: Set<string>): boolean {
  if (name !== name.toLowerCase() && name === name.toUpperCase()) {
    return false;
  }
  const snake = snakeCase(name);
  if (snake !== snake.toLowerCase()) {
    return false;
  }
  return (
    vocabulary.has(snake) ||
    vocabulary.has(snake.replace(/^(num|n|max)_/, '')) ||
    vocabulary.has(snake.replace(/^n_/, 'num_'))
  );
}

/** A cell's candidates under the vocabulary of `literal-hyperparameter`, memoised. */
function sitesOf(
  cell: IAnalysedCell,
  optionsOf: (id: string) => Record<string, any>
): ICandidate[] {
  const options = optionsOf('literal-hyperparameter');
  let v = vocabularies.get(options);
  if (!v) {
    const words = new Set<string>(options.vocabulary);
    v = { words, key: internedKey(words) };
    vocabularies.set(options, v);
  }
  const { words, key } = v;
  return derive(cell.facts!, key, () => candidates(cell, words));
}

/** The vocabulary and its memo key, per options object (one per analysis). */
const vocabularies = new WeakMap<
  Record<string, any>,
  { words: Set<string>; key: string }
>();

/** Module-level hyperparameter assignments and sweeps of a cell. */
function candidates(
  cell: IAnalysedCell,
  vocabulary: Set<string>
): ICandidate[] {
  const out: ICandidate[] = [];
  for (const s of cell.facts!.body) {
    if (
      s.type === 'Assign' &&
      s.targets.length === 1 &&
      s.targets[0].type === 'Name' &&
      isHyperparameterName(s.targets[0].name, vocabulary) &&
      isNumberLiteral(s.value)
    ) {
      out.push({
        name: s.targets[0].name,
        from: s.value!.from,
        to: s.value!.to,
        sweep: false
      });
    } else if (
      s.type === 'For' &&
      s.target.type === 'Name' &&
      isHyperparameterName(s.target.name, vocabulary) &&
      isNumberLiteral(s.iter) &&
      s.iter.type === 'Seq'
    ) {
      out.push({
        name: s.target.name,
        from: s.iter.from,
        to: s.iter.to,
        sweep: true
      });
    }
  }
  return out;
}

const interned = new Map<string, string>();

/**
 * The memo key of a vocabulary, one string object per vocabulary, so that
 * the per-cell lookups on every keystroke compare pointers, not text.
 */
function internedKey(vocabulary: Set<string>): string {
  const key = `hyperparameter-candidates\u0000${[...vocabulary].join(',')}`;
  let known = interned.get(key);
  if (known === undefined) {
    if (interned.size > 100) {
      interned.clear();
    }
    interned.set(key, key);
    known = key;
  }
  return known;
}

/** Every statement assigns a literal (`lr = 5e-4`, `name = "run-1"`, `use_gpu = True`). */
function isConfigurationCell(cell: IAnalysedCell): boolean {
  const body = cell.facts!.body;
  return (
    body.length > 0 &&
    body.every(
      s =>
        (s.type === 'Assign' &&
          s.targets.every(t => t.type === 'Name') &&
          s.value !== null &&
          isLiteral(s.value)) ||
        s.type === 'Import'
    )
  );
}

function isLiteral(e: Expr): boolean {
  return (
    e.type === 'Num' ||
    e.type === 'Str' ||
    e.type === 'Bool' ||
    e.type === 'None' ||
    (e.type === 'Seq' && e.elements.every(isLiteral))
  );
}
