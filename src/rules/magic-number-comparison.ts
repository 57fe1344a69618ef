/** hardcoded-threshold: numeric literals compared against data (`proba > 0.37`). */
import { IRule } from '../core/rule';
import {
  comparisonSites,
  IComparisonOptions,
  IHyperparameterOptions,
  problemKey
} from './literals';

export const magicNumberComparison: IRule = {
  meta: {
    id: 'magic-number-comparison',
    family: 'hardcoded-threshold',
    severity: 'warning',
    title: 'Hard-coded threshold in a comparison',
    description:
      'A numeric literal (int, float, scientific, negative) compared against data (`proba > 0.37`, `df[df.age >= 65]`, `np.where(p > 0.35, …)`) in an `if`, a mask, a lambda, a comprehension or an `assert`, in Python and JavaScript. Allow-listed numbers, version checks, `__name__ == "__main__"`, shape and length checks, loop bounds, `i % 100 == 0` cadences, a literal compared with a literal, and comparisons inside plotting and display calls are not reported. Offers "Extract to parameters".',
    rationale:
      'A decision threshold written as a literal is configuration nobody can see, review or tune in one place; when it changes in one cell and not in another, results silently diverge.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/magic-number-comparison.tsv): 22 findings, 16 true, 0 false, 6 debatable; precision 1.00 over the judged ones. Weekday tests (`dayofweek < 5`) and JavaScript `for` loop bounds are no longer reported.',
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
        { code: 'seniors = df[df.age >= 65]' },
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
        { code: 'if __name__ == "__main__":\n    main()' },
        {
          code: 'plt.plot(x[y > 0.5])',
          note: 'plotting, not a model decision'
        },
        { code: 'if step % 100 == 0:\n    log(loss)' },
        { code: 'if x.shape[1] > 3:\n    pass' }
      ]
    }
  },
  checkCell({ model, cell, options, optionsOf, report }) {
    for (const s of comparisonSites(
      model,
      cell,
      options as IComparisonOptions,
      // One walk finds the hyperparameters too, for the rules that read them.
      optionsOf('literal-hyperparameter') as IHyperparameterOptions
    )) {
      report({
        from: s.from,
        to: s.to,
        message: `\`${s.raw}\` is a hard-coded decision threshold on \`${s.subject}\``,
        extract: { name: s.constant, use: 'compare' },
        group: problemKey(s)
      });
    }
  }
};
