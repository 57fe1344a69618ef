import { DependencyLookup, foldersOf, IContentsReader } from './dependencies';

/** A contents manager over an in-memory tree; `paths` maps file paths to text. */
function fakeContents(
  paths: Record<string, string>
): IContentsReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async get(path: string, options?: { type?: string }) {
      calls.push(path);
      if (options?.type === 'directory') {
        const prefix = path ? `${path}/` : '';
        const names = new Map<string, string>();
        for (const p of Object.keys(paths)) {
          if (p.startsWith(prefix)) {
            const rest = p.slice(prefix.length).split('/');
            names.set(rest[0], rest.length > 1 ? 'directory' : 'file');
          }
        }
        return {
          type: 'directory',
          content: [...names].map(([name, type]) => ({
            name,
            type,
            path: prefix + name
          }))
        };
      }
      if (!(path in paths)) {
        throw new Error('404');
      }
      return { type: 'file', content: paths[path] };
    }
  };
}

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('DependencyLookup', () => {
  it('lists the notebook folder and those above it', () => {
    expect(foldersOf('a/b/nb.ipynb')).toEqual(['a/b', 'a', '']);
    expect(foldersOf('nb.ipynb')).toEqual(['']);
  });

  it('reads declaration files through the contents API, once per folder, then re-analyses', async () => {
    const contents = fakeContents({
      'requirements.txt': 'pandas\n',
      'proj/pyproject.toml': '[project]\ndependencies = ["scikit-learn"]\n',
      'proj/nb/utils.py': '',
      'proj/nb/a.ipynb': '{}',
      'proj/nb/b.ipynb': '{}'
    });
    let loaded = 0;
    const lookup = new DependencyLookup(contents, () => loaded++);
    expect(lookup.get('proj/nb/a.ipynb')).toBeUndefined();
    await flush();
    await flush();
    expect(loaded).toBe(1);
    const deps = lookup.get('proj/nb/b.ipynb')!;
    expect(deps.files).toEqual(['../pyproject.toml', '../../requirements.txt']);
    expect(deps.packages.has('scikit-learn')).toBe(true);
    expect(deps.packages.has('pandas')).toBe(true);
    expect(deps.localModules.has('utils')).toBe(true);
    const calls = contents.calls.length;
    lookup.get('proj/nb/a.ipynb');
    expect(contents.calls.length).toBe(calls);
    // A notebook saved elsewhere changes nothing; a requirements file saved
    // in JupyterLab is read again, the old value kept until then.
    lookup.invalidate('proj/nb/a.ipynb');
    lookup.get('proj/nb/a.ipynb');
    expect(contents.calls.length).toBe(calls);
    lookup.invalidate('proj/nb/requirements.txt');
    expect(loaded).toBe(2);
    expect(lookup.get('proj/nb/a.ipynb')).toBe(deps);
    await flush();
    await flush();
    expect(contents.calls.length).toBeGreaterThan(calls);
    // Nothing changed: no re-analysis for it.
    expect(loaded).toBe(2);
  });

  it('reads the files again when they are stale, for changes made outside JupyterLab', async () => {
    const files: Record<string, string> = {
      'requirements.txt': 'pandas\n',
      'a.ipynb': '{}'
    };
    let clock = 0;
    let loaded = 0;
    const lookup = new DependencyLookup(
      fakeContents(files),
      () => loaded++,
      () => clock
    );
    lookup.get('a.ipynb');
    await flush();
    await flush();
    expect(lookup.get('a.ipynb')!.packages.has('numpy')).toBe(false);
    files['requirements.txt'] = 'pandas\nnumpy\n';
    clock = 10_000;
    expect(lookup.get('a.ipynb')!.packages.has('numpy')).toBe(false);
    clock = 31_000;
    lookup.get('a.ipynb');
    await flush();
    await flush();
    expect(lookup.get('a.ipynb')!.packages.has('numpy')).toBe(true);
    expect(loaded).toBe(2);
  });

  it('stays silent without a contents API, with no files, or when the server fails', async () => {
    let loaded = 0;
    expect(
      new DependencyLookup(null, () => loaded++).get('a.ipynb')
    ).toBeUndefined();
    const empty = new DependencyLookup(
      fakeContents({ 'a.ipynb': '{}' }),
      () => loaded++
    );
    empty.get('a.ipynb');
    await flush();
    expect(empty.get('a.ipynb')).toBeUndefined();
    const failing = new DependencyLookup(
      { get: () => Promise.reject(new Error('no server')) },
      () => loaded++
    );
    failing.get('x/a.ipynb');
    await flush();
    expect(failing.get('x/a.ipynb')).toBeUndefined();
    expect(loaded).toBe(0);
  });

  it('ignores a malformed file and reads the others', async () => {
    const lookup = new DependencyLookup(
      fakeContents({
        'package.json': '{',
        'requirements.txt': 'numpy\n',
        'a.ipynb': '{}'
      }),
      () => undefined
    );
    lookup.get('a.ipynb');
    await flush();
    await flush();
    expect(lookup.get('a.ipynb')!.files).toEqual(['requirements.txt']);
  });
});
