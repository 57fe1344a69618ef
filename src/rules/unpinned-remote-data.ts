/** undeclared-data: remote data read without a version, revision or checksum. */
import { IRule } from '../core/rule';
import { DATA_KEYED, manifestFor, quoted } from './data';

export const unpinnedRemoteData: IRule = {
  meta: {
    id: 'unpinned-remote-data',
    family: 'undeclared-data',
    severity: 'info',
    title: 'Remote data without a pinned version',
    description:
      'An `http(s)://`, `s3://`, `gs://` or `hf://` source (or a hub dataset/model) read directly with no version, revision, commit or checksum in the URL (`/v2/`, a commit hash, `?versionId=`) or in the arguments (`revision=`, `sha256=`, `file_hash=`…).',
    rationale:
      'Remote data can change under the notebook: without a pinned version, re-running it silently trains on different data.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/unpinned-remote-data.tsv): 6 findings, 6 true, 0 false, 0 debatable; precision 1.00 over the judged ones.',
    paper: '§3 Data Dependencies Cost More than Code Dependencies',
    options: {},
    examples: {
      bad: [
        {
          code: 'import pandas as pd\ndf = pd.read_csv("https://raw.githubusercontent.com/org/repo/master/data.csv")'
        },
        { code: 'from datasets import load_dataset\nds = load_dataset("imdb")' }
      ],
      good: [
        {
          code: 'import pandas as pd\ndf = pd.read_csv("https://raw.githubusercontent.com/org/repo/3f2a9c1d5e7b8a0c4d6e2f1a3b5c7d9e0f1a2b3c/data.csv")'
        },
        {
          code: 'from datasets import load_dataset\nds = load_dataset("imdb", revision="e6281661")'
        }
      ]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (!s.remote || s.pinned || s.kind === 'write') {
        continue;
      }
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` reads remote data ${quoted(s)} without a pinned version: pin a version, revision, commit or checksum so re-runs read the same data.`,
        group: s.source
      });
    }
  }
};
