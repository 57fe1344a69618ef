import { dottedName, Expr, Stmt } from '../ast';
import { normaliseFloats, parseNumber, parsePython, unquote } from './frontend';

function parse(code: string): Stmt[] {
  const r = parsePython(code);
  expect(r.error).toBeNull();
  return r.body;
}

describe('Python front-end', () => {
  it('lowers assignments, calls and keyword arguments', () => {
    const [s] = parse(
      'model = GradientBoostingClassifier(n_estimators=500, learning_rate=0.05)'
    );
    expect(s.type).toBe('Assign');
    if (s.type !== 'Assign' || !s.value || s.value.type !== 'Call') {
      throw new Error('expected a call');
    }
    expect(dottedName(s.value.callee)).toBe('GradientBoostingClassifier');
    expect(
      s.value.args.map(a => [
        a.name,
        a.value.type === 'Num' ? a.value.value : null
      ])
    ).toEqual([
      ['n_estimators', 500],
      ['learning_rate', 0.05]
    ]);
  });

  it('keeps offsets true to the text', () => {
    const code = 'x = 1\nif proba > 0.37:\n    pass';
    const [, s] = parse(code);
    if (s.type !== 'If' || s.test.type !== 'Compare') {
      throw new Error('expected if with comparison');
    }
    const num = s.test.rights[0];
    expect(code.slice(num.from, num.to)).toBe('0.37');
    expect(s.test.ops).toEqual(['>']);
  });

  it('reads negative, scientific and trailing-dot numbers', () => {
    const [s] = parse('x = [-3, 1e-3, 2., 3.e2, 0x10]');
    if (s.type !== 'Assign' || !s.value || s.value.type !== 'Seq') {
      throw new Error('expected a list');
    }
    expect(
      s.value.elements.map(e => (e.type === 'Num' ? [e.value, e.raw] : null))
    ).toEqual([
      [-3, '-3'],
      [0.001, '1e-3'],
      [2, '2.'],
      [300, '3.e2'],
      [16, '0x10']
    ]);
  });

  it('does not rewrite dots inside strings or comments', () => {
    const code = 'a = "1." # 2.\nb = 1.';
    expect(normaliseFloats(code)).toBe('a = "1." # 2.\nb = 1 ');
  });

  it('lowers if/elif/else chains with their ranges', () => {
    const code = 'if a:\n    x = 1\nelif False:\n    x = 2\nelse:\n    x = 3';
    const [s] = parse(code);
    if (s.type !== 'If') {
      throw new Error('expected if');
    }
    const elif = s.orelse[0];
    expect(elif.type).toBe('If');
    if (elif.type !== 'If') {
      return;
    }
    expect(elif.isElif).toBe(true);
    expect(elif.test.type).toBe('Bool');
    expect(elif.orelse).toHaveLength(1);
    expect(code.slice(s.elseRange!.from, s.elseRange!.from + 4)).toBe('elif');
  });

  it('binds `not` tighter than `and`, as Python does', () => {
    const [s] = parse('if not True and x:\n    pass');
    if (s.type !== 'If') {
      throw new Error('expected if');
    }
    const t = s.test as Expr;
    expect(t.type).toBe('BoolOp');
    if (t.type === 'BoolOp') {
      expect(t.values[0].type).toBe('Not');
    }
  });

  it('lowers imports with aliases', () => {
    const [a, b] = parse(
      'import pandas as pd, os.path\nfrom sklearn.model_selection import train_test_split as tts, KFold'
    );
    expect(a.type === 'Import' && a.names).toEqual([
      { local: 'pd', qualified: 'pandas' },
      { local: 'os', qualified: 'os' }
    ]);
    expect(b.type === 'Import' && b.names).toEqual([
      { local: 'tts', qualified: 'sklearn.model_selection.train_test_split' },
      { local: 'KFold', qualified: 'sklearn.model_selection.KFold' }
    ]);
  });

  it('lowers functions, decorators, try, with and loops', () => {
    const body = parse(
      '@register\ndef f(a, lr=0.1):\n    return a\nfor i in range(3):\n    continue\nwith open(p) as fh:\n    data = fh.read()\ntry:\n    x = 1\nexcept ValueError as e:\n    raise'
    );
    expect(body.map(s => s.type)).toEqual([
      'FunctionDef',
      'For',
      'With',
      'Try'
    ]);
    const f = body[0];
    if (f.type === 'FunctionDef') {
      expect(f.decorators).toHaveLength(1);
      expect(f.params.map(p => p.name)).toEqual(['a', 'lr']);
      expect(f.params[1].default?.type).toBe('Num');
    }
    const t = body[3];
    if (t.type === 'Try') {
      expect(t.handlers[0].name).toBe('e');
      expect(t.handlers[0].body[0].type).toBe('Raise');
    }
  });

  it('collects comments and reports syntax errors with recovery', () => {
    const r = parsePython('x = 1  # keep\ndef broken(:\n    pass\ny = 2');
    expect(r.comments.map(c => c.text)).toEqual(['# keep']);
    expect(r.error).not.toBeNull();
    expect(r.body.some(s => s.type === 'Assign')).toBe(true);
  });

  it('reads string literals with and without prefixes, escapes and triple quotes', () => {
    const cases: [string, string][] = [
      ['"data.csv"', 'data.csv'],
      [`'a"b'`, 'a"b'],
      ['""', ''],
      ["''", ''],
      ['"a""', 'a'],
      ['"unterminated', 'unterminated'],
      ['"tab\\there"', 'tab\there'],
      ['"line\\none"', 'line\none'],
      ['"quote\\"d"', 'quote"d'],
      ['r"\\d+"', '\\d+'],
      ['b"bytes"', 'bytes'],
      ['"""doc"""', 'doc'],
      ["'''x'''", 'x']
    ];
    for (const [raw, value] of cases) {
      expect([raw, unquote(raw)]).toEqual([raw, value]);
    }
  });

  it('reads numbers in every Python notation', () => {
    const cases: [string, number][] = [
      ['42', 42],
      ['1_000', 1000],
      ['0.5', 0.5],
      ['.5', 0.5],
      ['1e-3', 0.001],
      ['10j', 10],
      ['0x1F', 31],
      ['0o17', 15],
      ['0b101', 5],
      ['0', 0]
    ];
    for (const [raw, value] of cases) {
      expect([raw, parseNumber(raw)]).toEqual([raw, value]);
    }
  });
});
