/** Finds and reads the dependency files that declare a notebook's packages, from disk. */
import * as fs from 'fs';
import * as path from 'path';
import {
  declaredPackageSet,
  DependencyFileError,
  IDeclaredDependencies,
  isDeclarationFile,
  parseDeclarationFile
} from '../core/dependencies';

/** Modules beside a notebook: `utils.py` and package folders. */
function localModules(dir: string): Set<string> {
  const names = new Set<string>();
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return names;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) {
      continue;
    }
    if (e.isDirectory()) {
      names.add(e.name);
    } else if (/\.py$/.test(e.name)) {
      names.add(e.name.replace(/\.py$/, ''));
    }
  }
  return names;
}

/**
 * Reads declaration files, following `-r` includes once each. Found files
 * are shown relative to the notebook's folder (`../pyproject.toml`), files
 * given on the command line as they were typed.
 */
function readFiles(files: { path: string; shown: string }[]): {
  files: string[];
  packages: string[];
} {
  const seen = new Set<string>();
  const shown: string[] = [];
  const packages: string[] = [];
  const visit = (file: { path: string; shown: string }): void => {
    const abs = path.resolve(file.path);
    if (seen.has(abs)) {
      return;
    }
    seen.add(abs);
    const rel = file.shown;
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      throw new DependencyFileError(
        `${rel}: cannot read dependency file (${(e as NodeJS.ErrnoException).code ?? 'error'})`
      );
    }
    let parsed;
    try {
      parsed = parseDeclarationFile(path.basename(abs), text);
    } catch (e) {
      throw new DependencyFileError(
        `${rel}: ${(e as Error).message.replace(/^[^:]+: /, '')}`
      );
    }
    shown.push(rel);
    packages.push(...parsed.packages);
    for (const include of parsed.includes) {
      visit({
        path: path.resolve(path.dirname(abs), include),
        shown: path.join(path.dirname(rel), include)
      });
    }
  };
  files.forEach(visit);
  return { files: shown, packages };
}

/** The folders from `dir` up to the repository root (a folder with `.git`) or the filesystem root. */
function foldersAbove(dir: string): string[] {
  const folders: string[] = [];
  let cur = path.resolve(dir);
  for (;;) {
    folders.push(cur);
    const parent = path.dirname(cur);
    if (fs.existsSync(path.join(cur, '.git')) || parent === cur) {
      return folders;
    }
    cur = parent;
  }
}

/** Declaration files in the folders from `dir` up to the repository root. */
function declarationFilesAbove(dir: string): string[] {
  const found: string[] = [];
  for (const folder of foldersAbove(dir)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(folder);
    } catch {
      names = [];
    }
    for (const name of names.sort()) {
      if (isDeclarationFile(name)) {
        found.push(path.join(folder, name));
      }
    }
  }
  return found;
}

export class DependencyFinder {
  private readonly cache = new Map<string, IDeclaredDependencies | undefined>();

  /** @param explicit files given by `--requirements`: they replace the search. */
  constructor(private readonly explicit: string[] = []) {}

  /** What is declared for notebooks in `dir`, or undefined when no file declares anything. */
  find(dir: string): IDeclaredDependencies | undefined {
    const abs = path.resolve(dir);
    if (this.cache.has(abs)) {
      return this.cache.get(abs);
    }
    const files =
      this.explicit.length > 0
        ? this.explicit.map(f => ({ path: f, shown: f }))
        : declarationFilesAbove(abs).map(f => ({
            path: f,
            shown: path.relative(abs, f)
          }));
    let result: IDeclaredDependencies | undefined;
    if (files.length > 0) {
      const read = readFiles(files);
      result = {
        files: read.files,
        packages: declaredPackageSet(read.packages),
        // The repository's own packages may sit at its root, above a
        // `notebooks/` folder: every folder searched counts.
        localModules: new Set(
          foldersAbove(abs).flatMap(f => [...localModules(f)])
        )
      };
    }
    this.cache.set(abs, result);
    return result;
  }
}
