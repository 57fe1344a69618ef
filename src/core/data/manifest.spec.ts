import { RULES } from '../../rules';
import { notebook } from '../../testing/notebook';
import { Engine } from '../engine';
import { declareSource } from '../fix';
import { dataManifest, matchesDeclared } from './manifest';

const engine = new Engine(RULES);
const options = { declaredInputs: [], declaredOutputs: [], extraReaders: [] };

function manifest(
  cells: Parameters<typeof notebook>[0],
  meta: Record<string, unknown> = {}
) {
  return dataManifest(
    engine.analyse(notebook(cells, 'python', meta)).model,
    options
  );
}

describe('data manifest', () => {
  it('lists reads, downloads and writes with resolved sources and their cells', () => {
    const m = manifest([
      'import pandas as pd\nimport requests',
      'base = "data"\ntrain = f"{base}/train.csv"',
      'df = pd.read_csv(train)\nr = requests.get("https://example.com/a.json")\ndf.to_parquet("out/features.parquet")',
      '!wget -q https://example.com/b.zip'
    ]);
    expect(
      m.map(s => [
        s.kind,
        s.reader,
        s.source,
        s.cell.index,
        s.resolved,
        s.declared
      ])
    ).toEqual([
      ['read', 'pd.read_csv', 'data/train.csv', 2, true, false],
      [
        'download',
        'requests.get',
        'https://example.com/a.json',
        2,
        true,
        false
      ],
      ['write', '.to_parquet', 'out/features.parquet', 2, true, false],
      ['download', '!wget', 'https://example.com/b.zip', 3, true, false]
    ]);
  });

  it('treats sources built from parameters-cell names as declared', () => {
    const m = manifest([
      { source: 'DATA_DIR = "data"', metadata: { tags: ['parameters'] } },
      'import os, pandas as pd\na = pd.read_csv(os.path.join(DATA_DIR, "a.csv"))\nb = pd.read_csv(DATA_DIR + "/b.csv")'
    ]);
    expect(m.map(s => [s.source, s.declaredBy])).toEqual([
      ['{DATA_DIR}/a.csv', 'parameters'],
      ['{DATA_DIR}/b.csv', 'parameters']
    ]);
  });

  it('resolves import aliases and traces values across cells', () => {
    const m = manifest([
      'from pandas import read_parquet as rp',
      'p = "x.parquet"',
      'q = p',
      'df = rp(q)'
    ]);
    expect(m.map(s => [s.reader, s.source])).toEqual([['rp', 'x.parquet']]);
  });

  it('marks helper readers whose path is a parameter', () => {
    const m = manifest([
      'def load(fp):\n    with open(fp) as fh:\n        return fh.read()',
      'x = load("a.txt")'
    ]);
    expect(m).toHaveLength(1);
    expect(m[0].helperParameter).toEqual({ name: 'fp', fn: 'load' });
  });

  it('knows files the notebook wrote itself', () => {
    const m = manifest([
      'import joblib',
      'joblib.dump(model, "m.pkl")',
      'model = joblib.load("m.pkl")'
    ]);
    expect(m.map(s => [s.kind, s.producedHere ?? false])).toEqual([
      ['write', false],
      ['read', true]
    ]);
  });

  it('honours declared inputs from metadata and settings', () => {
    const nb = notebook([
      'import pandas as pd\na = pd.read_csv("raw/2023/a.csv")\nb = pd.read_csv("https://example.org/data/b.csv")'
    ]);
    const undeclared = engine
      .analyse(nb)
      .findings.filter(f => f.rule === 'undeclared-read');
    expect(undeclared).toHaveLength(2);
    expect(undeclared[0].declare).toEqual({
      kind: 'input',
      source: 'raw/2023/a.csv'
    });
    const bySettings = engine.analyse(nb, {
      declaredInputs: ['raw/**/*.csv', 'https://example.org/data/']
    }).findings;
    expect(bySettings.filter(f => f.rule === 'undeclared-read')).toEqual([]);
    const declared = declareSource(nb, undeclared[0].declare!);
    expect(declared.metadata?.mldebt?.inputs).toEqual(['raw/2023/a.csv']);
    expect(nb.metadata?.mldebt).toBeUndefined();
    expect(
      engine
        .analyse(declared)
        .findings.filter(f => f.rule === 'undeclared-read')
        .map(f => f.declare!.source)
    ).toEqual(['https://example.org/data/b.csv']);
  });

  it('matches paths, globs and URL prefixes', () => {
    expect(matchesDeclared('data/a.csv', ['data/a.csv'])).toBe(true);
    expect(matchesDeclared('./data/a.csv', ['data/*.csv'])).toBe(true);
    expect(matchesDeclared('data/raw/x/y.csv', ['data/raw/*.csv'])).toBe(false);
    expect(matchesDeclared('data/raw/x/y.csv', ['data/raw/**/*.csv'])).toBe(
      true
    );
    expect(
      matchesDeclared('https://example.org/d/x.csv', ['https://example.org/d/'])
    ).toBe(true);
    expect(
      matchesDeclared('https://example.org/e.csv', ['https://example.org/d/'])
    ).toBe(false);
  });

  it('never treats comments, strings or markdown as reads', () => {
    const m = manifest([
      '# df = pd.read_csv("a.csv")\nprint("pd.read_csv(\'b.csv\')")',
      { cell_type: 'markdown', source: 'pd.read_csv("c.csv")' }
    ]);
    expect(m).toEqual([]);
  });
});
