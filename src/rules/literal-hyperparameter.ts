/** hardcoded-threshold: hyperparameters passed as literals (`learning_rate=0.05`). */
import { IRule } from '../core/rule';
import {
  HYPERPARAMETER_VOCABULARY,
  problemKey,
  hyperparameterSites,
  IHyperparameterOptions
} from './literals';

export const literalHyperparameter: IRule = {
  meta: {
    id: 'literal-hyperparameter',
    family: 'hardcoded-threshold',
    severity: 'warning',
    title: 'Hyperparameter written as a literal',
    description:
      'A numeric literal (or a list/tuple of them) passed as a keyword argument named in the hyperparameter vocabulary (`learning_rate=0.05`, `n_estimators=500`, `{ epochs: 20 }` in JavaScript), also when wrapped in a tensor or scalar constructor (`lr=tf.constant(1e-3)`), and positional literals to constructors known to take one (`Dropout(0.3)`, `optim.Adam(params, 1e-3)`). Literal defaults in function signatures (`def train(lr=0.003)`) are reported at info severity. Layer and image sizes passed positionally, plotting and display calls, seeds (`random_state=42`), configuration objects (`dict(lr=0.1)`) and the parameters cell are not reported. Offers "Extract to parameters".',
    rationale:
      'Hyperparameters scattered through cells as literals are configuration nobody can review or sweep in one place; the experiment that produced a result cannot be reconstructed from the notebook.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/literal-hyperparameter.tsv): 136 findings, 121 true, 1 false, 14 debatable; precision 0.99 over the judged ones. Library defaults typed out (`cv=5`, `n_estimators=100` on ensembles), query and batching calls (`kneighbors`, `predict`, `map`), plotting-helper defaults and library (nbdev) or test cells are not reported; a literal repeated for the same keyword is one finding with related places. The false one is `hidden_size=768`, a fact about bert-base.',
    paper: '§6 Configuration Debt',
    options: {
      vocabulary: {
        type: 'string[]',
        default: HYPERPARAMETER_VOCABULARY,
        title: 'Hyperparameter names',
        description:
          'Keyword argument names treated as hyperparameters (snake_case; camelCase names in JavaScript match too).'
      }
    },
    examples: {
      bad: [
        {
          code: 'model = GradientBoostingClassifier(n_estimators=500, learning_rate=0.05)'
        },
        { code: 'layer = nn.Dropout(0.5)' },
        { code: 'opt = optim.Adam(model.parameters(), 1e-3)' },
        { code: 'opt = SGD(lr=torch.scalar_tensor(0.01))' },
        { code: 'def train(X, y, lr=0.003):\n    return fit(X, y, lr=lr)' },
        {
          code: 'await model.fit(xs, ys, { epochs: 20, batchSize: 128 });',
          language: 'javascript'
        }
      ],
      good: [
        {
          code: 'model = GradientBoostingClassifier(n_estimators=N_ESTIMATORS, learning_rate=LEARNING_RATE)'
        },
        { code: 'plt.plot(x, y, alpha=0.5)\nsns.histplot(df.age, alpha=0.3)' },
        { code: 'X_train, X_test = train_test_split(X, random_state=42)' },
        { code: 'model.add(Dense(256))\nlayer = nn.Linear(784, 512)' },
        { code: 'config = dict(learning_rate=0.1, epochs=10)' },
        { code: 'df.head(10)\nround(x, 2)\nfig = plt.figure(figsize=(12, 8))' }
      ]
    }
  },
  checkCell({ model, cell, options, report }) {
    for (const s of hyperparameterSites(
      model,
      cell,
      options as IHyperparameterOptions
    )) {
      const where =
        s.kind === 'default'
          ? `the default of \`${s.subject}\` in \`${s.callee}()\``
          : `\`${s.subject}\` for \`${s.callee}\``;
      report({
        from: s.from,
        to: s.to,
        message: `\`${s.raw}\` is a hard-coded hyperparameter (${where})`,
        severity: s.kind === 'default' ? 'info' : undefined,
        extract: { name: s.constant, use: 'pass' },
        group: problemKey(s)
      });
    }
  }
};
