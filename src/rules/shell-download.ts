/** undeclared-data: downloads by shell escapes and bash cells. */
import { IRule } from '../core/rule';
import { DATA_KEYED, manifestFor, quoted } from './data';

export const shellDownload: IRule = {
  meta: {
    id: 'shell-download',
    family: 'undeclared-data',
    severity: 'warning',
    title: 'Undeclared shell download',
    description:
      'A shell escape or a `%%bash` cell that fetches data (`!wget`, `!curl`, `!gsutil cp`, `!aws s3 cp`, `!kaggle … download`, `!git clone`, `!gdown`) from a source that is not declared (`{NAME}`/`$NAME` expansions of parameters-cell names count as declared). Offers "Declare input".',
    rationale:
      'A download hidden in a shell line is a data dependency nobody sees when reading the code cells: it is neither versioned nor reviewed.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/shell-download.tsv): 3 findings, 3 true, 0 false, 0 debatable; precision 1.00 over the judged ones.',
    paper: '§3 Data Dependencies Cost More than Code Dependencies',
    options: {},
    examples: {
      bad: [
        {
          code: '!wget -q https://example.com/data/churn.csv -O data/churn.csv'
        },
        { code: '%%bash\naws s3 cp s3://bucket/train.parquet data/' }
      ],
      good: [
        { code: '!pip install pandas' },
        {
          code: '!wget -q {DATA_URL}',
          cells: [
            {
              source: 'DATA_URL = "https://example.com/d.csv"',
              tags: ['parameters']
            },
            { source: '!wget -q {DATA_URL}' }
          ]
        }
      ]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (!s.shell || s.declared) {
        continue;
      }
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` downloads ${quoted(s)}, which this notebook does not declare: put the URL in the \`parameters\` cell, or declare it as an input.`,
        declare: { kind: 'input', source: s.source }
      });
    }
  }
};
