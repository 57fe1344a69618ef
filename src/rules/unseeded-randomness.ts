/** reproducibility: random draws, shuffles and random initialisation with no seed set before them. */
import { Expr, IArg, Stmt, walkStmts } from '../core/ast';
import { derive } from '../core/facts';
import { BoundedMemo } from '../core/memo';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { IRule } from '../core/rule';
import { siteKey } from './literals';
import { optionSet } from './util';

/**
 * Which random number generator a call draws from, and so which seed makes
 * it repeatable. `generator` is a fresh generator built without a seed: no
 * global seed reaches it.
 */
export type RandomSource =
  | 'numpy'
  | 'random'
  | 'torch'
  | 'tensorflow'
  | 'sklearn'
  | 'pandas'
  | 'generator';

/** What a seed call makes repeatable; `all` for helpers such as `seed_everything`. */
type SeedScope = RandomSource | 'all';

/** Sources a seed of each scope covers (sklearn and pandas fall back on numpy's global state). */
const COVERS: Record<SeedScope, ReadonlySet<RandomSource>> = {
  numpy: new Set(['numpy', 'sklearn', 'pandas']),
  random: new Set(['random']),
  torch: new Set(['torch']),
  tensorflow: new Set(['tensorflow']),
  sklearn: new Set(),
  pandas: new Set(),
  generator: new Set(),
  all: new Set(['numpy', 'random', 'torch', 'tensorflow', 'sklearn', 'pandas'])
};

/** Estimators, splitters and helpers that draw from `random_state` (last name of the callee). */
export const RANDOM_STATE_CALLEES = [
  'train_test_split',
  'ShuffleSplit',
  'StratifiedShuffleSplit',
  'GroupShuffleSplit',
  'RepeatedKFold',
  'RepeatedStratifiedKFold',
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'RandomTreesEmbedding',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'HistGradientBoostingClassifier',
  'HistGradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'BaggingClassifier',
  'BaggingRegressor',
  'AdaBoostClassifier',
  'AdaBoostRegressor',
  'IsolationForest',
  'KMeans',
  'MiniBatchKMeans',
  'TruncatedSVD',
  'TSNE',
  'MLPClassifier',
  'MLPRegressor',
  'SGDClassifier',
  'SGDRegressor',
  'Perceptron',
  'RandomizedSearchCV',
  'GaussianMixture',
  'BayesianGaussianMixture',
  'LatentDirichletAllocation',
  'make_classification',
  'make_regression',
  'make_blobs',
  'make_moons',
  'make_circles',
  'shuffle',
  'resample',
  'permutation_importance',
  'UMAP',
  'SMOTE',
  'RandomUnderSampler',
  'RandomOverSampler'
];

/** Libraries whose callees the `random_state` vocabulary applies to. */
const RANDOM_STATE_LIBRARIES = /^(sklearn|umap|imblearn)\./;
/** Splitters that draw only when asked to shuffle. */
const SHUFFLE_OPTIONAL = new Set([
  'KFold',
  'StratifiedKFold',
  'GroupKFold',
  'StratifiedGroupKFold'
]);

const NUMPY_NOT_DRAWS = new Set([
  'seed',
  'get_state',
  'set_state',
  'Generator',
  'BitGenerator'
]);
const NUMPY_GENERATORS = new Set([
  'default_rng',
  'RandomState',
  'SeedSequence',
  'PCG64',
  'PCG64DXSM',
  'MT19937',
  'Philox',
  'SFC64'
]);
const RANDOM_NOT_DRAWS = new Set([
  'seed',
  'getstate',
  'setstate',
  'SystemRandom'
]);
const TORCH_DRAWS = new Set([
  'rand',
  'randn',
  'randint',
  'randperm',
  'rand_like',
  'randn_like',
  'randint_like',
  'normal',
  'bernoulli',
  'multinomial',
  'poisson'
]);
const TF_RANDOM_NOT_DRAWS = new Set([
  'set_seed',
  'Generator',
  'get_global_generator',
  'set_global_generator'
]);
const KERAS_MODEL =
  /^(tensorflow\.)?(keras|tensorflow\.python\.keras)\.(models\.)?(Sequential|Model)$/;
/** Keyword arguments that give a call its own seed. */
const SEED_KEYWORDS = new Set([
  'random_state',
  'seed',
  'generator',
  'rng',
  'key'
]);

interface IRandomEvent {
  kind: 'seed' | 'draw';
  scope: SeedScope;
  from: number;
  to: number;
  /** The callee as written (`np.random.rand`, `train_test_split`). */
  callee: string;
  /** Why it draws, for the message. */
  why: string;
  /** The name a module-level `name = call(...)` binds, if any. */
  target?: string;
}

export interface IUnseededOptions {
  randomStateCallees: string[];
}

function keyword(
  call: Expr & { type: 'Call' },
  name: string
): IArg | undefined {
  return call.args.find(a => a.name === name);
}

function isTrue(e: Expr | undefined): boolean {
  return !!e && e.type === 'Bool' && e.value;
}

function isNone(e: Expr | undefined): boolean {
  return !!e && e.type === 'None';
}

/** A seed argument that fixes the state: present and not `None`. */
function seeded(call: Expr & { type: 'Call' }): boolean {
  const first = call.args.find(a => !a.star);
  return !!first && !isNone(first.value);
}

/** The call has its own seed or forwards unknown keyword arguments. */
function hasOwnSeed(call: Expr & { type: 'Call' }): boolean {
  return call.args.some(
    a =>
      a.star === '**' ||
      (!!a.name && SEED_KEYWORDS.has(a.name) && !isNone(a.value))
  );
}

/**
 * Could `classify` find a seed or a draw in a call to this imported name
 * (leaving aside a callee whose last name mentions a seed)? Memoised: most
 * calls go to the same few hundred names, and few of them are random.
 */
function randomModule(q: string): boolean {
  return randomModules.get(
    q,
    () =>
      /^(numpy\.random|random|torch|tensorflow)\./.test(q) ||
      KERAS_MODEL.test(q) ||
      RANDOM_STATE_LIBRARIES.test(q)
  );
}

const randomModules = new BoundedMemo<boolean>();

/** What one call does to the random state, if anything. */
function classify(
  model: NotebookModel,
  call: Expr & { type: 'Call' },
  callees: ReadonlySet<string>
): Omit<IRandomEvent, 'from' | 'to' | 'callee'> | null {
  const q = model.resolveImported(call.callee);
  const last =
    call.callee.type === 'Attr'
      ? call.callee.attr
      : call.callee.type === 'Name'
        ? call.callee.name
        : '';
  if (q) {
    if (!randomModule(q) && !/seed/i.test(last)) {
      return null; // `pandas.read_csv`, `plt.plot`: nothing random about it
    }
    const numpy = /^numpy\.random\.(\w+)$/.exec(q);
    if (numpy) {
      const fn = numpy[1];
      if (fn === 'seed') {
        return seeded(call) ? { kind: 'seed', scope: 'numpy', why: '' } : null;
      }
      if (NUMPY_GENERATORS.has(fn)) {
        return seeded(call) || hasOwnSeed(call)
          ? null
          : {
              kind: 'draw',
              scope: 'generator',
              why: 'builds a generator with no seed'
            };
      }
      return NUMPY_NOT_DRAWS.has(fn)
        ? null
        : {
            kind: 'draw',
            scope: 'numpy',
            why: "draws from numpy's global generator"
          };
    }
    const random = /^random\.(\w+)$/.exec(q);
    if (random) {
      const fn = random[1];
      if (fn === 'seed') {
        return seeded(call) ? { kind: 'seed', scope: 'random', why: '' } : null;
      }
      if (fn === 'Random') {
        return seeded(call)
          ? null
          : {
              kind: 'draw',
              scope: 'generator',
              why: 'builds a generator with no seed'
            };
      }
      return RANDOM_NOT_DRAWS.has(fn)
        ? null
        : {
            kind: 'draw',
            scope: 'random',
            why: "draws from Python's global generator"
          };
    }
    if (
      /^torch\.(random\.)?manual_seed$|^torch\.cuda\.manual_seed(_all)?$/.test(
        q
      )
    ) {
      return seeded(call) ? { kind: 'seed', scope: 'torch', why: '' } : null;
    }
    if (
      /^(tensorflow\.(random\.set_seed|set_random_seed|compat\.v1\.(random\.)?set_random_seed))$/.test(
        q
      )
    ) {
      return seeded(call)
        ? { kind: 'seed', scope: 'tensorflow', why: '' }
        : null;
    }
    if (/seed/i.test(last)) {
      return { kind: 'seed', scope: 'all', why: '' };
    }
    if (hasOwnSeed(call)) {
      return null;
    }
    const torch = /^torch\.(\w+)$/.exec(q);
    if (torch && TORCH_DRAWS.has(torch[1])) {
      return {
        kind: 'draw',
        scope: 'torch',
        why: "draws from torch's global generator"
      };
    }
    if (/^torch\.optim\.[A-Z]\w*$/.test(q)) {
      return {
        kind: 'draw',
        scope: 'torch',
        why: 'starts training a model whose weights were drawn at random'
      };
    }
    if (/^torch\.utils\.data\.random_split$/.test(q)) {
      return { kind: 'draw', scope: 'torch', why: 'splits the data at random' };
    }
    if (
      /^torch\.utils\.data\.(dataloader\.)?DataLoader$/.test(q) &&
      isTrue(keyword(call, 'shuffle')?.value)
    ) {
      return { kind: 'draw', scope: 'torch', why: 'shuffles the data' };
    }
    const tf = /^tensorflow\.random\.(\w+)$/.exec(q);
    if (tf && !TF_RANDOM_NOT_DRAWS.has(tf[1])) {
      return {
        kind: 'draw',
        scope: 'tensorflow',
        why: "draws from TensorFlow's global generator"
      };
    }
    if (KERAS_MODEL.test(q)) {
      return {
        kind: 'draw',
        scope: 'tensorflow',
        why: 'builds a model whose weights are drawn at random'
      };
    }
    if (RANDOM_STATE_LIBRARIES.test(q)) {
      const explicitlyNone = isNone(keyword(call, 'random_state')?.value);
      if (keyword(call, 'random_state') && !explicitlyNone) {
        return null;
      }
      const shuffle = keyword(call, 'shuffle')?.value;
      if (shuffle && shuffle.type === 'Bool' && !shuffle.value) {
        return null;
      }
      if (
        callees.has(last) ||
        (SHUFFLE_OPTIONAL.has(last) && isTrue(shuffle))
      ) {
        return {
          kind: 'draw',
          scope: 'sklearn',
          why: explicitlyNone
            ? 'is given `random_state=None`'
            : 'is called without `random_state`'
        };
      }
      return null;
    }
  }
  // Seeding helpers of any library: `seed_everything(42)`, `set_seed(0)`,
  // `keras.utils.set_random_seed(1)`, a notebook's own `set_seeds()`.
  if (!q && /seed/i.test(last)) {
    return { kind: 'seed', scope: 'all', why: '' };
  }
  // `df.sample(frac=0.1)`: pandas draws from numpy's global state.
  if (
    !q &&
    last === 'sample' &&
    call.callee.type === 'Attr' &&
    (keyword(call, 'frac') || keyword(call, 'n')) &&
    !hasOwnSeed(call)
  ) {
    return {
      kind: 'draw',
      scope: 'pandas',
      why: 'samples rows without `random_state`'
    };
  }
  return null;
}

function calleeText(
  cell: IAnalysedCell,
  call: Expr & { type: 'Call' }
): string {
  return cell.text.slice(call.callee.from, call.callee.to).replace(/\s+/g, '');
}

/**
 * The seeds and draws of one cell, in source order. Draws count at module
 * level only (a function's draws happen when it is called, which a static
 * reading cannot place); a seed in a function body counts where the
 * function is defined, as notebooks define `set_seed()` to call it next.
 */
function cellEvents(
  model: NotebookModel,
  cell: IAnalysedCell,
  options: IUnseededOptions
): IRandomEvent[] {
  const key = siteKey('unseeded-randomness', options, model);
  return derive(cell.facts!, key, () => {
    const callees = optionSet<string>(options, 'randomStateCallees');
    const events: IRandomEvent[] = [];
    const visit = (inFunction: Stmt | null) => (e: Expr) => {
      if (e.type !== 'Call') {
        return;
      }
      const c = classify(model, e, callees);
      if (!c || (inFunction && c.kind === 'draw')) {
        return;
      }
      const at = inFunction ?? e;
      events.push({
        ...c,
        from: at.from,
        to: inFunction ? at.from : e.to,
        callee: calleeText(cell, e),
        target: targets.get(e)
      });
    };
    const moduleVisit = visit(null);
    const targets = new Map<Expr, string>();
    walkStmts(cell.facts!.body, {
      stmt: s => {
        if (s.type === 'FunctionDef' || s.type === 'ClassDef') {
          walkStmts(s.body, { expr: visit(s) });
          return false;
        }
        if (
          s.type === 'Assign' &&
          s.value?.type === 'Call' &&
          s.targets.length === 1 &&
          s.targets[0].type === 'Name'
        ) {
          targets.set(s.value, s.targets[0].name);
        }
        return undefined;
      },
      expr: e => {
        // A lambda's body runs when it is called.
        if (e.type === 'Lambda') {
          return false;
        }
        moduleVisit(e);
        return undefined;
      }
    });
    events.sort((a, b) => a.from - b.from);
    return events;
  });
}

const SOURCE_LABEL: Record<RandomSource, string> = {
  numpy: 'numpy',
  random: "Python's `random`",
  torch: 'PyTorch',
  tensorflow: 'TensorFlow',
  sklearn: 'scikit-learn',
  pandas: 'pandas',
  generator: 'a new generator'
};

const ADVICE: Record<RandomSource, string> = {
  numpy:
    'Call `np.random.seed(SEED)` before it, or draw from `np.random.default_rng(SEED)`.',
  random: 'Call `random.seed(SEED)` before it.',
  torch: 'Call `torch.manual_seed(SEED)` before it.',
  tensorflow:
    'Call `tf.random.set_seed(SEED)` (or `keras.utils.set_random_seed(SEED)`) before it.',
  sklearn: 'Pass `random_state=SEED`.',
  pandas: 'Pass `random_state=SEED`.',
  generator: 'Pass it a seed.'
};

interface IPlacedDraw {
  cell: IAnalysedCell;
  event: IRandomEvent;
  source: RandomSource;
  /** A seed of its source came before it. */
  covered: boolean;
}

/** Names that say the values are placeholders: `fake_preds`, `dummy_input`. */
const PLACEHOLDER_NAME = /^_*(fake|dummy|mock)/i;

/**
 * A draw whose result is thrown away or declared a placeholder: bound to a
 * `fake_*`/`dummy_*` name, or bound to a name that a later, seeded draw of
 * the same source binds again (build a model, then seed and rebuild it).
 */
function isThrowaway(draw: IPlacedDraw, later: IPlacedDraw[]): boolean {
  const target = draw.event.target;
  if (!target) {
    return false;
  }
  return (
    PLACEHOLDER_NAME.test(target) ||
    later.some(
      d => d.covered && d.source === draw.source && d.event.target === target
    )
  );
}

/** Names the parameters cell may declare a seed under. */
const SEED_NAME = /seed|random_state/i;

export const unseededRandomness: IRule = {
  meta: {
    id: 'unseeded-randomness',
    family: 'reproducibility',
    severity: 'warning',
    title: 'Randomness with no seed',
    description:
      "A random draw reached, in document order, before any seed that makes it repeatable: `np.random.*` and `random.*` draws before `np.random.seed` / `random.seed`; generators built without a seed (`np.random.default_rng()`, `random.Random()`); torch draws, `random_split`, `DataLoader(shuffle=True)` and optimiser construction (training) before `torch.manual_seed`; `tf.random.*` draws and Keras model construction before `tf.random.set_seed`; scikit-learn (and umap, imbalanced-learn) estimators, splitters and helpers of the vocabulary called without `random_state` (`KFold` and friends only with `shuffle=True`) and `df.sample(frac=…)` without `random_state`, unless `np.random.seed` came first. A seeding helper of any library (`seed_everything`, `set_seed`, `keras.utils.set_random_seed`, a notebook's own `set_seeds()`) seeds everything, and a seed or `random_state` declared in the parameters cell counts. Calls with their own `seed=`, `random_state=`, `generator=` or `**kwargs`, and draws inside function bodies, are not reported. One finding per source of randomness, its other draws related. JAX is never reported: its random functions take an explicit key.",
    rationale:
      'Results that change on every run cannot be checked, compared or debugged: a metric that moves by a point between runs hides whether a change helped, and a reviewer cannot reproduce a figure.',
    corpus:
      "Reviewed 2026-12-03, every finding on ../shared/corpus (tests/review/unseeded-randomness.tsv): 5 findings, 5 true, 0 false, 0 debatable; precision 1.00. The review's two false ones are fixed: a Keras model built, then thrown away by a seeded rebuild under the same name (handson-ml2), and `fake_preds = np.random.randint(...)` placeholders for a metric demo.",
    paper: '§7 Reproducibility Debt',
    options: {
      randomStateCallees: {
        type: 'string[]',
        default: RANDOM_STATE_CALLEES,
        title: 'Callees that take random_state',
        description:
          'Last names of scikit-learn, umap and imbalanced-learn callees that are random unless given `random_state`.'
      }
    },
    examples: {
      bad: [
        {
          code: 'from sklearn.model_selection import train_test_split\nX_train, X_test, y_train, y_test = train_test_split(X, y)'
        },
        {
          code: 'import numpy as np\nnoise = np.random.normal(0, 1, size=100)'
        },
        {
          code: 'import torch\nmodel = Net()\nopt = torch.optim.Adam(model.parameters())',
          note: 'weights drawn at random, no `torch.manual_seed`'
        }
      ],
      good: [
        {
          code: 'from sklearn.model_selection import train_test_split\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=SEED)'
        },
        {
          code: 'import numpy as np\nnp.random.seed(SEED)\nnoise = np.random.normal(0, 1, size=100)'
        },
        {
          code: 'import numpy as np\nrng = np.random.default_rng(SEED)\nnoise = rng.normal(0, 1, size=100)'
        }
      ]
    }
  },
  // One key, the whole notebook: it is checked again when an edit changes a
  // cell's seeds and draws (or their places), or the parameters cell's seed.
  keyed: {
    cellSignature: (cell, { model, options }) => {
      const facts = cell.facts!;
      if (!facts.parsed || model.language !== 'python') {
        return '';
      }
      const seedParameter =
        cell === model.parametersCell &&
        facts.bindings.some(
          b => b.inFunction === null && SEED_NAME.test(b.name)
        );
      return `${seedParameter ? 1 : 0}${JSON.stringify(cellEvents(model, cell, options as IUnseededOptions))}`;
    }
  },
  check({ model, options, report }) {
    if (model.language !== 'python') {
      return;
    }
    const opts = options as IUnseededOptions;
    const seededScopes = new Set<SeedScope>();
    const parameters = model.parametersCell;
    if (
      parameters &&
      parameters.facts!.bindings.some(
        b => b.inFunction === null && SEED_NAME.test(b.name)
      )
    ) {
      seededScopes.add('all');
    }
    const covered = (source: RandomSource): boolean => {
      for (const s of seededScopes) {
        if (COVERS[s].has(source)) {
          return true;
        }
      }
      return false;
    };
    const draws: IPlacedDraw[] = [];
    for (const cell of model.codeCells) {
      if (!cell.facts!.parsed) {
        continue;
      }
      for (const event of cellEvents(model, cell, opts)) {
        if (event.kind === 'seed') {
          seededScopes.add(event.scope);
          continue;
        }
        const source = event.scope as RandomSource;
        draws.push({ cell, event, source, covered: covered(source) });
      }
    }
    const bySource = new Map<RandomSource, IPlacedDraw[]>();
    draws.forEach((d, i) => {
      if (d.covered || isThrowaway(d, draws.slice(i + 1))) {
        return;
      }
      let list = bySource.get(d.source);
      if (!list) {
        list = [];
        bySource.set(d.source, list);
      }
      list.push(d);
    });
    for (const [source, list] of bySource) {
      const [{ cell, event }, ...rest] = list;
      const more =
        rest.length === 0
          ? ''
          : rest.length === 1
            ? ` 1 more unseeded ${SOURCE_LABEL[source]} draw follows.`
            : ` ${rest.length} more unseeded ${SOURCE_LABEL[source]} draws follow.`;
      report({
        cell,
        from: event.from,
        to: event.to,
        message: `\`${event.callee}\` ${event.why}, and no seed is set before it: its result changes on every run.${more} ${ADVICE[source]}`,
        // The count is in the message; the first places are what a reader opens.
        related: rest.slice(0, 19).map(r => ({
          cell: r.cell,
          from: r.event.from,
          to: r.event.to,
          message: `\`${r.event.callee}\` ${r.event.why}`
        }))
      });
    }
  }
};
