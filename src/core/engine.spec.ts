import { FRAGMENT_RULES } from '../testing/rules';
import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { Engine } from './engine';
import { parseCounter } from './facts';
import { fingerprint } from './suppression';
import { LineIndex } from './text';

function engine(): Engine {
  return new Engine(FRAGMENT_RULES);
}

describe('Engine', () => {
  it('returns findings in the public shape, sorted by cell, line, column, rule', () => {
    const nb = notebook([
      '# intro',
      'if False:\n    x = 1',
      'y = df[df.p > 0.4]\nz = df[df.q < 0.2]'
    ]);
    nb.cells[0].cell_type = 'markdown';
    const { findings } = engine().analyse(nb);
    expect(
      findings.map(f => [f.rule, f.cell.index, f.range.start.line])
    ).toEqual([
      ['constant-condition', 1, 1],
      ['magic-number-comparison', 2, 1],
      ['magic-number-comparison', 2, 2]
    ]);
    const f = findings[1];
    expect(f).toEqual({
      rule: 'magic-number-comparison',
      family: 'hardcoded-threshold',
      severity: 'warning',
      message: expect.stringContaining('`0.4`'),
      cell: { index: 2, id: 'c2' },
      range: { start: { line: 1, column: 15 }, end: { line: 1, column: 18 } },
      fix: expect.any(Array)
    });
  });

  it('is deterministic', () => {
    const nb = notebook([
      'if 0:\n    a = 1',
      'b = x > 3.5',
      'def f():\n    return 1\n    g()'
    ]);
    expect(JSON.stringify(engine().analyse(nb).findings)).toBe(
      JSON.stringify(engine().analyse(nb).findings)
    );
  });

  it('re-parses only the edited cell', () => {
    const e = engine();
    const cells = Array.from(
      { length: 50 },
      (_, i) => `x${i} = f(${i})\nif x${i} > ${i + 2}.5:\n    pass`
    );
    e.analyse(notebook(cells));
    const before = parseCounter.count;
    cells[17] = cells[17] + '\ny = 2';
    const { findings } = e.analyse(notebook(cells));
    expect(parseCounter.count - before).toBe(1);
    expect(findings.length).toBe(50);
  });

  it('prepares a large notebook in slices that always make progress', () => {
    const e = engine();
    const cells = Array.from(
      { length: 30 },
      (_, i) => `v${i} = g(${i})\nif v${i} > ${i + 2}.5:\n    pass`
    );
    const nb = notebook([...cells, '# a note', ...cells.slice(0, 3)]);
    const before = parseCounter.count;
    let calls = 0;
    // A zero budget still parses one new cell per call.
    while (!e.prepare(nb, 0)) {
      calls++;
      expect(parseCounter.count - before).toBe(calls);
    }
    expect(parseCounter.count - before).toBe(31);
    expect(e.prepare(nb, 0)).toBe(true);
    // The analysis then parses nothing more.
    const { findings } = e.analyse(nb);
    expect(parseCounter.count - before).toBe(31);
    // The last three cells repeat the first three: one finding each, related.
    expect(
      findings.filter(f => f.rule === 'magic-number-comparison')
    ).toHaveLength(30);
    expect(engine().prepare(notebook(['x <- 1'], 'R'), 0)).toBe(true);
  });

  it('reports a syntax error once and still analyses the other cells', () => {
    const { findings } = engine().analyse(
      notebook(['x = = 1\nprint(x)', 'if False:\n    x = 1'])
    );
    expect(
      findings.map(f => [f.rule, f.family, f.severity, f.cell.index])
    ).toEqual([
      ['syntax-error', 'analysis', 'info', 0],
      ['constant-condition', 'dead-code', 'warning', 1]
    ]);
  });

  it('skips unsupported kernel languages with one note', () => {
    const { findings, supported } = engine().analyse(
      notebook(['x <- 1', 'if (FALSE) { y <- 2 }'], 'R')
    );
    expect(supported).toBe(false);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'unsupported-language',
      family: 'analysis',
      severity: 'info'
    });
    expect(findings[0].message).toContain('R');
  });

  it('analyses JavaScript notebooks with acorn', () => {
    const { findings } = engine().analyse(
      notebook(
        [
          'if (false) {\n  retrain();\n}',
          'const keep = ps.filter(p => p.score > 0.66);'
        ],
        'javascript'
      )
    );
    expect(findings.map(f => f.rule)).toEqual([
      'constant-condition',
      'magic-number-comparison'
    ]);
  });

  it('never analyses markdown or raw cells as code', () => {
    const nb = notebook([
      { cell_type: 'markdown', source: 'if False:\n    x = 1' },
      { cell_type: 'raw', source: 'y = a > 5.5' }
    ]);
    expect(engine().analyse(nb).findings).toEqual([]);
  });

  it('reports code inside a dead block once', () => {
    const { findings } = engine().analyse(
      notebook([
        'if False:\n    y = df[df.p > 0.4]\n    def f():\n        return 1\n        g()'
      ])
    );
    expect(findings.map(f => f.rule)).toEqual(['constant-condition']);
  });

  it('applies configuration: rules off, families off, severities and options', () => {
    const nb = notebook(['if False:\n    x = 1', 'y = a > 5.5\nz = b > 7']);
    const e = engine();
    expect(
      e
        .analyse(nb, { rules: { 'constant-condition': { enabled: false } } })
        .findings.map(f => f.rule)
    ).toEqual(['magic-number-comparison', 'magic-number-comparison']);
    expect(
      e
        .analyse(nb, { families: { 'hardcoded-threshold': false } })
        .findings.map(f => f.rule)
    ).toEqual(['constant-condition']);
    expect(
      e.analyse(nb, { rules: { 'constant-condition': { severity: 'error' } } })
        .findings[0].severity
    ).toBe('error');
    const allow = e.analyse(nb, {
      rules: { 'magic-number-comparison': { options: { allow: [5.5] } } }
    }).findings;
    expect(allow.map(f => f.message.slice(0, 4))).toEqual(['`if ', '`7` ']);
  });

  it('isolates a crashing rule', () => {
    const bad = {
      meta: { ...RULES[2].meta, id: 'crashy' },
      check: () => {
        throw new Error('boom');
      }
    };
    const e = new Engine([bad, ...RULES]);
    const { findings } = e.analyse(notebook(['if False:\n    x = 1']));
    expect(findings.map(f => f.rule).sort()).toEqual([
      'constant-condition',
      'crashy'
    ]);
    expect(findings.find(f => f.rule === 'crashy')!.message).toContain('boom');
  });
});

describe('Suppression', () => {
  const code = 'a = 1\nb = x > 5.5\nc = y > 6.5';

  it('honours comment forms read-only', () => {
    const e = engine();
    const line = e.analyse(
      notebook([
        'b = x > 5.5  # mldebt: ignore[magic-number-comparison]\nc = y > 6.5'
      ])
    ).findings;
    expect(line.map(f => f.range.start.line)).toEqual([2]);
    const all = e.analyse(
      notebook(['b = x > 5.5  # mldebt: ignore\nc = y > 6.5'])
    ).findings;
    expect(all.map(f => f.range.start.line)).toEqual([2]);
    const family = e.analyse(
      notebook(['# mldebt: ignore-cell[hardcoded-threshold]\nb = x > 5.5'])
    ).findings;
    expect(family).toEqual([]);
    const js = e.analyse(
      notebook(
        ['const b = x > 5.5; // mldebt: ignore[magic-number-comparison]'],
        'javascript'
      )
    ).findings;
    expect(js).toEqual([]);
  });

  it('follows a fingerprint in cell metadata when the cell moves, and lapses when the code changes', () => {
    const e = engine();
    const first = e.analyse(notebook([code])).findings;
    expect(first).toHaveLength(2);
    const lines = new LineIndex(code);
    const fp = fingerprint(first[0], code, l => lines.lineStart(l));
    const ignored = {
      mldebt: {
        ignore: [
          {
            rule: 'magic-number-comparison',
            fingerprint: fp,
            reason: 'documented cut-off'
          }
        ]
      }
    };
    const moved = notebook([
      'z = 0',
      { source: '\n\n' + code, metadata: ignored }
    ]);
    const kept = e.analyse(moved).findings;
    expect(kept.map(f => f.message.slice(0, 5))).toEqual(['`6.5`']);
    const withSuppressed = e.analyse(
      moved,
      {},
      { keepSuppressed: true }
    ).findings;
    expect(withSuppressed.find(f => f.suppressed)?.suppressed).toEqual({
      reason: 'documented cut-off'
    });
    const changed = notebook([
      { source: code.replace('5.5', '5.75'), metadata: ignored }
    ]);
    expect(e.analyse(changed).findings).toHaveLength(2);
  });

  it('honours notebook-level ignores by rule or family', () => {
    const nb = notebook([code], 'python', {
      mldebt: { ignore: ['hardcoded-threshold'] }
    });
    expect(engine().analyse(nb).findings).toEqual([]);
  });

  it('never writes to the notebook', () => {
    const nb = notebook([code]);
    const before = JSON.stringify(nb);
    engine().analyse(nb);
    expect(JSON.stringify(nb)).toBe(before);
  });
});

describe('incremental analysis', () => {
  it('gives the same findings as a fresh engine after every edit', () => {
    const templates = [
      (i: number) => `flag_${i % 3} = False\nif flag_${i % 3}:\n    x = ${i}`,
      (i: number) =>
        `model = fit(X, y, lr=0.0${(i % 7) + 1})\nmodel = fit2(X, y)`,
      (i: number) => `def helper_${i % 4}(a):\n    return a\n    print(a)`,
      (i: number) =>
        `df = pd.read_csv("data/p${i % 5}.csv")\nhelper_${(i + 1) % 4}(df)`,
      (i: number) =>
        `# old = compute(${i})\nkeep = df[df.score > 0.${(i % 9) + 1}]`,
      (i: number) => `import pandas as pd\nprint(model)`
    ];
    const cells = Array.from({ length: 40 }, (_, i) =>
      templates[i % templates.length](i)
    );
    const incremental = new Engine(RULES);
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 60; step++) {
      const at = random(cells.length);
      // Edits that add, remove and rename names, as typing does.
      if (step % 10 === 9) {
        cells.splice(at, 0, templates[random(templates.length)](random(50)));
      } else {
        cells[at] = templates[random(templates.length)](random(50));
      }
      const nb = notebook(cells);
      const expected = new Engine(RULES).analyse(nb).findings;
      expect(incremental.analyse(nb).findings).toEqual(expected);
    }
  });
});
