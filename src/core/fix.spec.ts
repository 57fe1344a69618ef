import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { Engine } from './engine';
import { applyEdits, applyFix } from './fix';

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

describe('extract to parameters', () => {
  const engine = new Engine(RULES);
  const threshold = (nb: ReturnType<typeof notebook>) => {
    const f = engine
      .analyse(nb)
      .findings.find(x => x.rule === 'magic-number-comparison');
    if (!f) {
      throw new Error('no threshold finding');
    }
    return f;
  };
  const sources = (nb: ReturnType<typeof notebook>) =>
    nb.cells.map(c => [c.source, c.metadata?.tags ?? []]);

  it('creates a tagged parameters cell at the top when there is none', () => {
    const nb = notebook(['import numpy as np', 'at_risk = X[proba > 0.37]']);
    const out = applyFix(nb, threshold(nb));
    expect(sources(out)).toEqual([
      ['PROBA_THRESHOLD = 0.37', ['parameters']],
      ['import numpy as np', []],
      ['at_risk = X[proba > PROBA_THRESHOLD]', []]
    ]);
    expect(nb.cells).toHaveLength(2);
  });

  it('appends to the existing parameters cell, keeping the literal as written', () => {
    const nb = notebook([
      { source: 'SEED = 42\n', metadata: { tags: ['parameters'] } },
      'keep = df[df.p >= 1e-3]'
    ]);
    const out = applyFix(nb, threshold(nb));
    expect(sources(out)).toEqual([
      ['SEED = 42\nP_THRESHOLD = 1e-3', ['parameters']],
      ['keep = df[df.p >= P_THRESHOLD]', []]
    ]);
  });

  it('avoids a name already in use, and reuses one declared with the same value', () => {
    const taken = notebook([
      { source: 'SEED = 1', metadata: { tags: ['parameters'] } },
      'PROBA_THRESHOLD = compute()',
      'y = proba > 0.5'
    ]);
    expect(sources(applyFix(taken, threshold(taken)))[0][0]).toBe(
      'SEED = 1\nPROBA_THRESHOLD_2 = 0.5'
    );
    const declared = notebook([
      { source: 'PROBA_THRESHOLD = 0.5', metadata: { tags: ['parameters'] } },
      'y = proba > 0.5'
    ]);
    const out = applyFix(declared, threshold(declared));
    expect(sources(out)).toEqual([
      ['PROBA_THRESHOLD = 0.5', ['parameters']],
      ['y = proba > PROBA_THRESHOLD', []]
    ]);
  });

  it('names hyperparameters after their keyword', () => {
    const nb = notebook(['m = GradientBoostingClassifier(learning_rate=0.05)']);
    const f = engine
      .analyse(nb)
      .findings.find(x => x.rule === 'literal-hyperparameter')!;
    expect(sources(applyFix(nb, f))[1][0]).toBe(
      'm = GradientBoostingClassifier(learning_rate=LEARNING_RATE)'
    );
    expect(
      engine
        .analyse(applyFix(nb, f))
        .findings.filter(x => x.family === 'hardcoded-threshold')
    ).toEqual([]);
  });

  it('names in the message exactly what the fix writes', () => {
    const nb = notebook([
      { source: 'SEED = 1', metadata: { tags: ['parameters'] } },
      'a = RandomForestClassifier(n_estimators=200)\nb = GradientBoostingClassifier(n_estimators=500)'
    ]);
    const [first, second] = engine
      .analyse(nb)
      .findings.filter(x => x.rule === 'literal-hyperparameter');
    // Two values, two names: the second is not promised the first's name.
    expect(first.message).toContain('declare it once as `N_ESTIMATORS` in');
    expect(second.message).toContain('declare it once as `N_ESTIMATORS_2` in');
    const out = applyFix(nb, second);
    expect(sources(out)[0][0]).toBe('SEED = 1\nN_ESTIMATORS_2 = 500');
    expect(sources(out)[1][0]).toContain('(n_estimators=N_ESTIMATORS_2)');
  });

  it('reuses a parameter that already holds the value, in any case or with a suffix', () => {
    for (const declared of ['n_estimators = 500', 'N_ESTIMATORS_2 = 500']) {
      const name = declared.split(' ')[0];
      const nb = notebook([
        { source: declared, metadata: { tags: ['parameters'] } },
        'm = RandomForestClassifier(n_estimators=500)'
      ]);
      const f = engine
        .analyse(nb)
        .findings.find(x => x.rule === 'literal-hyperparameter')!;
      expect(f.message).toContain(
        `\`${name}\` in the \`parameters\` cell already holds this value; pass that name instead.`
      );
      expect(sources(applyFix(nb, f))).toEqual([
        [declared, ['parameters']],
        [`m = RandomForestClassifier(n_estimators=${name})`, []]
      ]);
    }
  });
});
