/** undeclared-data: absolute, user-specific and platform-mount paths. */
import { IRule } from '../core/rule';
import { DATA_KEYED, manifestFor, quoted } from './data';

const MACHINE_SPECIFIC =
  /^(\/home\/|\/Users\/|\/root\/|~[/\\]|[A-Za-z]:[\\/]|\\\\|\/kaggle\/input\/|\/kaggle\/working\/|\/content\/drive\/|\/content\/|\/dbfs\/|\/mnt\/|\/Volumes\/|\/gdrive\/)/;

export function isMachineSpecific(path: string): boolean {
  return MACHINE_SPECIFIC.test(path);
}

export const machineSpecificPath: IRule = {
  meta: {
    id: 'machine-specific-path',
    family: 'undeclared-data',
    severity: 'warning',
    title: 'Absolute or machine-specific path',
    description:
      'A read or write of an absolute, user-specific or platform-mount path (`/home/…`, `/Users/…`, `C:\\…`, `~/…`, `/kaggle/input/…`, `/content/drive/…`, `/dbfs/…`, `/mnt/…`), also when declared: it breaks on every other machine.',
    rationale:
      'A path that only exists on one laptop or one hosted platform makes the notebook unreproducible anywhere else, declared or not.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/machine-specific-path.tsv): 2 findings, 2 true, 0 false, 0 debatable; precision 1.00 over the judged ones.',
    paper: '§3 Data Dependencies Cost More than Code Dependencies',
    options: {},
    examples: {
      bad: [
        {
          code: 'import pandas as pd\ndf = pd.read_csv("/home/alice/projects/churn/train.csv")'
        },
        { code: 'df.to_csv("C:/Users/bob/out.csv")' },
        {
          code: 'import pandas as pd\ntrain = pd.read_csv("/kaggle/input/titanic/train.csv")'
        }
      ],
      good: [
        { code: 'import pandas as pd\ndf = pd.read_csv("data/train.csv")' }
      ]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (!s.resolved || !isMachineSpecific(s.source)) {
        continue;
      }
      const verb =
        s.kind === 'write'
          ? 'writes'
          : s.kind === 'download'
            ? 'downloads to'
            : 'reads';
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` ${verb} ${quoted(s)}, a path that only exists on one machine: use a path relative to the project, built from a name in the \`parameters\` cell.`
      });
    }
  }
};
