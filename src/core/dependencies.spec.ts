import {
  declaredPackageSet,
  DependencyFileError,
  isDeclarationFile,
  normaliseDistribution,
  parseDeclarationFile
} from './dependencies';
import { providers } from './python/distributions';

describe('dependency files', () => {
  it('knows which files declare dependencies', () => {
    for (const name of [
      'requirements.txt',
      'requirements-dev.txt',
      'requirements.in',
      'pyproject.toml',
      'environment.yml',
      'environment.yaml',
      'setup.cfg',
      'Pipfile',
      'package.json'
    ]) {
      expect(isDeclarationFile(name)).toBe(true);
    }
    for (const name of [
      'setup.py',
      'README.md',
      'Pipfile.lock',
      'requirements.md'
    ]) {
      expect(isDeclarationFile(name)).toBe(false);
    }
  });

  it('normalises distribution names as PEP 503 does', () => {
    expect(normaliseDistribution('Scikit_Learn')).toBe('scikit-learn');
    expect(normaliseDistribution('ruamel.yaml')).toBe('ruamel-yaml');
  });

  it('reads requirements files: specifiers, extras, markers, URLs, editables and includes', () => {
    const parsed = parseDeclarationFile(
      'requirements.txt',
      [
        '# pinned for the paper',
        'pandas[sql]>=2.0  # tables',
        'scikit-learn==1.5.2; python_version >= "3.9"',
        'torch @ https://download.example/torch-2.5.whl',
        '-e git+https://github.com/org/tool.git#egg=tool',
        'git+https://github.com/org/other.git#egg=other_pkg',
        '--index-url https://mirror.example/simple',
        '-r base.txt',
        '-c constraints.txt',
        'numpy \\',
        '  >=1.26',
        './local/path'
      ].join('\n')
    );
    expect(parsed.packages).toEqual([
      'pandas',
      'scikit-learn',
      'torch',
      'tool',
      'other_pkg',
      'numpy'
    ]);
    expect(parsed.includes).toEqual(['base.txt', 'constraints.txt']);
  });

  it('reads pyproject.toml: PEP 621, optional groups, dependency groups, Poetry, PDM and uv', () => {
    const parsed = parseDeclarationFile(
      'pyproject.toml',
      `
[project]
name = "churn-model"
dependencies = ["pandas>=2", "lightgbm"]
[project.optional-dependencies]
plots = ["matplotlib"]
[dependency-groups]
test = ["pytest", {include-group = "lint"}]
lint = ["ruff"]
[tool.poetry.dependencies]
python = "^3.11"
xgboost = "^2.0"
[tool.poetry.group.dev.dependencies]
black = "*"
[tool.pdm.dev-dependencies]
docs = ["mkdocs"]
[tool.uv]
dev-dependencies = ["ipykernel"]
`
    );
    expect(parsed.packages.sort()).toEqual(
      [
        'black',
        'churn-model',
        'ipykernel',
        'lightgbm',
        'matplotlib',
        'mkdocs',
        'pandas',
        'pytest',
        'ruff',
        'xgboost'
      ].sort()
    );
  });

  it('reads environment.yml: conda specs, channels and the pip list', () => {
    const parsed = parseDeclarationFile(
      'environment.yml',
      `name: churn
channels:
  - conda-forge
dependencies:
  - python=3.11
  - conda-forge::numpy>=1.26
  - pytorch  # conda's name for torch
  - pip
  - pip:
      - lightgbm==4.5.0
      - "shap"
variables:
  - NOT_A_PACKAGE
`
    );
    expect(parsed.packages).toEqual([
      'python',
      'numpy',
      'pytorch',
      'pip',
      'lightgbm',
      'shap'
    ]);
  });

  it('reads setup.cfg install_requires and extras_require', () => {
    const parsed = parseDeclarationFile(
      'setup.cfg',
      `[metadata]
name = tool
[options]
install_requires =
    requests>=2
    pyyaml
[options.extras_require]
ml = scikit-learn; xgboost
[flake8]
max-line-length = 100
`
    );
    expect(parsed.packages).toEqual([
      'requests',
      'pyyaml',
      'scikit-learn',
      'xgboost'
    ]);
  });

  it('reads Pipfile and package.json', () => {
    expect(
      parseDeclarationFile(
        'Pipfile',
        '[packages]\nrequests = "*"\n[dev-packages]\npytest = "*"\n[requires]\npython_version = "3.11"\n'
      ).packages
    ).toEqual(['requests', 'pytest']);
    expect(
      parseDeclarationFile(
        'package.json',
        JSON.stringify({
          name: 'viz',
          dependencies: { d3: '^7' },
          devDependencies: { '@types/d3': '^7' }
        })
      ).packages
    ).toEqual(['d3', '@types/d3', 'viz']);
  });

  it('fails with a one-line error on a malformed file', () => {
    expect(() =>
      parseDeclarationFile('pyproject.toml', '[project\nname = 1')
    ).toThrow(DependencyFileError);
    expect(() => parseDeclarationFile('package.json', '{')).toThrow(
      /^package\.json: not valid JSON/
    );
    try {
      parseDeclarationFile('pyproject.toml', '[project\nname = 1');
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });

  it('matches import names to the distributions that provide them', () => {
    expect(providers('sklearn.model_selection')).toContain('scikit-learn');
    expect(providers('cv2')).toContain('opencv-python-headless');
    expect(providers('torch.nn')).toContain('pytorch');
    expect(providers('google.cloud.storage')[0]).toBe('google-cloud-storage');
    expect(providers('azure.storage.blob')[0]).toBe('azure-storage-blob');
    expect(providers('lightgbm')).toEqual(['lightgbm']);
    const set = declaredPackageSet(['Scikit_Learn']);
    expect(set.has('scikit-learn')).toBe(true);
  });
});
