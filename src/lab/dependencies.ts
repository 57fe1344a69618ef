/**
 * The dependency files of the open notebook's project, read through the
 * server's contents API (no network request of its own, no kernel). Silent
 * on every failure: without a contents API (JupyterLite without one), or
 * with no file found, rules about packages simply do not run.
 */
import {
  declaredPackageSet,
  IDeclaredDependencies,
  isDeclarationFile,
  parseDeclarationFile
} from '../core/dependencies';

/** The part of JupyterLab's `Contents.IManager` this needs. */
export interface IContentsReader {
  get(
    path: string,
    options?: {
      content?: boolean;
      type?: 'file' | 'directory';
      format?: 'text';
    }
  ): Promise<{ content?: unknown; type?: string; name?: string }>;
}

interface IEntry {
  name: string;
  type: string;
  path: string;
}

/** `a/b/c.ipynb` → `['a/b', 'a', '']`: the notebook's folder and those above, to the server root. */
export function foldersOf(notebookPath: string): string[] {
  const parts = notebookPath.split('/').filter(Boolean);
  parts.pop();
  const folders: string[] = [];
  for (let i = parts.length; i >= 0; i--) {
    folders.push(parts.slice(0, i).join('/'));
  }
  return folders;
}

function relative(from: string, to: string): string {
  const a = from ? from.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) {
    i++;
  }
  return [...Array(a.length - i).fill('..'), ...b.slice(i)].join('/');
}

/** Read again after this long, for files changed outside JupyterLab (a terminal, `git pull`). */
const STALE_MS = 30_000;

interface ICached {
  value: IDeclaredDependencies | undefined;
  at: number;
}

function signature(value: IDeclaredDependencies | undefined): string {
  return value
    ? `${value.files.join('\n')}\u0000${[...value.packages].sort().join(',')}\u0000${[...value.localModules].sort().join(',')}`
    : '';
}

export class DependencyLookup {
  private readonly byFolder = new Map<string, ICached>();
  private readonly loading = new Set<string>();

  /**
   * @param contents the server's contents manager, or null when there is none
   * @param loaded called when a folder's declarations arrive or change (re-analyse then)
   * @param now the clock (tests move it)
   */
  constructor(
    private readonly contents: IContentsReader | null,
    private readonly loaded: () => void,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** What is declared for the notebook at `notebookPath`; undefined while loading or when nothing is. */
  get(notebookPath: string): IDeclaredDependencies | undefined {
    const folder = foldersOf(notebookPath)[0];
    const cached = this.byFolder.get(folder);
    if (!cached || this.now() - cached.at > STALE_MS) {
      this.reload(folder, cached);
    }
    return cached?.value;
  }

  /** Forgets what was read for folders a changed file could affect. */
  invalidate(changedPath: string | null | undefined): void {
    const name = (changedPath ?? '').split('/').pop() ?? '';
    if (!changedPath || isDeclarationFile(name) || /\.py$/.test(name)) {
      // Keep the old values until the new ones arrive: no flicker.
      for (const entry of this.byFolder.values()) {
        entry.at = -Infinity;
      }
      this.loaded();
    }
  }

  private reload(folder: string, previous: ICached | undefined): void {
    if (!this.contents || this.loading.has(folder)) {
      return;
    }
    this.loading.add(folder);
    void this.load(folder).then(value => {
      this.loading.delete(folder);
      this.byFolder.set(folder, { value, at: this.now() });
      if (signature(value) !== signature(previous?.value)) {
        this.loaded();
      }
    });
  }

  private async load(
    folder: string
  ): Promise<IDeclaredDependencies | undefined> {
    const files: string[] = [];
    const packages: string[] = [];
    const localModules = new Set<string>();
    try {
      for (const dir of foldersOf(`${folder}/x`.replace(/^\//, ''))) {
        const listing = await this.contents!.get(dir, {
          content: true,
          type: 'directory'
        });
        const entries = Array.isArray(listing.content)
          ? (listing.content as IEntry[])
          : [];
        for (const entry of entries) {
          if (entry.type === 'directory') {
            localModules.add(entry.name);
          } else if (/\.py$/.test(entry.name)) {
            localModules.add(entry.name.replace(/\.py$/, ''));
          }
        }
        const declarations = entries.filter(
          e => e.type !== 'directory' && isDeclarationFile(e.name)
        );
        for (const entry of declarations.sort((a, b) =>
          a.name.localeCompare(b.name)
        )) {
          const file = await this.contents!.get(entry.path, {
            content: true,
            type: 'file',
            format: 'text'
          });
          if (typeof file.content !== 'string') {
            continue;
          }
          try {
            packages.push(
              ...parseDeclarationFile(entry.name, file.content).packages
            );
            files.push(relative(folder, entry.path));
          } catch {
            // A malformed file declares nothing; the CLI reports it.
          }
        }
      }
    } catch {
      // No contents API, no permission, a folder outside the root: say nothing.
      return undefined;
    }
    return files.length === 0
      ? undefined
      : { files, packages: declaredPackageSet(packages), localModules };
  }
}
