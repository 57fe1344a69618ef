import { Engine } from '../core/engine';
import { applyEdits } from '../core/fix';
import { notebook } from '../testing/notebook';
import { RULES } from '.';

const engine = new Engine(RULES);

function commented(source: string) {
  return engine
    .analyse(notebook([source]), {})
    .findings.filter(f => f.rule === 'commented-out-code');
}

describe('commented-out-code', () => {
  it('reports a block split by blank lines once, and its fix removes all of it', () => {
    const source = 'x = 1\n# a = f(x)\n\n# b = g(a)\n\n# c = h(b)\ny = 2';
    const found = commented(source);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^3 lines of commented-out code/);
    expect(found[0].range.start.line).toBe(2);
    expect(found[0].range.end.line).toBe(6);
    expect(applyEdits(source, found[0].fix!)).toBe('x = 1\ny = 2');
  });

  it('previews the first commented line as code', () => {
    const [f] = commented(
      '# model = fit(X, y)\n# print(model.score(X, y))\nz = 0'
    );
    expect(f.message).toContain('(`model = fit(X, y)` \u2026)');
    const [one] = commented('x = 1\n# x = x.sample(frac=0.1)');
    expect(one.message).toContain('(`x = x.sample(frac=0.1)`)');
  });

  it('fences a preview that holds backticks, and cuts long lines', () => {
    const js = engine
      .analyse(
        notebook(['// const s = `a${b}`;\nconst t = 1;'], 'javascript'),
        {}
      )
      .findings.find(f => f.rule === 'commented-out-code')!;
    expect(js.message).toContain('(`` const s = `a${b}`; ``)');
    const long = '# result = compute(' + 'argument, '.repeat(10) + 'last)';
    const [f] = commented(long + '\ny = 1');
    expect(f.message).toMatch(/\(`result = compute\([^`]{30,}` \u2026\)/);
  });
});
