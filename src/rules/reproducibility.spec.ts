/** The reproducibility family on whole notebooks: one finding per problem, bounded, and incremental. */
import { declaredPackageSet } from '../core/dependencies';
import { Engine } from '../core/engine';
import { notebook } from '../testing/notebook';
import { RULES } from '.';

const only = (rule: string) => ({ rules: { [rule]: { enabled: true } } });

function findings(cells: string[], rule: string) {
  return new Engine(RULES)
    .analyse(notebook(cells), only(rule))
    .findings.filter(f => f.rule === rule);
}

describe('reproducibility family', () => {
  it('reports a name read in many cells once, listing its first 20 cells', () => {
    const cells = Array.from(
      { length: 30 },
      (_, i) => `r${i} = stale_frame.mean() + stale_frame.std()`
    );
    const [finding, ...others] = findings(cells, 'used-before-defined');
    expect(others).toEqual([]);
    expect(finding.cell.index).toBe(0);
    expect(finding.related).toHaveLength(19);
    expect(finding.related!.map(r => r.cell.index)).toEqual(
      Array.from({ length: 19 }, (_, i) => i + 1)
    );
    expect(finding.message).toContain(
      '`stale_frame` is read here but no cell of the notebook defines it'
    );
  });

  it('counts every unseeded draw of a source in one finding', () => {
    const cells = [
      'import numpy as np',
      ...Array.from({ length: 25 }, (_, i) => `x${i} = np.random.rand(3)`)
    ];
    const [finding, ...others] = findings(cells, 'unseeded-randomness');
    expect(others).toEqual([]);
    expect(finding.cell.index).toBe(1);
    expect(finding.message).toContain('24 more unseeded numpy draws follow');
    expect(finding.related).toHaveLength(19);
  });

  it('keeps separate sources apart and a seed covers only its own', () => {
    const got = findings(
      [
        'import numpy as np\nimport random\nimport torch',
        'torch.manual_seed(0)\nw = torch.randn(3)',
        'a = random.random()\nb = np.random.rand(2)'
      ],
      'unseeded-randomness'
    );
    expect(got.map(f => f.message.split(' ')[0])).toEqual([
      '`random.random`',
      '`np.random.rand`'
    ]);
  });

  it('gives the same findings incrementally as from scratch while names move between cells', () => {
    const engine = new Engine(RULES);
    let cells = [
      'import numpy as np',
      'print(model)',
      'model = 1',
      'y = np.random.rand(2)'
    ];
    for (const edit of [
      (c: string[]) => [c[0], 'model = 0', ...c.slice(1)],
      (c: string[]) => c.filter(s => s !== 'model = 0'),
      (c: string[]) => [c[0], 'np.random.seed(1)', ...c.slice(1)],
      (c: string[]) => c.map(s => (s === 'model = 1' ? 'modl = 1' : s))
    ]) {
      cells = edit(cells);
      const nb = notebook(cells);
      expect(engine.analyse(nb).findings).toEqual(
        new Engine(RULES).analyse(nb).findings
      );
    }
  });

  it('reads JavaScript requires against package.json, never Node builtins', () => {
    const nb = notebook(
      [
        "const d3 = require('d3');\nconst fs = require('fs');\nimport('lodash');\nconst chalk = require('chalk');"
      ],
      'javascript'
    );
    const got = new Engine(RULES)
      .analyse(nb, only('undeclared-package'), {
        dependencies: {
          files: ['package.json'],
          packages: declaredPackageSet(['d3']),
          localModules: new Set()
        }
      })
      .findings.filter(f => f.rule === 'undeclared-package');
    expect(got).toHaveLength(1);
    expect(got[0].message).toContain('`chalk` is imported');
    expect(got[0].message).toContain('Declare `chalk` in `package.json`');
  });
});
