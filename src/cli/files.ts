/** Finding notebooks under the paths given on the command line. */
import * as fs from 'fs';
import * as path from 'path';

const SKIPPED_DIRS = new Set([
  'node_modules',
  '.ipynb_checkpoints',
  '__pycache__'
]);

export interface IFileTarget {
  path: string;
  /** Set when the path itself cannot be used. */
  error?: string;
}

export function collectNotebooks(paths: string[]): IFileTarget[] {
  const out: IFileTarget[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      out.push({ path: p, error: 'no such file or directory' });
      continue;
    }
    if (stat.isDirectory()) {
      walk(p, out);
    } else {
      out.push({ path: p });
    }
  }
  return out;
}

function walk(dir: string, out: IFileTarget[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    out.push({
      path: dir,
      error: `cannot read directory (${(e as NodeJS.ErrnoException).code ?? 'error'})`
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) {
        continue;
      }
      walk(full, out);
    } else if (entry.isFile() && entry.name.endsWith('.ipynb')) {
      out.push({ path: full });
    }
  }
}
