/** undeclared-data: reads whose source cannot be resolved statically. */
import { IRule } from '../core/rule';
import { DATA_KEYED, manifestFor, quoted } from './data';

export const dynamicDataSource: IRule = {
  meta: {
    id: 'dynamic-data-source',
    family: 'undeclared-data',
    severity: 'info',
    title: 'Data source that cannot be checked',
    description:
      "A read whose source cannot be resolved statically (built from a function's return value, a loop variable, an index into a list, user input…) and is not built from declared names. A reader inside a helper function whose path is a parameter (`def read_data(filename): open(filename)`) gets one finding at the reader; its call sites are not reported separately.",
    rationale:
      'mldebt cannot tell which data this reads; declaring the inputs (or building the path from parameters) makes the dependency visible.',
    corpus:
      "Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/dynamic-data-source.tsv): 25 findings, 13 true, 0 false, 12 debatable; precision 1.00 over the judged ones. Reads through a helper's parameter are counted debatable: the call site is where to declare the file.",
    paper: '§3 Data Dependencies Cost More than Code Dependencies',
    options: {},
    examples: {
      bad: [
        {
          code: 'import pandas as pd\nfor f in files:\n    df = pd.read_csv(f)'
        },
        {
          code: 'def read_data(filename):\n    with open(filename) as fh:\n        return fh.read()'
        }
      ],
      good: [
        {
          code: 'import pandas as pd\ndf = pd.read_csv("data/train.csv")',
          note: 'resolved: reported by undeclared-read instead, if undeclared'
        }
      ]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (s.resolved || s.declared || s.kind === 'write' || s.shell) {
        continue;
      }
      const why = s.helperParameter
        ? `its path is the parameter \`${s.helperParameter.name}\` of \`${s.helperParameter.fn}()\`, so the files its callers pass are not checked`
        : 'its source cannot be resolved statically';
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` reads ${quoted(s)}: ${why}. Build it from names in the \`parameters\` cell, or declare the inputs in the notebook's metadata.`
      });
    }
  }
};
