/** hardcoded-threshold: the same number written in several cells. */
import { IRule } from '../core/rule';
import {
  comparisonSites,
  hyperparameterSites,
  ILiteralSite,
  IComparisonOptions,
  IHyperparameterOptions,
  siteKey
} from './literals';
import { IAnalysedCell, NotebookModel } from '../core/model';

export const repeatedLiteral: IRule = {
  meta: {
    id: 'repeated-literal',
    family: 'hardcoded-threshold',
    severity: 'info',
    secondary: true,
    title: 'The same number in several cells',
    description:
      'A non-allow-listed number (e.g. `0.35`) that appears in two or more cells in threshold or hyperparameter positions. One problem is one finding: where `magic-number-comparison` or `literal-hyperparameter` reports the same literal, that finding carries the other places as related locations; on its own (those rules off) this rule reports the first place, with the others related, and its fix replaces them all with one named constant. Integers below 100 count as the same value only in the same role (the same keyword, or a threshold on the same name), since small counts recur by coincidence. Positions and allow-list are those of `magic-number-comparison` and `literal-hyperparameter`.',
    rationale:
      'When the same cut-off is typed in several places, changing it in one and not the others silently gives inconsistent results: it should be one named value.',
    corpus:
      'Reviewed 2026-12-02 on ../shared/corpus: no findings of its own. Its 240 earlier findings repeated literals that `literal-hyperparameter` and `magic-number-comparison` report; they are now related locations of those findings (one problem, one finding).',
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
  // One key per value: a cell's sites are all a key's check reads of it.
  keyed: {
    cellKeys: (cell, { model, optionsOf }) =>
      keyedSites(model, cell, ...vocabularies(optionsOf)).keys
  },
  check({ model, optionsOf, keys, checkKey, report }) {
    const [comparisons, hyper] = vocabularies(optionsOf);
    const byValue = new Map<
      string,
      { cell: IAnalysedCell; site: ILiteralSite }[]
    >();
    const keysOf = (
      cell: IAnalysedCell,
      at: NotebookModel
    ): readonly string[] => keyedSites(at, cell, comparisons, hyper).keys;
    // After an edit, only the cells holding a key it touched: the index of
    // cells by key depends on the options, the imports and which cell holds
    // the parameters.
    const cells = keys
      ? model.cellsWithAnyKey(
          `${siteKey('repeated-literal', comparisons, model)}\u0000${siteKey('repeated-literal', hyper, model)}\u0000${model.parametersCell?.index}`,
          keysOf,
          keys
        )
      : model.codeCells;
    for (const cell of cells) {
      for (const { key, site } of keyedSites(model, cell, comparisons, hyper)
        .sites) {
        if (keys && !keys.has(key)) {
          continue;
        }
        const list = byValue.get(key);
        if (list) {
          list.push({ cell, site });
        } else {
          byValue.set(key, [{ cell, site }]);
        }
      }
    }
    for (const [key, list] of byValue) {
      if (list.length < 2 || list.every(x => x.cell === list[0].cell)) {
        continue;
      }
      checkKey(key, () => {
        for (const { cell, site } of list) {
          report({
            cell,
            from: site.from,
            to: site.to,
            message: `\`${site.raw}\` is a repeated literal`,
            extract: { name: site.constant, use: 'everywhere' },
            // The engine relates the group's places (see `secondary`).
            group: key
          });
        }
      });
    }
  }
};

/** The two rules' options that say which literals count. */
function vocabularies(
  optionsOf: (id: string) => Record<string, any>
): [IComparisonOptions, IHyperparameterOptions] {
  return [
    optionsOf('magic-number-comparison') as IComparisonOptions,
    optionsOf('literal-hyperparameter') as IHyperparameterOptions
  ];
}

/** A cell's sites with their grouping keys, memoised with the sites. */
function keyedSites(
  model: NotebookModel,
  cell: IAnalysedCell,
  comparisons: IComparisonOptions,
  hyper: IHyperparameterOptions
): IKeyedSites {
  const a = comparisonSites(model, cell, comparisons, hyper);
  const b = hyperparameterSites(model, cell, hyper);
  let memo = keyed.get(a);
  if (!memo || memo.other !== b) {
    const out: { key: string; site: ILiteralSite }[] = [];
    for (const site of [...a, ...b]) {
      if (site.value === null || comparisons.allow.includes(site.value)) {
        continue;
      }
      // Small integers recur by coincidence (`cv=3`, `n_clusters=3`): they
      // count as the same value only in the same role.
      const key =
        Number.isInteger(site.value) && Math.abs(site.value) < 100
          ? `${site.value}\u0000${site.constant}`
          : String(site.value);
      out.push({ key, site });
    }
    memo = { other: b, sites: out, keys: [...new Set(out.map(k => k.key))] };
    keyed.set(a, memo);
  }
  return memo;
}

interface IKeyedSites {
  sites: { key: string; site: ILiteralSite }[];
  /** Each key once. */
  keys: string[];
}

const keyed = new WeakMap<
  ILiteralSite[],
  IKeyedSites & { other: ILiteralSite[] }
>();
