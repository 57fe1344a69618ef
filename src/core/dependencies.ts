/**
 * The packages a project declares: requirements files, pyproject.toml,
 * environment.yml, setup.cfg, Pipfile and package.json, parsed without any
 * I/O so the CLI (which reads the files from disk) and JupyterLab (which
 * asks the contents API) share one reading of them.
 */
import { parse as parseToml } from 'smol-toml';

/** The dependency declarations found for one notebook. */
export interface IDeclaredDependencies {
  /** The files read, as the caller names them (for messages). */
  files: string[];
  /** Declared distributions, PEP 503-normalised (npm names as written). */
  packages: ReadonlySet<string>;
  /** Modules beside the notebook (`utils.py`, `src/`): local, never packages. */
  localModules: ReadonlySet<string>;
}

/** What one declaration file declares. */
export interface IParsedDeclarations {
  packages: string[];
  /** Requirements files it includes (`-r base.txt`), relative to it. */
  includes: string[];
}

export class DependencyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DependencyFileError';
  }
}

const FILE_NAME =
  /^(requirements[\w.-]*\.(txt|in)|pyproject\.toml|environment\.ya?ml|setup\.cfg|Pipfile|package\.json)$/;

/** A file that declares dependencies, by its base name. */
export function isDeclarationFile(name: string): boolean {
  return FILE_NAME.test(name);
}

/** PEP 503 normalisation: `Scikit_Learn` → `scikit-learn`. */
export function normaliseDistribution(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The distribution a PEP 508 requirement names (`pandas[sql]>=2; python_version<"3.12"`). */
export function requirementName(spec: string): string | null {
  const s = spec.trim();
  const egg = /#egg=([A-Za-z0-9][\w.-]*)/.exec(s);
  if (egg) {
    return egg[1];
  }
  if (/^[a-z+]+:\/\//i.test(s) || s.startsWith('.') || s.startsWith('/')) {
    return null;
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  return m ? m[1] : null;
}

function parseRequirements(text: string): IParsedDeclarations {
  const packages: string[] = [];
  const includes: string[] = [];
  const joined = text.replace(/\\\r?\n/g, ' ');
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#(?!egg=).*$/, '').trim();
    if (!line) {
      continue;
    }
    const include = /^(?:-r|--requirement|-c|--constraint)\s*=?\s*(\S+)/.exec(
      line
    );
    if (include) {
      includes.push(include[1]);
      continue;
    }
    const editable = /^(?:-e|--editable)\s*=?\s*(\S+)/.exec(line);
    const spec = editable ? editable[1] : line.startsWith('-') ? null : line;
    const name = spec && requirementName(spec);
    if (name) {
      packages.push(name);
    }
  }
  return { packages, includes };
}

function specNames(list: unknown): string[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .filter((s): s is string => typeof s === 'string')
    .map(requirementName)
    .filter((n): n is string => !!n);
}

function tableKeys(table: unknown): string[] {
  return table && typeof table === 'object' && !Array.isArray(table)
    ? Object.keys(table).filter(k => k !== 'python')
    : [];
}

function tableValues(table: unknown): unknown[] {
  return table && typeof table === 'object' && !Array.isArray(table)
    ? Object.values(table)
    : [];
}

function toml(text: string, file: string): Record<string, any> {
  try {
    return parseToml(text) as Record<string, any>;
  } catch (e) {
    const first = String((e as Error).message ?? e).split('\n')[0];
    throw new DependencyFileError(`${file}: not valid TOML (${first})`);
  }
}

function parsePyproject(text: string): IParsedDeclarations {
  const doc = toml(text, 'pyproject.toml');
  const project = doc.project ?? {};
  const poetry = doc.tool?.poetry ?? {};
  const packages = [
    ...specNames(project.dependencies),
    ...tableValues(project['optional-dependencies']).flatMap(specNames),
    ...tableValues(doc['dependency-groups']).flatMap(specNames),
    ...tableValues(doc.tool?.pdm?.['dev-dependencies']).flatMap(specNames),
    ...specNames(doc.tool?.uv?.['dev-dependencies']),
    ...tableKeys(poetry.dependencies),
    ...tableKeys(poetry['dev-dependencies']),
    ...tableValues(poetry.group).flatMap(g =>
      tableKeys((g as any)?.dependencies)
    )
  ];
  // The project itself: a notebook may import the package it sits in.
  for (const name of [project.name, poetry.name]) {
    if (typeof name === 'string') {
      packages.push(name);
    }
  }
  return { packages, includes: [] };
}

function parsePipfile(text: string): IParsedDeclarations {
  const doc = toml(text, 'Pipfile');
  return {
    packages: [...tableKeys(doc.packages), ...tableKeys(doc['dev-packages'])],
    includes: []
  };
}

/**
 * The `dependencies:` list of a conda environment file, and its `pip:`
 * sub-list. Line-based: environment files are flat lists, and reading them
 * this way needs no YAML parser in the browser bundle.
 */
function parseEnvironment(text: string): IParsedDeclarations {
  const packages: string[] = [];
  let inDeps = false;
  let depsIndent = -1;
  let pipIndent = -1;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) {
      continue;
    }
    const indent = line.length - line.trimStart().length;
    if (/^dependencies\s*:/.test(line)) {
      inDeps = true;
      depsIndent = -1;
      continue;
    }
    if (!inDeps) {
      continue;
    }
    const item = /^(\s*)-\s*(.+)$/.exec(line);
    if (!item) {
      if (indent === 0) {
        inDeps = false;
      }
      continue;
    }
    if (depsIndent < 0) {
      depsIndent = item[1].length;
    }
    const value = item[2].trim().replace(/^["']|["']$/g, '');
    if (item[1].length <= depsIndent) {
      pipIndent = -1;
      if (/^pip\s*:/.test(value)) {
        pipIndent = item[1].length;
        continue;
      }
      // `conda-forge::numpy>=1.26`, `python=3.11`, `pip`
      const name = /^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)/.exec(value);
      if (name) {
        packages.push(name[1]);
      }
    } else if (pipIndent >= 0) {
      const name = requirementName(value);
      if (name) {
        packages.push(name);
      }
    }
  }
  return { packages, includes: [] };
}

/** `install_requires` and `extras_require` of a setuptools `setup.cfg`. */
function parseSetupCfg(text: string): IParsedDeclarations {
  const packages: string[] = [];
  let section = '';
  let collecting = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '');
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      collecting = false;
      continue;
    }
    const assignment = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
    if (assignment) {
      collecting =
        (section === 'options' && assignment[1] === 'install_requires') ||
        section === 'options.extras_require';
      if (collecting && assignment[2].trim()) {
        packages.push(...specNames(assignment[2].split(/[,;]\s*(?=[A-Za-z])/)));
      }
      continue;
    }
    if (collecting && /^\s+\S/.test(line)) {
      const name = requirementName(line);
      if (name) {
        packages.push(name);
      }
    }
  }
  return { packages, includes: [] };
}

function parsePackageJson(text: string): IParsedDeclarations {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DependencyFileError(
      `package.json: not valid JSON (${(e as Error).message})`
    );
  }
  const packages: string[] = [];
  for (const key of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies'
  ]) {
    packages.push(...tableKeys(doc?.[key]));
  }
  if (typeof doc?.name === 'string') {
    packages.push(doc.name);
  }
  return { packages, includes: [] };
}

/** What a declaration file declares, by its base name. */
export function parseDeclarationFile(
  name: string,
  text: string
): IParsedDeclarations {
  if (name === 'pyproject.toml') {
    return parsePyproject(text);
  }
  if (name === 'Pipfile') {
    return parsePipfile(text);
  }
  if (/^environment\.ya?ml$/.test(name)) {
    return parseEnvironment(text);
  }
  if (name === 'setup.cfg') {
    return parseSetupCfg(text);
  }
  if (name === 'package.json') {
    return parsePackageJson(text);
  }
  return parseRequirements(text);
}

/** Package names (as written) gathered into the set rules test against. */
export function declaredPackageSet(names: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const n of names) {
    set.add(n);
    set.add(normaliseDistribution(n));
  }
  return set;
}
