/** hardcoded-threshold: the same number written in several cells. */
import { IRule } from '../core/rule';
import { comparisonSites, hyperparameterSites, ILiteralSite } from './literals';
import { IAnalysedCell } from '../core/model';

export const repeatedLiteral: IRule = {
  meta: {
    id: 'repeated-literal',
    family: 'hardcoded-threshold',
    severity: 'info',
    title: 'The same number in several cells',
    description:
      'A non-allow-listed number (e.g. `0.35`) that appears in two or more cells in threshold or hyperparameter positions: one finding per occurrence, listing the others, suggesting one named constant. Integers below 100 count as the same value only in the same role (the same keyword, or a threshold on the same name), since small counts recur by coincidence. Positions and allow-list are those of `magic-number-comparison` and `literal-hyperparameter`.',
    rationale:
      'When the same cut-off is typed in several places, changing it in one and not the others silently gives inconsistent results: it should be one named value.',
    corpus:
      '240 findings (mostly `cv=3`, `n_clusters`, `epochs` repeated across teaching notebooks); agreed by definition when read, but noisy, hence info severity. Small integers are grouped by role, which removed coincidental matches (`3` as `cv` vs `3` as `n_clusters`).',
    paper: '§6 Configuration Debt',
    options: {},
    examples: {
      bad: [
        {
          code: 'y_pred = proba > 0.35',
          cells: [
            { source: 'y_pred = proba > 0.35' },
            { source: 'alerts = df[df.score > 0.35]' }
          ]
        }
      ],
      good: [
        {
          code: 'y_pred = proba > THRESHOLD',
          cells: [
            { source: 'THRESHOLD = 0.35', tags: ['parameters'] },
            { source: 'y_pred = proba > THRESHOLD' },
            { source: 'alerts = df[df.score > THRESHOLD]' }
          ]
        }
      ]
    }
  },
  check({ model, optionsOf, report }) {
    const comparisons = optionsOf('magic-number-comparison');
    const hyper = optionsOf('literal-hyperparameter');
    const byValue = new Map<
      string,
      { cell: IAnalysedCell; site: ILiteralSite }[]
    >();
    for (const cell of model.codeCells) {
      const sites = [
        ...comparisonSites(model, cell, {
          allow: comparisons.allow,
          includeEquality: comparisons.includeEquality
        }),
        ...hyperparameterSites(model, cell, { vocabulary: hyper.vocabulary })
      ];
      for (const site of sites) {
        if (
          site.value === null ||
          (comparisons.allow as number[]).includes(site.value)
        ) {
          continue;
        }
        // Small integers recur by coincidence (`cv=3`, `n_clusters=3`): they
        // count as the same value only in the same role.
        const key =
          Number.isInteger(site.value) && Math.abs(site.value) < 100
            ? `${site.value}\u0000${site.constant}`
            : String(site.value);
        const list = byValue.get(key) ?? [];
        list.push({ cell, site });
        byValue.set(key, list);
      }
    }
    for (const list of byValue.values()) {
      const cells = [...new Set(list.map(x => x.cell.index))];
      if (cells.length < 2) {
        continue;
      }
      for (const { cell, site } of list) {
        const others = cells.filter(i => i !== cell.index).map(i => i + 1);
        report({
          cell,
          from: site.from,
          to: site.to,
          message: `\`${site.raw}\` is also written in cell${others.length > 1 ? 's' : ''} ${others.join(', ')}: declare it once as a named constant in the \`parameters\` cell and use the name everywhere.`,
          extract: { name: site.constant }
        });
      }
    }
  }
};
