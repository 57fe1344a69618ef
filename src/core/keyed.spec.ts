/**
 * Keyed rules: an edit re-checks only the keys it touches, and the findings
 * after any sequence of edits are those a fresh engine gives.
 */
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { declaredPackageSet } from './dependencies';
import { Engine, IAnalyseOptions } from './engine';
import { cellChanges, cellNameKeys } from './keyed';
import { NotebookModel } from './model';
import { parseNotebookText } from './notebook';
import { IRule } from './rule';
import { joinSource } from './text';
import { ICellInput, INotebookInput } from './types';
import { FactsCache } from './facts';
import { RULES } from '../rules';

const SEED = Number(process.env.MLDEBT_PROPERTY_SEED ?? 20261203);
const RUNS = Number(process.env.MLDEBT_PROPERTY_RUNS ?? 150);

function code(source: string, extra: Partial<ICellInput> = {}): ICellInput {
  return {
    cell_type: 'code',
    source,
    metadata: {},
    execution_count: null,
    ...extra
  };
}

function notebook(cells: ICellInput[]): INotebookInput {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells
  };
}

/** A keyed rule that reports every name bound in two cells, recording the keys it was asked for. */
function twoCellRule(asked: (ReadonlySet<string> | null)[]): IRule {
  return {
    meta: {
      id: 'two-cells',
      family: 'dead-code',
      severity: 'info',
      title: 'Bound in two cells',
      description: '',
      rationale: '',
      paper: '',
      options: {},
      examples: { bad: [], good: [] }
    },
    keyed: { cellKeys: cellNameKeys },
    check({ model, keys, checkKey, report }) {
      asked.push(keys);
      for (const name of keys ?? model.names()) {
        checkKey(name, () => {
          const cells = new Set(model.bindings(name).map(b => b.cell));
          if (cells.size >= 2) {
            const first = model.bindings(name)[0];
            report({
              cell: first.cell,
              from: first.item.from,
              to: first.item.to,
              message: `${name} in ${cells.size} cells`
            });
          }
        });
      }
    }
  };
}

describe('cellChanges', () => {
  const cache = new FactsCache();
  const model = (nb: INotebookInput, previous: NotebookModel | null = null) =>
    new NotebookModel(nb, 'python', cache, 'python', previous);

  it('lists the code cells whose text changed', () => {
    const a = model(notebook([code('x = 1'), code('y = 2'), code('z = 3')]));
    const b = model(notebook([code('x = 1'), code('y = 20'), code('z = 3')]));
    expect(cellChanges(a, b)!.map(c => c.after.index)).toEqual([1]);
    expect(cellChanges(a, a)).toEqual([]);
  });

  it('is null when more than text changed', () => {
    const a = model(notebook([code('x = 1'), code('y = 2')]));
    for (const cells of [
      [code('x = 1')],
      [code('x = 1'), code('y = 2'), code('z = 3')],
      [code('x = 1'), code('y = 2', { execution_count: 4 })],
      [code('x = 1'), code('y = 2', { metadata: { tags: ['parameters'] } })],
      [code('x = 1'), code('y = 2', { id: 'other' })],
      [code('x = 1'), { cell_type: 'markdown', source: 'y = 2', metadata: {} }],
      [code('import numpy as np'), code('y = 2')]
    ] as ICellInput[][]) {
      expect(cellChanges(a, model(notebook(cells)))).toBeNull();
    }
    expect(cellChanges(null, a)).toBeNull();
  });
});

describe('a keyed rule', () => {
  it('is asked only for the names the edited cell binds or reads, and keeps the other findings', () => {
    const asked: (ReadonlySet<string> | null)[] = [];
    const engine = new Engine([twoCellRule(asked)]);
    const cells = Array.from({ length: 30 }, (_, i) =>
      code(`a${i % 10} = ${i}\nb${i} = a${i % 10}`)
    );
    const first = engine.analyse(notebook(cells)).findings;
    expect(asked).toEqual([null]);
    expect(first.map(f => f.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `a${i} in 3 cells`)
    );
    const edited = cells.slice();
    edited[12] = code('a2 = 12\nc12 = a2');
    const second = engine.analyse(notebook(edited)).findings;
    expect([...asked[1]!].sort()).toEqual(['a2', 'b12', 'c12']);
    expect(second).toEqual(
      new Engine([twoCellRule([])]).analyse(notebook(edited)).findings
    );
    // The same names, kept: the finding objects are reused.
    expect(second[0]).toBe(first[0]);
  });

  it('is asked again for a key whose check looked up the bindings of a name only when an edit binds that name', () => {
    const asked: (ReadonlySet<string> | null)[] = [];
    // Each defined `f_N` is reported unless `helper` is bound somewhere: its
    // check depends on the bindings of `helper`, not on its reads.
    const rule = twoCellRule(asked);
    rule.keyed = {
      cellKeys: cell =>
        [...cell.facts!.bindingsByName.keys()].filter(n => n.startsWith('f_'))
    };
    rule.check = ({ model, keys, checkKey, report }) => {
      asked.push(keys);
      const names = keys ?? [...model.names()].filter(n => n.startsWith('f_'));
      for (const name of names) {
        checkKey(name, () => {
          const first = model.bindings(name)[0];
          if (first && model.bindingCount('helper') === 0) {
            report({
              cell: first.cell,
              from: first.item.from,
              to: first.item.to,
              message: `${name} without helper`
            });
          }
        });
      }
    };
    const cells = Array.from({ length: 6 }, (_, i) => code(`f_${i} = ${i}`));
    const engine = new Engine([rule]);
    expect(engine.analyse(notebook(cells)).findings).toHaveLength(6);
    const reading = cells.slice();
    reading[5] = code('f_5 = 5\nprint(helper)');
    expect(engine.analyse(notebook(reading)).findings).toHaveLength(6);
    const binding = reading.slice();
    binding[5] = code('f_5 = 5\nhelper = 1');
    expect(engine.analyse(notebook(binding)).findings).toHaveLength(0);
    expect(asked.map(k => (k ? [...k].sort() : null))).toEqual([
      null,
      ['f_5'],
      ['f_0', 'f_1', 'f_2', 'f_3', 'f_4', 'f_5']
    ]);
  });

  it('checks every key again after a structural change', () => {
    const asked: (ReadonlySet<string> | null)[] = [];
    const engine = new Engine([twoCellRule(asked)]);
    engine.analyse(notebook([code('a = 1'), code('a = 2')]));
    engine.analyse(notebook([code('a = 1'), code('a = 2'), code('b = 1')]));
    engine.analyse(notebook([code('a = 1'), code('a = 3'), code('b = 1')]));
    expect(asked.map(k => (k ? [...k].sort() : null))).toEqual([
      null,
      null,
      ['a']
    ]);
  });

  it('turns a report outside checkKey into one analysis note', () => {
    const rule = twoCellRule([]);
    rule.check = ({ model, report }) =>
      report({ cell: model.codeCells[0], from: 0, to: 1, message: 'x' });
    const findings = new Engine([rule]).analyse(
      notebook([code('a = 1')])
    ).findings;
    expect(findings.map(f => [f.family, f.message])).toEqual([
      [
        'analysis',
        'rule `two-cells` failed on this notebook and was skipped: a keyed rule reported outside checkKey, with no key'
      ]
    ]);
  });
});

// Edits as typing makes them, and some that change a cell's structure.
const SNIPPETS = [
  '\n',
  ' ',
  '#',
  '# ',
  '(',
  ')',
  ':',
  '"',
  '= ',
  ' = 0.35',
  ' > 0.5',
  'lr=0.01, ',
  'print(',
  'df',
  'model',
  'x',
  'if False:\n    ',
  'import numpy as np\n',
  'np.random.seed(0)\n',
  '!wget http://example.org/d.csv\n',
  '%store -r df\n',
  'def f():\n    return df\n',
  'q.check()\n',
  '__all__ = ["f"]\n',
  'del x\n',
  'global model\n',
  'from x import *\n',
  'np.random.rand(3)\n',
  'PATH = "data/train.csv"\n',
  'df = pd.read_csv(PATH)\n',
  'pd.read_csv("data/other.csv")\n',
  'seed = 42\n',
  'USE_GPU = False\n',
  'if USE_GPU:\n    model = 1\n',
  'epochs = 10\n'
];

/** Rules a cell's metadata may ignore in an edit. */
const IGNORED = [
  '*',
  'unseeded-randomness',
  'undeclared-read',
  'repeated-literal'
];

type Edit =
  | { kind: 'insert'; cell: number; at: number; snippet: number }
  | { kind: 'delete'; cell: number; at: number; length: number }
  | { kind: 'copy'; cell: number; from: number }
  | { kind: 'word'; cell: number; at: number; word: number }
  | { kind: 'run'; cell: number; count: number }
  | { kind: 'add'; cell: number; from: number }
  | { kind: 'tag'; cell: number }
  | { kind: 'ignore'; cell: number; rule: number }
  | { kind: 'declare'; source: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      cell: fc.nat(),
      at: fc.nat(),
      snippet: fc.nat(SNIPPETS.length - 1)
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      cell: fc.nat(),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 12 })
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('copy' as const),
      cell: fc.nat(),
      from: fc.nat()
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('word' as const),
      cell: fc.nat(),
      at: fc.nat(),
      word: fc.nat()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      cell: fc.nat(),
      count: fc.integer({ min: 1, max: 40 })
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      cell: fc.nat(),
      from: fc.nat()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('tag' as const), cell: fc.nat() })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ignore' as const),
      cell: fc.nat(),
      rule: fc.nat(IGNORED.length - 1)
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('declare' as const),
      source: fc.nat(2)
    })
  }
);

/** Applies an edit to a copy of the notebook's cells. */
function applyEdit(nb: INotebookInput, e: Edit): INotebookInput {
  const cells = nb.cells.slice();
  const i = ('cell' in e ? e.cell : 0) % cells.length;
  const text = joinSource(cells[i].source);
  const at = 'at' in e && text.length ? e.at % (text.length + 1) : 0;
  let next: string;
  switch (e.kind) {
    case 'insert':
      next = text.slice(0, at) + SNIPPETS[e.snippet] + text.slice(at);
      break;
    case 'delete':
      next = text.slice(0, at) + text.slice(at + e.length);
      break;
    case 'copy':
      next = joinSource(cells[e.from % cells.length].source);
      break;
    case 'word': {
      // A name used elsewhere in the notebook, typed here.
      const words = nb.cells
        .flatMap(c => joinSource(c.source).match(/[A-Za-z_]\w*/g) ?? [])
        .filter(w => w.length > 1);
      const word = words.length ? words[e.word % words.length] : 'x';
      next = text.slice(0, at) + word + text.slice(at);
      break;
    }
    case 'run':
      cells[i] = { ...cells[i], execution_count: e.count } as ICellInput;
      return { ...nb, cells };
    case 'add':
      cells.splice(i, 0, code(joinSource(cells[e.from % cells.length].source)));
      return { ...nb, cells };
    case 'tag': {
      // The parameters tag moves to, or off, this cell.
      const tags = (cells[i].metadata?.tags as string[] | undefined) ?? [];
      const tagged = tags.includes('parameters');
      cells[i] = {
        ...cells[i],
        metadata: {
          ...cells[i].metadata,
          tags: tagged
            ? tags.filter(t => t !== 'parameters')
            : [...tags, 'parameters']
        }
      };
      return { ...nb, cells };
    }
    case 'ignore': {
      const ignored = (cells[i].metadata?.mldebt as any)?.ignore ?? [];
      cells[i] = {
        ...cells[i],
        metadata: {
          ...cells[i].metadata,
          mldebt: {
            ignore: ignored.length ? [] : [{ rule: IGNORED[e.rule] }]
          }
        }
      };
      return { ...nb, cells };
    }
    case 'declare': {
      // The notebook declares a data input (or stops declaring it).
      const inputs = ['data/train.csv', 'data/*', 'data/other.csv'];
      const declared = (nb.metadata?.mldebt as any)?.inputs ?? [];
      const source = inputs[e.source];
      return {
        ...nb,
        metadata: {
          ...nb.metadata,
          mldebt: {
            ...(nb.metadata?.mldebt as object),
            inputs: declared.includes(source)
              ? declared.filter((x: string) => x !== source)
              : [...declared, source]
          }
        }
      };
    }
  }
  cells[i] = { ...cells[i], source: next };
  return { ...nb, cells };
}

function fixtureNotebooks(): {
  name: string;
  nb: INotebookInput;
  options: IAnalyseOptions;
}[] {
  const dir = path.join(__dirname, '..', 'rules', 'fixtures');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.ipynb'))
    .sort()
    .map(f => {
      const nb = parseNotebookText(fs.readFileSync(path.join(dir, f), 'utf8'));
      const deps = (nb.metadata as any)?.mldebt_test?.dependencies;
      const options: IAnalyseOptions = {
        keepSuppressed: true,
        dependencies: deps && {
          files: deps.files ?? [],
          packages: declaredPackageSet(deps.packages ?? []),
          localModules: new Set<string>(deps.localModules ?? [])
        }
      };
      return { name: f, nb, options };
    })
    .filter(x => x.nb.cells.some(c => c.cell_type === 'code'));
}

/** Findings in a form a failure shows readably. */
function summary(
  findings: {
    rule: string;
    cell: { index: number };
    range: { start: { line: number } };
    message: string;
  }[]
): string[] {
  return findings.map(
    f =>
      `${f.rule} ${f.cell.index}:${f.range.start.line} ${f.message.slice(0, 60)}`
  );
}

describe('incremental analysis with keyed rules', () => {
  const fixtures = fixtureNotebooks();

  it('gives what a fresh engine gives after every edit of every rule fixture', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    let compared = 0;
    let withFindings = 0;
    fc.assert(
      fc.property(
        fc.nat(fixtures.length - 1),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        (which, edits) => {
          const { nb: start, options } = fixtures[which];
          const engine = new Engine(RULES);
          let nb = start;
          engine.analyse(nb, {}, options);
          for (const e of edits) {
            nb = applyEdit(nb, e);
            const incremental = engine.analyse(nb, {}, options).findings;
            const fresh = new Engine(RULES).analyse(nb, {}, options).findings;
            expect(summary(incremental)).toEqual(summary(fresh));
            expect(JSON.stringify(incremental)).toBe(JSON.stringify(fresh));
            compared++;
            withFindings += fresh.length > 0 ? 1 : 0;
          }
        }
      ),
      { seed: SEED, numRuns: RUNS }
    );
    expect(compared).toBeGreaterThan(RUNS);
    expect(withFindings).toBeGreaterThan(compared / 2);
  });
  it('gives what a fresh engine gives while each fixture is typed in, cell by cell, forwards and backwards', () => {
    let compared = 0;
    for (const { name, nb: full, options } of fixtures) {
      for (const order of ['forwards', 'backwards']) {
        const indices = full.cells.map((_, i) => i);
        if (order === 'backwards') {
          indices.reverse();
        }
        const engine = new Engine(RULES);
        let nb: INotebookInput = {
          ...full,
          cells: full.cells.map(c => ({ ...c, source: '' }))
        };
        engine.analyse(nb, {}, options);
        for (const i of indices) {
          const cells = nb.cells.slice();
          cells[i] = full.cells[i];
          nb = { ...nb, cells };
          const incremental = engine.analyse(nb, {}, options).findings;
          const fresh = new Engine(RULES).analyse(nb, {}, options).findings;
          expect([name, order, summary(incremental)]).toEqual([
            name,
            order,
            summary(fresh)
          ]);
          expect(JSON.stringify(incremental)).toBe(JSON.stringify(fresh));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
