import { maskIPython } from './mask';

describe('maskIPython', () => {
  const same = (text: string): string => {
    const { code } = maskIPython(text);
    expect(code.length).toBe(text.length);
    expect(code.split('\n').map(l => l.length)).toEqual(
      text.split('\n').map(l => l.length)
    );
    return code;
  };

  it('masks line magics and shell escapes, keeping every offset', () => {
    const text = '%matplotlib inline\n!pip install x\nx = 1\n  !ls -la\n';
    const code = same(text);
    expect(code).toBe('_                 \n_             \nx = 1\n  _      \n');
    const { shellLines } = maskIPython(text);
    expect(shellLines.map(s => [s.line, s.kind, s.command])).toEqual([
      [1, 'magic', 'matplotlib inline'],
      [2, 'shell', 'pip install x'],
      [4, 'shell', 'ls -la']
    ]);
    expect(text.slice(shellLines[1].from, shellLines[1].to)).toBe(
      'pip install x'
    );
  });

  it('keeps assignments from shell and magics analysable', () => {
    const code = same('files = !ls data\nt = %time train(X)\n');
    expect(code).toBe('files = _       \nt =       train(X)\n');
  });

  it('keeps the statement of %time visible', () => {
    expect(same('%time model.fit(X, y)')).toBe('_;    model.fit(X, y)');
    expect(same('%timeit -n 3 f()')).toBe('_               ');
  });

  it('masks help syntax', () => {
    expect(same('df.head?')).toBe('df.head ');
    expect(same('np.array??')).toBe('np.array  ');
    expect(same('??np.array')).toBe('_;np.array');
  });

  it('analyses Python-bodied cell magics without their first line', () => {
    const r = maskIPython('%%time\nx = 1\n!echo hi');
    expect(r.cellMagic).toEqual({ name: 'time', args: '', pythonBody: true });
    expect(r.code).toBe('      \nx = 1\n_       ');
  });

  it('does not parse foreign cell magics but keeps shell bodies visible', () => {
    const bash = maskIPython('%%bash\nwget https://x.org/a.csv\n\ncurl -O b');
    expect(bash.cellMagic?.pythonBody).toBe(false);
    expect(bash.code.trim()).toBe('');
    expect(bash.shellLines.map(s => s.command)).toEqual([
      'wget https://x.org/a.csv',
      'curl -O b'
    ]);
    const sql = maskIPython('%%sql\nSELECT * FROM t');
    expect(sql.code.trim()).toBe('');
    expect(sql.shellLines).toEqual([]);
    expect(maskIPython('%%R\nlibrary(x)').cellMagic?.name).toBe('R');
  });

  it('leaves ! and % inside strings, brackets and expressions alone', () => {
    const text = 's = """\n!not a shell\n"""\nx = (1 +\n  2) % 3\ny = a != b\n';
    expect(same(text)).toBe(text);
  });

  it('masks the continuation lines of a magic ending in a backslash', () => {
    const code = same('!wget a \\\n   b\nx = 1');
    expect(code).toBe('_        \n    \nx = 1');
  });
});
