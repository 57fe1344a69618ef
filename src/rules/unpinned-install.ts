/** reproducibility: `%pip install pkg` with no version. */
import { IRule } from '../core/rule';
import { installLines } from './packages';

export const unpinnedInstall: IRule = {
  meta: {
    id: 'unpinned-install',
    family: 'reproducibility',
    severity: 'info',
    title: 'Package installed without a version',
    description:
      'A `%pip install`, `!pip install` (also `python -m pip`, `uv pip`) or `conda install` line of a notebook that installs a package with no version: no `==`, `>=`, `~=` or other bound (a single `=` for conda), no URL, wheel or path. Installs from a file (`-r requirements.txt`), an editable path or a variable are not reported. One finding per line, naming every unpinned package on it.',
    rationale:
      'An unpinned install gets whatever version is newest the day the notebook is re-run: the notebook that worked last month breaks on an API change, or silently computes something else.',
    corpus:
      'Reviewed 2026-12-03, every finding on ../shared/corpus (tests/review/unpinned-install.tsv): 14 findings, 12 true, 0 false, 2 debatable; precision 1.00. The review found `!pip install - q - U Slacker` read as three packages (fixed: stray-space options are skipped); debatable are two `%pip install -q -U` lines under `if IS_COLAB or IS_KAGGLE:` that upgrade a hosted runtime on purpose.',
    paper: '§7 Reproducibility Debt',
    options: {},
    examples: {
      bad: [{ code: '%pip install transformers datasets' }],
      good: [
        { code: '%pip install transformers==4.46.3 datasets==3.1.0' },
        { code: '%pip install -r requirements.txt' }
      ]
    }
  },
  checkCell({ cell, report }) {
    if (cell.facts!.language !== 'python') {
      return;
    }
    for (const line of installLines(cell.facts!)) {
      const unpinned = line.specs.filter(s => !s.pinned && s.name);
      if (unpinned.length === 0) {
        continue;
      }
      const names = unpinned.map(s => `\`${s.spec}\``).join(', ');
      const example = `${unpinned[0].spec}${line.conda ? '=' : '=='}X.Y`;
      report({
        from: line.from,
        to: line.to,
        message: `${names} ${unpinned.length === 1 ? 'is' : 'are'} installed without a version: a re-run gets whatever is newest that day. Pin ${unpinned.length === 1 ? 'it' : 'each'} (\`${example}\`), or install from a pinned requirements file.`
      });
    }
  }
};
