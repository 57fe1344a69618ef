import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { Engine } from './engine';
import { applyEdits } from './fix';

function fixed(code: string, rule: string): string {
  const { findings } = new Engine(RULES).analyse(notebook([code]));
  const f = findings.find(x => x.rule === rule);
  if (!f || !f.fix) {
    throw new Error(`no fix from ${rule}`);
  }
  return applyEdits(code, f.fix);
}

describe('fixes', () => {
  it('deletes unreachable statements and keeps the terminator', () => {
    expect(
      fixed(
        'def f():\n    return 1\n    print(2)\n    print(3)\nx = f()',
        'unreachable-code'
      )
    ).toBe('def f():\n    return 1\nx = f()');
  });

  it('deletes a run of commented-out code, whole lines only', () => {
    expect(
      fixed(
        'df = load()\n# df = df.dropna()\n# df = df.sample(5)\ndf.head()',
        'commented-out-code'
      )
    ).toBe('df = load()\ndf.head()');
  });

  it('keeps a prose line above commented-out code', () => {
    expect(
      fixed(
        '# Older variant:\n# model = fit(X, y)\nx = 1',
        'commented-out-code'
      )
    ).toBe('# Older variant:\nx = 1');
  });

  it('applies several edits from the end backwards', () => {
    const edits = [
      {
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
        text: 'a'
      },
      {
        range: { start: { line: 2, column: 1 }, end: { line: 2, column: 2 } },
        text: 'b'
      }
    ];
    expect(applyEdits('x\ny', edits)).toBe('a\nb');
  });
});
