/** hardcoded-threshold: hyperparameters declared as variables outside the parameters cell. */
import { Expr } from '../core/ast';
import { IRule } from '../core/rule';
import { snakeCase } from './literals';

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
      'A module-level lower-case name from the hyperparameter vocabulary (also with a `num_`/`n_`/`max_` prefix) assigned a numeric literal outside the `parameters` cell (`num_epochs = 10000`, `learning_rate = 0.01`), and a literal sweep list in a loop over such a name (`for n_estimators in [10, 50, 100]:`). UPPER_CASE names are declarations and are not reported. The vocabulary is that of `literal-hyperparameter`.',
    rationale:
      'These are the most common configuration debt in real notebooks: the knobs exist, but scattered through cells instead of in the one place papermill and a reviewer look.',
    corpus:
      '27 findings (`batch_size = 32`, `n_epochs = 50`, `test_size = 0.2`, `threshold = 8000`); all 27 agreed.',
    paper: '§6 Configuration Debt',
    options: {},
    examples: {
      bad: [
        { code: 'num_epochs = 10000' },
        { code: 'learning_rate = 0.01' },
        {
          code: 'for n_estimators in [10, 50, 100]:\n    fit(n_estimators=n_estimators)'
        },
        { code: 'const batchSize = 128;', language: 'javascript' }
      ],
      good: [
        { code: 'NUM_EPOCHS = 10000', note: 'an UPPER_CASE declaration' },
        {
          code: 'learning_rate = 0.01',
          note: 'in the parameters cell',
          cells: [{ source: 'learning_rate = 0.01', tags: ['parameters'] }]
        },
        { code: 'total = 0\nfor n in [1, 2, 3]:\n    total += n' }
      ]
    }
  },
  checkCell({ model, cell, optionsOf, report }) {
    if (cell === model.parametersCell) {
      return;
    }
    const vocabulary = new Set<string>(
      optionsOf('literal-hyperparameter').vocabulary
    );
    const isHyper = (name: string): boolean => {
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
    };
    for (const s of cell.facts!.body) {
      if (
        s.type === 'Assign' &&
        s.targets.length === 1 &&
        s.targets[0].type === 'Name' &&
        isHyper(s.targets[0].name) &&
        isNumberLiteral(s.value)
      ) {
        const name = s.targets[0].name;
        report({
          from: s.targets[0].from,
          to: s.value!.to,
          message: `\`${name}\` is a hyperparameter set outside the \`parameters\` cell: move \`${name} = ${cell.text.slice(s.value!.from, s.value!.to)}\` there (as an UPPER_CASE constant) so the run can be configured in one place.`
        });
      } else if (
        s.type === 'For' &&
        s.target.type === 'Name' &&
        isHyper(s.target.name) &&
        isNumberLiteral(s.iter) &&
        s.iter.type === 'Seq'
      ) {
        report({
          from: s.iter.from,
          to: s.iter.to,
          message: `A literal sweep of \`${s.target.name}\`: declare the values (\`${snakeCase(s.target.name).toUpperCase()}_GRID\`) in the \`parameters\` cell and loop over the name.`
        });
      }
    }
  }
};
