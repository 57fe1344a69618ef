import { FRAGMENT_RULES } from '../testing/rules';
/** One problem, one finding: how the engine merges what several reports see. */
import { notebook } from '../testing/notebook';
import { Engine } from './engine';
import { applyFix } from './fix';
import { cellText } from './notebook';

const analyse = (...args: Parameters<Engine['analyse']>) =>
  new Engine(FRAGMENT_RULES).analyse(...args).findings;

describe('one finding per problem', () => {
  it('reports one literal written in several cells once, with the others related, and fixes them all', () => {
    const nb = notebook([
      'a = RandomForestClassifier(n_estimators=500)',
      'b = RandomForestRegressor(n_estimators=500)',
      'c = ExtraTreesClassifier(n_estimators=500, max_depth=4)'
    ]);
    const findings = analyse(nb);
    const n = findings.filter(f => f.message.includes('`500`'));
    expect(n).toHaveLength(1);
    const [f] = n;
    expect(f.rule).toBe('literal-hyperparameter');
    expect(f.cell.index).toBe(0);
    expect(f.merged).toEqual(['repeated-literal']);
    expect(f.related?.map(r => r.cell.index)).toEqual([1, 2]);
    expect(f.message).toContain('also in cells 2 and 3');
    expect(f.message).toContain('pass the name everywhere');
    const fixed = applyFix(nb, f);
    expect(fixed.cells.map(c => cellText(c))).toEqual([
      'N_ESTIMATORS = 500',
      'a = RandomForestClassifier(n_estimators=N_ESTIMATORS)',
      'b = RandomForestRegressor(n_estimators=N_ESTIMATORS)',
      'c = ExtraTreesClassifier(n_estimators=N_ESTIMATORS, max_depth=4)'
    ]);
    // The other literal of the last cell is its own problem.
    expect(findings.filter(x => x.message.includes('`4`'))).toHaveLength(1);
  });

  it('keeps different values and different roles apart', () => {
    const findings = analyse(
      notebook([
        'a = KMeans(n_clusters=3)',
        'b = KMeans(n_clusters=5)',
        's = cross_val_score(m, X, y, cv=3)'
      ])
    );
    expect(findings.map(f => [f.cell.index, f.related?.length ?? 0])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0]
    ]);
  });

  it('names the same number in another role without replacing it', () => {
    const findings = analyse(
      notebook(['y_pred = proba > 0.35', 'alerts = df[df.score > 0.35]'])
    );
    expect(findings).toHaveLength(2);
    expect(findings[0].message).toContain(
      'The same number is also written in cell 2, in another role.'
    );
    expect(
      findings[0].fix!.filter(e => e.text === 'PROBA_THRESHOLD')
    ).toHaveLength(1);
  });

  it('lets repeated-literal report on its own when the rules it relates are off', () => {
    const findings = analyse(
      notebook(['y = p > 0.35', 'z = q > 0.35', 'w = r > 0.35']),
      {
        rules: {
          'magic-number-comparison': { enabled: false },
          'literal-hyperparameter': { enabled: false }
        }
      }
    );
    expect(findings.map(f => [f.rule, f.cell.index])).toEqual([
      ['repeated-literal', 0]
    ]);
    expect(findings[0].related?.map(r => r.cell.index)).toEqual([1, 2]);
    expect(findings[0].fix!.filter(e => e.text === 'P_THRESHOLD')).toHaveLength(
      3
    );
  });

  it('reports a machine-specific undeclared path once, by the more specific rule, keeping Declare input', () => {
    const findings = analyse(
      notebook([
        'import pandas as pd\ndf = pd.read_csv("/home/alice/data/train.csv")'
      ])
    );
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.rule).toBe('machine-specific-path');
    expect(f.merged).toEqual(['undeclared-read']);
    expect(f.message).toContain(
      'Also: undeclared data read (`undeclared-read`).'
    );
    expect(f.declare).toEqual({
      kind: 'input',
      source: '/home/alice/data/train.csv'
    });
  });

  it('reports a run of never-executed cells once, and nothing else inside them', () => {
    const findings = analyse(
      notebook([
        { source: 'x = load()', execution_count: 1 },
        'model = fit(x, n_estimators=500)',
        '# old = fit(x)\ny = 2',
        { source: 'print(x)', execution_count: 2 },
        'z = 3',
        { source: 'print(z)', execution_count: 3 }
      ])
    );
    expect(findings.map(f => [f.rule, f.cell.index])).toEqual([
      ['never-executed-cell', 1],
      ['never-executed-cell', 4]
    ]);
    expect(findings[0].message).toContain('and the 1 code cell after it');
    expect(findings[0].related?.map(r => r.cell.index)).toEqual([2]);
    expect(findings[1].related).toBeUndefined();
  });

  it('a suppressed literal leaves the other places of its problem reported', () => {
    const nb = notebook([
      'a = RandomForestClassifier(n_estimators=500)',
      'b = RandomForestRegressor(n_estimators=500)'
    ]);
    nb.cells[0].metadata = {
      mldebt: { ignore: [{ rule: 'literal-hyperparameter', line: 1 }] }
    };
    const findings = analyse(nb, {}, { keepSuppressed: true });
    const live = findings.filter(f => !f.suppressed);
    expect(live.map(f => [f.rule, f.cell.index])).toEqual([
      ['literal-hyperparameter', 1]
    ]);
  });
});
