import { FRAGMENT_RULES } from '../testing/rules';
/**
 * The false-positive classes and recall gaps found by reviewing real
 * notebooks (issue: precision as a reviewer sees it), one must-not-find or
 * must-find case each.
 */
import { Engine } from '../core/engine';
import { IFinding } from '../core/types';
import { CellSpec, notebook } from '../testing/notebook';

const findings = (cells: CellSpec[]): IFinding[] =>
  new Engine(FRAGMENT_RULES).analyse(notebook(cells)).findings;
const rules = (cells: CellSpec[]): string[] =>
  findings(cells).map(f => `${f.rule}@${f.cell.index}:${f.range.start.line}`);

describe('must not find', () => {
  it.each([
    ['a library default typed out', 'scores = cross_val_score(m, X, y, cv=5)'],
    [
      'a query on a fitted model',
      'd, i = knn.kneighbors(X_new, n_neighbors=1)'
    ],
    [
      'a batching knob of a data pipeline',
      'ds = ds.map(tok, batched=True, batch_size=1000)'
    ],
    [
      'a plotting helper default',
      'def plot_boundary(clf, X, y, alpha=0.5):\n    pass'
    ],
    ['a weekday test', 'weekend = df[df.date.dt.dayofweek >= 5]'],
    [
      'commented-out exercise blanks',
      'X = load()\n# X_cd = ____\n# q_1.hint()'
    ],
    ['a commented-out install hint', '# !pip install datasets transformers'],
    [
      'worked arithmetic in comments',
      'm = f()\n# total = 2 * |10 - 2| = 14\n# count = 1\n# result = 14 / 1 = 14'
    ],
    [
      'a sentence after a magic name',
      'x = 1\n# %tensorflow_version only exists in Colab.'
    ]
  ])('%s', (_name, code) => {
    // The code's names are used by a later cell, as in a real notebook.
    expect(rules([code, 'use(plot_boundary)'])).toEqual([]);
  });

  it('library notebooks: API defaults and test cells', () => {
    expect(
      rules([
        '#| default_exp core',
        '#| export\ndef fit(X, y, lr=0.003, epochs=10):\n    return X',
        'test_eq(fit([1], [2], lr=0.1), [1])\nassert score(0.5) > 0.3'
      ])
    ).toEqual([]);
  });

  it('one clean configuration cell near the top', () => {
    expect(
      rules([
        'import torch',
        'lr = 5e-4\nn_epochs = 10\nbatch_size = 64',
        'train(lr, n_epochs, batch_size)'
      ])
    ).toEqual([]);
  });

  it('a Spark format string as the data source', () => {
    const f = findings([
      "df = spark.read.format('com.databricks.spark.csv').option('header', 'true').load('data/flights.csv')"
    ]);
    expect(f.map(x => x.declare?.source)).toEqual(['data/flights.csv']);
  });
});

describe('must find', () => {
  it('commented-out debug output, at info', () => {
    const [f] = findings(['x = f()\n# print(x)\n# display(df)']);
    expect([f.rule, f.severity]).toEqual(['commented-out-code', 'info']);
  });

  it.each([
    [
      'clip.load',
      "import clip\nmodel, pre = clip.load('ViT-B/32')",
      'ViT-B/32'
    ],
    [
      'a torchvision dataset that downloads',
      "import torchvision\nds = torchvision.datasets.CIFAR10(root='./data', download=True)",
      'torchvision.datasets.CIFAR10'
    ],
    [
      'GloVe',
      "from torchtext.vocab import GloVe\nv = GloVe(name='6B', dim=100)",
      'torchtext.vocab.GloVe'
    ],
    [
      'a keras dataset',
      'from tensorflow import keras\n(X, y), _ = keras.datasets.mnist.load_data()',
      'tensorflow.keras.datasets.mnist'
    ],
    [
      'an ISLP-style named dataset',
      "from ISLP import load_data\nBoston = load_data('Boston')",
      'Boston'
    ],
    [
      'a Spark csv reader',
      "df = spark.read.csv('data/airports.csv')",
      'data/airports.csv'
    ]
  ])('a named data read: %s', (_name, code, source) => {
    const f = findings([code]).filter(x => x.declare);
    expect(f.map(x => x.declare!.source)).toEqual([source]);
  });

  it('hyperparameters scattered over cells, with Extract to parameters', () => {
    const f = findings([
      'X, y = load()',
      'lr = 5e-4\nmodel = build()',
      'n_epochs = 10\nfit(model, X, y, lr, n_epochs)'
    ]).filter(x => x.rule === 'hyperparameter-outside-parameters');
    expect(f.map(x => [x.cell.index, x.fix?.[0].text])).toEqual([
      [1, 'LEARNING_RATE'],
      [2, 'N_EPOCHS']
    ]);
  });

  it('a split ratio, once per notebook with the other places related', () => {
    const f = findings([
      'a = train_test_split(X, y, test_size=0.1)',
      'b = train_test_split(X2, y2, test_size=0.1)'
    ]);
    expect(f.map(x => [x.rule, x.cell.index, x.related?.length])).toEqual([
      ['literal-hyperparameter', 0, 1]
    ]);
  });

  it('a decision cut-off copied across cells, once', () => {
    const f = findings([
      'y_pred = proba > 0.37',
      'alerts = df[df.proba > 0.37]'
    ]);
    expect(f.map(x => [x.rule, x.cell.index, x.related?.length])).toEqual([
      ['magic-number-comparison', 0, 1]
    ]);
  });
});
