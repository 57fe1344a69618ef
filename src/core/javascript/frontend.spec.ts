import { parseJavaScript } from './frontend';

describe('JavaScript front-end', () => {
  it('parses module code with top-level await', () => {
    const r = parseJavaScript(
      'import * as tf from "@tensorflow/tfjs";\nconst data = await load();\nif (p.score > 0.66) { keep(p); }'
    );
    expect(r.error).toBeNull();
    expect(r.body.map(s => s.type)).toEqual(['Import', 'Assign', 'If']);
    const s = r.body[2];
    if (s.type === 'If' && s.test.type === 'Compare') {
      expect(s.test.ops).toEqual(['>']);
      expect(s.test.rights[0].type).toBe('Num');
    } else {
      throw new Error('expected if with comparison');
    }
  });

  it('collects line and block comments', () => {
    const r = parseJavaScript('// a\nlet x = 1; /* b */');
    expect(r.comments.map(c => c.text)).toEqual(['// a', '/* b */']);
  });

  it('recovers from a syntax error and reports it', () => {
    const r = parseJavaScript('let x = ;\nfunction f() { return 1; }');
    expect(r.error).not.toBeNull();
    expect(r.body.some(s => s.type === 'FunctionDef')).toBe(true);
  });

  it('lowers throw and return for reachability', () => {
    const r = parseJavaScript(
      'function f(x) {\n  throw new Error(x);\n  console.log(x);\n}'
    );
    const f = r.body[0];
    expect(f.type === 'FunctionDef' && f.body.map(s => s.type)).toEqual([
      'Raise',
      'Expr'
    ]);
  });
});
