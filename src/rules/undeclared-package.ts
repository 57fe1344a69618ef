/** reproducibility: modules imported but declared in no dependency file and installed by no cell. */
import {
  declaredPackageSet,
  IDeclaredDependencies,
  normaliseDistribution
} from '../core/dependencies';
import { IAnalysedCell } from '../core/model';
import { IRule } from '../core/rule';
import {
  isEnvironmentModule,
  providers,
  suggestedDistribution
} from '../core/python/distributions';
import { STDLIB_MODULES } from '../core/python/names';
import {
  IImportSite,
  installLines,
  javascriptImports,
  pythonImports
} from './packages';

/** Node's own modules: never a package to declare. */
const NODE_BUILTINS = new Set(
  'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib test'.split(
    ' '
  )
);

/** The npm package a bare specifier names (`@scope/pkg/sub` → `@scope/pkg`), or null for paths, URLs and builtins. */
function npmPackage(specifier: string): string | null {
  if (/^(\.|\/|[a-z]+:)/.test(specifier)) {
    return null;
  }
  const parts = specifier.split('/');
  const name = specifier.startsWith('@')
    ? parts.slice(0, 2).join('/')
    : parts[0];
  // tslab's own module comes with the kernel.
  return NODE_BUILTINS.has(name.split('/')[0]) || name === 'tslab'
    ? null
    : name;
}

function describeFiles(deps: IDeclaredDependencies): string {
  if (deps.files.length === 0) {
    return 'no dependency file declares it';
  }
  const shown = deps.files
    .slice(0, 3)
    .map(f => `\`${f}\``)
    .join(', ');
  const more =
    deps.files.length > 3 ? ` and ${deps.files.length - 3} more` : '';
  return `it is declared in none of ${shown}${more}`;
}

export const undeclaredPackage: IRule = {
  meta: {
    id: 'undeclared-package',
    family: 'reproducibility',
    severity: 'warning',
    title: 'Imported package declared nowhere',
    description:
      "A module the notebook imports whose distribution is declared in none of the dependency files found in the notebook's folder or above it (up to the repository root): `requirements*.txt` (with `-r` includes), `pyproject.toml` (`[project]` dependencies and optional groups, `[dependency-groups]`, Poetry, PDM and uv groups), `environment.yml` (conda and its `pip:` list), `setup.cfg` (`install_requires`, `extras_require`), `Pipfile`, and `package.json` for JavaScript kernels; and installed by no `%pip install` / `!pip install` / `conda install` line of the notebook. The standard library (Python 3.8–3.13), relative imports, modules beside the notebook (`utils.py`, a package folder), the project's own package, modules the kernel or platform provides (`IPython`, `google.colab`, `kaggle_secrets`) and imports guarded by `try/except ImportError` are never reported; import names map to distributions for the common cases (`sklearn`→scikit-learn, `cv2`→opencv-python, `PIL`→pillow, `yaml`→pyyaml, `google.cloud.storage`→google-cloud-storage). When no dependency file exists the rule is silent (JupyterLab reads them through the server's contents API; `mldebt check` from disk, or the file given by `--requirements`). An install from a file or a variable (`%pip install -r reqs.txt`) may install anything, so it silences the rule. One finding per distribution, its other imports related.",
    rationale:
      "A package the notebook needs but the project does not declare is installed by hand on the author's machine: a colleague or CI that builds the environment from the declared files gets an ImportError, or a different version picked at random.",
    corpus:
      "Reviewed 2026-12-03 on ../shared/corpus, which holds notebooks without their projects, so the corpus run declares nothing (tests/corpus/requirements-none.txt) and every third-party import is a finding (tests/review/undeclared-package.tsv): 240 findings, 205 true, 0 false, 35 debatable; precision 1.00. The review checks the import-to-distribution reading: no standard-library, platform or generated (`*_pb2`) module is reported. Debatable: Kaggle's `learntools` (not on PyPI), the repositories' own packages and helpers (absent from the corpus copies), and packages that come with one the notebook pip-installs (`huggingface_hub` with `transformers`).",
    paper: '§7 Reproducibility Debt',
    options: {},
    examples: {
      bad: [
        {
          code: 'import lightgbm as lgb',
          note: 'requirements.txt lists pandas and scikit-learn only',
          declared: ['pandas', 'scikit-learn']
        }
      ],
      good: [
        {
          code: 'from sklearn.linear_model import LogisticRegression',
          note: 'requirements.txt lists scikit-learn',
          declared: ['scikit-learn']
        },
        {
          code: '%pip install lightgbm==4.5.0\nimport lightgbm as lgb',
          declared: ['pandas']
        },
        {
          code: 'import json, pathlib',
          note: 'the standard library',
          declared: []
        },
        {
          code: 'try:\n    import ujson as json\nexcept ImportError:\n    import json',
          declared: []
        }
      ]
    }
  },
  check({ model, dependencies, report }) {
    if (
      !dependencies ||
      (model.language !== 'python' && model.language !== 'javascript')
    ) {
      return;
    }
    const cells = model.codeCells.filter(c => c.facts!.parsed);
    // Distributions the notebook installs itself.
    const installed: string[] = [];
    for (const cell of cells) {
      for (const line of installLines(cell.facts!)) {
        if (line.opaque) {
          return;
        }
        installed.push(
          ...line.specs.map(s => s.name).filter((n): n is string => !!n)
        );
      }
    }
    // The project's set is normalised already: only the notebook's own
    // installs are added on each pass.
    const installs = declaredPackageSet(installed);
    const isDeclared = (names: string[]): boolean =>
      names.some(n => {
        const key = normaliseDistribution(n);
        return (
          dependencies.packages.has(n) ||
          dependencies.packages.has(key) ||
          installs.has(n) ||
          installs.has(key)
        );
      });
    const sites = (cell: IAnalysedCell): IImportSite[] =>
      model.language === 'python'
        ? pythonImports(cell.facts!)
        : javascriptImports(cell.facts!);
    for (const cell of cells) {
      for (const site of sites(cell)) {
        if (site.guarded) {
          continue;
        }
        let candidates: string[];
        let suggestion: string;
        if (model.language === 'python') {
          const top = site.module.split('.')[0];
          if (
            STDLIB_MODULES.has(top) ||
            top === '__future__' ||
            dependencies.localModules.has(top) ||
            // protoc output (`person_pb2`), generated beside the notebook
            /_pb2(_grpc)?$/.test(top) ||
            isEnvironmentModule(site.module)
          ) {
            continue;
          }
          candidates = providers(site.module);
          suggestion = suggestedDistribution(site.module);
        } else {
          const pkg = npmPackage(site.module);
          if (!pkg || dependencies.localModules.has(pkg)) {
            continue;
          }
          candidates = [pkg];
          suggestion = pkg;
        }
        if (isDeclared(candidates)) {
          continue;
        }
        const where =
          model.language === 'python'
            ? 'a requirements file or `pyproject.toml`'
            : '`package.json`';
        report({
          cell,
          from: site.from,
          to: site.to,
          group: suggestion,
          message: `\`${site.module}\` is imported, but ${describeFiles(dependencies)} and no cell installs it: whoever re-runs the notebook must guess that it needs \`${suggestion}\`, and which version. Declare \`${suggestion}\` in ${where}.`
        });
      }
    }
  }
};
