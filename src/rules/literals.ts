/**
 * Where hard-coded numbers sit in a cell: compared against data, or passed as
 * hyperparameters. Shared by the hardcoded-threshold rules; memoised per cell.
 */
import {
  dottedName,
  Expr,
  forEachExprChild,
  forEachStmtBody,
  forEachStmtExpr,
  namedArgs,
  Stmt
} from '../core/ast';
import { derive } from '../core/facts';
import { IAnalysedCell, NotebookModel } from '../core/model';
import { describeExpr, optionSet } from './util';

export type SiteKind = 'comparison' | 'keyword' | 'positional' | 'default';

export interface ILiteralSite {
  kind: SiteKind;
  from: number;
  to: number;
  /** The literal as written (`0.37`, `1e-3`, `(100, 50)`). */
  raw: string;
  /** Its value, or null for a list/tuple of numbers. */
  value: number | null;
  /** What it is compared with or passed as (`proba`, `learning_rate`). */
  subject: string;
  /** The callee it is passed to, for hyperparameters. */
  callee?: string;
  /** A name for it as a declared constant (`PROBA_THRESHOLD`, `LEARNING_RATE`). */
  constant: string;
}

/** The default hyperparameter vocabulary (keyword names, snake_case). */
export const HYPERPARAMETER_VOCABULARY = [
  'learning_rate',
  'lr',
  'eta',
  'n_estimators',
  'max_depth',
  'min_samples_leaf',
  'min_samples_split',
  'max_features',
  'num_leaves',
  'subsample',
  'colsample_bytree',
  'reg_alpha',
  'reg_lambda',
  'alpha',
  'l1_ratio',
  'C',
  'gamma',
  'epochs',
  'batch_size',
  'dropout',
  'rate',
  'momentum',
  'weight_decay',
  'patience',
  'max_iter',
  'tol',
  'n_neighbors',
  'n_clusters',
  'n_components',
  'hidden_size',
  'num_layers',
  'units',
  'threshold',
  'test_size',
  'train_size',
  'cv',
  'n_splits',
  'validation_split',
  'max_len',
  'max_length',
  'filters',
  'kernel_size',
  'num_boost_round',
  'early_stopping_rounds',
  'min_child_weight',
  'num_epochs',
  'num_train_epochs',
  'per_device_train_batch_size',
  'per_device_eval_batch_size',
  'warmup_steps',
  'warmup_ratio',
  'n_init',
  'hidden_layer_sizes',
  'l2',
  'l1',
  'label_smoothing'
];

/**
 * Calls on a fitted model or a data pipeline that query or batch: their
 * arguments (`kneighbors(X, n_neighbors=1)`, `predict(X, batch_size=256)`)
 * are throughput or lookup knobs, not a model's hyperparameters.
 */
const QUERY_CALLS =
  /(^|\.)(kneighbors|radius_neighbors|predict\w*|evaluate|transform|score\w*|take_batch|map_batches|iter_batches|map|filter|iter_torch_batches|encode|decode|batch_decode|generate|pipeline)$/;

/**
 * Values that are the library's own default for that keyword: writing them
 * out changes nothing a reviewer would tune (`cv=5`, `test_size=0.25`).
 */
const LIBRARY_DEFAULTS: { name: string; value: number; callee: RegExp }[] = [
  { name: 'cv', value: 5, callee: /./ },
  { name: 'n_splits', value: 5, callee: /(KFold|Split)$/ },
  {
    name: 'n_estimators',
    value: 100,
    callee:
      /(RandomForest|ExtraTrees|GradientBoosting|XGB|LGBM|HistGradient)\w*$/
  },
  { name: 'test_size', value: 0.25, callee: /train_test_split$/ },
  { name: 'n_init', value: 10, callee: /KMeans$/ },
  { name: 'n_init', value: 1, callee: /GaussianMixture$/ },
  { name: 'n_neighbors', value: 5, callee: /(KNeighbors\w*|KNNImputer)$/ },
  {
    name: 'C',
    value: 1,
    callee: /(SVC|SVR|LogisticRegression|LinearSVC|LinearSVR)$/
  },
  {
    name: 'learning_rate',
    value: 0.1,
    callee: /(GradientBoosting\w*|LGBM\w*|HistGradient\w*)$/
  },
  { name: 'max_iter', value: 100, callee: /LogisticRegression$/ },
  { name: 'max_iter', value: 300, callee: /KMeans$/ },
  { name: 'alpha', value: 1, callee: /(Ridge|Lasso)\w*$/ },
  { name: 'batch_size', value: 32, callee: /(^|\.)fit$/ }
];

function isLibraryDefault(
  name: string,
  value: number | null,
  callee: string
): boolean {
  return (
    value !== null &&
    LIBRARY_DEFAULTS.some(
      d => d.name === name && d.value === value && d.callee.test(callee)
    )
  );
}

/** A test cell (fastcore's `test_eq`, `test_close`, …): its literals are test cases. */
function isTestCell(cell: IAnalysedCell): boolean {
  return derive(cell.facts!, 'test-cell', facts =>
    facts.body.some(
      s =>
        s.type === 'Expr' &&
        s.value.type === 'Call' &&
        /^test_\w+$/.test(dottedName(s.value.callee) ?? '')
    )
  );
}

/** Calls whose arguments are presentation, not modelling. */
export const PRESENTATION =
  /^(plt|pyplot|matplotlib|sns|seaborn|ax\d*|axes|axs|fig|px|go|plotly|bokeh|alt|altair|display|print|IPython\.display|tqdm|st)\b|\.(plot|scatter|hist|bar|barh|imshow|fill_between|axvline|axhline|text|annotate|legend|set_\w+|boxplot|violinplot|pie|contour|contourf|heatmap|format|head|tail|sample|round|describe|style|to_string|figure|subplots|savefig|show)$|^(round|format|print|range|enumerate|len|display)$|(^|\.)[\w]*([Pp]lot|[Dd]raw|[Vv]isuali[sz]e|[Rr]ender)\w*$/;

/** Calls that build configuration objects: literals there are declarations. */
const CONFIG_CALLS =
  /(^|\.)(dict|SimpleNamespace|Namespace|ConfigDict|OmegaConf\.create|EasyDict|AttrDict)$/;

/** Comparisons against these are structure or environment checks, not thresholds. */
const STRUCTURAL =
  /(^|\.|_)(dayofweek|weekday|day_of_week|isoweekday)\b|(^|\.|_)(shape|ndim|dim|size|dtype|version_info|__version__|version|__name__|argv|platform|columns|index|nunique_levels|maxsize)\b|^len$|\blen\(|\.__len__/;

/** Tensor and scalar constructors: a literal wrapped in them is still a literal. */
const WRAPPERS =
  /(^|\.)(scalar_tensor|tensor|constant|Variable|float32|float64|float16|float|int|array|asarray)$/;

/** A quick test that a callee may be one `positionalHyperparameter` knows. */
const POSITIONAL_CALLEE =
  /(Dropout\w*|SGD|Adam|AdamW|RMSprop|Adagrad|Adadelta|Adamax|NAdam|Nadam|RAdam|LBFGS|Ftrl|Lion)$/;

/** Constructors that take a hyperparameter positionally: index of the argument. */
function positionalHyperparameter(
  callee: string
): { index: number; name: string } | null {
  if (!POSITIONAL_CALLEE.test(callee)) {
    return null;
  }
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  if (/Dropout\w*$/.test(last)) {
    return { index: 0, name: 'dropout_rate' };
  }
  const optimizer =
    /^(SGD|Adam|AdamW|RMSprop|Adagrad|Adadelta|Adamax|NAdam|Nadam|RAdam|LBFGS|Ftrl|Lion)$/.test(
      last
    );
  if (optimizer && /(^|\.)optim(izers)?\./.test(callee)) {
    // torch.optim.Adam(params, lr); keras.optimizers.Adam(learning_rate)
    return {
      index: /(^|\.)optim\./.test(callee) ? 1 : 0,
      name: 'learning_rate'
    };
  }
  return null;
}

/**
 * One problem per value and role: the same number for the same name
 * (`n_estimators=500` in three cells) is one literal to declare.
 */
export function problemKey(site: ILiteralSite): string {
  const value =
    site.value === null ? site.raw.replace(/\s+/g, '') : String(site.value);
  return `${value}\u0000${site.constant}`;
}

export function snakeCase(name: string): string {
  return name === 'C'
    ? name
    : name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A valid UPPER_CASE constant name built from a context word. */
export function constantName(base: string, suffix = ''): string {
  let name = snakeCase(base)
    .toUpperCase()
    .replace(/[^A-Z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[A-Z]/.test(name)) {
    name = 'VALUE' + (name ? '_' + name : '');
  }
  if (name === 'LR') {
    name = 'LEARNING_RATE';
  }
  return suffix && !name.endsWith(suffix) ? `${name}_${suffix}` : name;
}

/** The last identifier of an expression (`df['Year']` → `Year`, `df.age` → `age`). */
function contextWord(e: Expr, text: string): string {
  if (e.type === 'Name') {
    return e.name;
  }
  if (e.type === 'Attr') {
    return e.attr;
  }
  if (
    e.type === 'Subscript' &&
    e.index.length === 1 &&
    e.index[0].type === 'Str' &&
    e.index[0].value
  ) {
    return e.index[0].value;
  }
  if (e.type === 'Call') {
    return contextWord(e.callee, text);
  }
  const words = text.slice(e.from, e.to).match(/[A-Za-z_]\w*/g);
  return words ? words[words.length - 1] : 'value';
}

/** The number a hyperparameter value stands for, if it is a literal. */
function literalValue(
  model: NotebookModel,
  e: Expr
): { node: Expr; value: number | null } | null {
  if (e.type === 'Num') {
    return { node: e, value: e.value };
  }
  if (
    e.type === 'Seq' &&
    e.elements.length > 0 &&
    e.elements.every(x => x.type === 'Num')
  ) {
    return { node: e, value: null };
  }
  if (
    e.type === 'Call' &&
    e.args.length >= 1 &&
    e.args[0].value.type === 'Num' &&
    !e.args[0].name
  ) {
    const name = model.resolve(e.callee) ?? '';
    if (WRAPPERS.test(name)) {
      return { node: e.args[0].value, value: e.args[0].value.value };
    }
  }
  return null;
}

const keysByOptions = new WeakMap<object, Map<string, string>>();
const internedKeys = new Map<string, string>();

/**
 * The memo key of a cell's sites: kind, options and the notebook's imports.
 * Built once per options object and imports, and interned, so that looking a
 * cell up costs a pointer comparison, not hashing kilobytes per cell.
 */
export function siteKey(
  kind: string,
  options: object,
  model: NotebookModel
): string {
  let byImports = keysByOptions.get(options);
  if (!byImports) {
    byImports = new Map();
    keysByOptions.set(options, byImports);
  }
  let key = byImports.get(model.importsKey);
  if (!key) {
    const full = `${kind}\u0000${JSON.stringify(options)}\u0000${model.importsKey}`;
    key = internedKeys.get(full);
    if (!key) {
      if (internedKeys.size > 1000) {
        internedKeys.clear();
      }
      internedKeys.set(full, full);
      key = full;
    }
    byImports.set(model.importsKey, key);
  }
  return key;
}

export interface IComparisonOptions {
  allow: number[];
  includeEquality: boolean;
}

export interface IHyperparameterOptions {
  vocabulary: string[];
}

const ORDERING = new Set(['<', '<=', '>', '>=']);
const EQUALITY = new Set(['==', '!=', '===', '!==']);

interface IWalk {
  model: NotebookModel;
  cell: IAnalysedCell;
  /** Where comparison sites go, and where hyperparameter sites go. */
  comparisonSites: ILiteralSite[];
  hyperparameterSites: ILiteralSite[];
  comparisons: { allow: Set<number>; ops: Set<string> } | null;
  vocabulary: Set<string> | null;
  /** `walkExpr` bound to this walk (one closure per walk, not per node). */
  expr: (e: Expr) => void;
  /**
   * For a walk of both kinds: the same walk without comparisons, for what
   * the comparison walk skips (loop bounds) and the hyperparameter one does not.
   */
  hyperparametersOnly?: IWalk;
}

function newWalk(
  fields: Pick<IWalk, 'model' | 'cell' | 'comparisons' | 'vocabulary'>,
  hyperparameterSites: ILiteralSite[] = []
): IWalk {
  const w: IWalk = {
    model: fields.model,
    cell: fields.cell,
    comparisonSites: [],
    hyperparameterSites,
    comparisons: fields.comparisons,
    vocabulary: fields.vocabulary,
    expr: e => walkExpr(w, e)
  };
  return w;
}

/** `w` without comparisons (see `IWalk.hyperparametersOnly`), or null when it has no vocabulary. */
function hyperparametersOnly(w: IWalk): IWalk | null {
  if (!w.vocabulary) {
    return null;
  }
  w.hyperparametersOnly ??= newWalk(
    {
      model: w.model,
      cell: w.cell,
      comparisons: null,
      vocabulary: w.vocabulary
    },
    w.hyperparameterSites
  );
  return w.hyperparametersOnly;
}

/** The options' sets, built once per options object, not once per cell. */
const comparisonSetsByOptions = new WeakMap<
  IComparisonOptions,
  { allow: Set<number>; ops: Set<string> }
>();

function comparisonSets(options: IComparisonOptions): {
  allow: Set<number>;
  ops: Set<string>;
} {
  let sets = comparisonSetsByOptions.get(options);
  if (!sets) {
    const ops = new Set(ORDERING);
    if (options.includeEquality) {
      EQUALITY.forEach(o => ops.add(o));
    }
    sets = { allow: new Set(options.allow), ops };
    comparisonSetsByOptions.set(options, sets);
  }
  return sets;
}

function vocabularySet(options: IHyperparameterOptions): Set<string> {
  return optionSet<string>(options, 'vocabulary');
}

/**
 * Numbers compared against data in a cell (not in the parameters cell).
 * Given the hyperparameter options too (`literal-hyperparameter`'s), one
 * walk finds both kinds of site and memoises both.
 */
export function comparisonSites(
  model: NotebookModel,
  cell: IAnalysedCell,
  options: IComparisonOptions,
  hyperparameterOptions?: IHyperparameterOptions
): ILiteralSite[] {
  if (cell === model.parametersCell || isTestCell(cell)) {
    return [];
  }
  const key = siteKey('comparisons', options, model);
  return derive(cell.facts!, key, () => {
    const both = Array.isArray(hyperparameterOptions?.vocabulary)
      ? hyperparameterOptions
      : undefined;
    const otherKey = both && siteKey('hyperparameters', both, model);
    const known = otherKey !== undefined && cell.facts!.derived.has(otherKey);
    const walk = newWalk({
      model,
      cell,
      comparisons: comparisonSets(options),
      vocabulary: both && !known ? vocabularySet(both) : null
    });
    walkBody(walk, cell.facts!.body, false);
    if (walk.vocabulary) {
      cell.facts!.derived.set(otherKey!, walk.hyperparameterSites);
    }
    return walk.comparisonSites;
  });
}

/** Numbers passed as hyperparameters in a cell (not in the parameters cell). */
export function hyperparameterSites(
  model: NotebookModel,
  cell: IAnalysedCell,
  options: IHyperparameterOptions
): ILiteralSite[] {
  if (cell === model.parametersCell || isTestCell(cell)) {
    return [];
  }
  const key = siteKey('hyperparameters', options, model);
  return derive(cell.facts!, key, () => {
    const walk = newWalk({
      model,
      cell,
      comparisons: null,
      vocabulary: vocabularySet(options)
    });
    walkBody(walk, cell.facts!.body, false);
    return walk.hyperparameterSites;
  });
}

function inVocabulary(vocabulary: Set<string>, name: string): boolean {
  // snakeCase changes only names with capitals: skip it for the rest.
  return (
    vocabulary.has(name) ||
    (/[A-Z]/.test(name) && vocabulary.has(snakeCase(name)))
  );
}

function walkBody(w: IWalk, body: Stmt[], inLoop: boolean): void {
  for (const s of body) {
    if (
      w.comparisons &&
      s.type === 'If' &&
      inLoop &&
      s.body.length === 1 &&
      s.body[0].type === 'Break' &&
      s.orelse.length === 0
    ) {
      // `if i > 5: break`: a loop bound (often a debugging cut-off).
      const h = hyperparametersOnly(w);
      if (h) {
        walkBody(h, [s], inLoop);
      }
      continue;
    }
    if (w.comparisons && s.type === 'Other' && s.loop) {
      // `for (let i = 0; i <= 100; i++)`: a loop bound, as `while` below.
      const h = hyperparametersOnly(w);
      if (h) {
        forEachStmtExpr(s, h.expr);
      }
      walkBody(w, s.body, true);
      continue;
    }
    if (w.comparisons && s.type === 'While') {
      // Loop bounds (`while i < 100`) are control flow.
      hyperparametersOnly(w)?.expr(s.test);
      walkBody(w, s.body, true);
      walkBody(w, s.orelse, inLoop);
      continue;
    }
    // A library's function defaults are its API, not a run's configuration.
    if (
      w.vocabulary &&
      s.type === 'FunctionDef' &&
      !w.model.libraryNotebook &&
      !PRESENTATION.test(s.name)
    ) {
      for (const p of s.params) {
        if (p.default && inVocabulary(w.vocabulary, p.name)) {
          const lit = literalValue(w.model, p.default);
          if (lit) {
            site(
              w,
              'default',
              lit.node,
              lit.value,
              p.name,
              constantName(p.name),
              s.name
            );
          }
        }
      }
    }
    forEachStmtExpr(s, w.expr);
    const loop =
      s.type === 'FunctionDef' || s.type === 'ClassDef'
        ? false
        : inLoop || s.type === 'For';
    forEachStmtBody(s, b => walkBody(w, b, loop));
  }
}

function walkExpr(w: IWalk, e: Expr): void {
  if (e.type === 'Call') {
    // `df[cols].plot(...)` has no dotted name: judge it by its method.
    const callee =
      w.model.resolve(e.callee) ??
      dottedName(e.callee) ??
      (e.callee.type === 'Attr' ? `.${e.callee.attr}` : '');
    if (PRESENTATION.test(callee)) {
      return;
    }
    if (
      w.vocabulary &&
      !CONFIG_CALLS.test(callee) &&
      !QUERY_CALLS.test(callee)
    ) {
      hyperparameters(w, e, callee);
    }
  }
  if (e.type === 'Compare' && w.comparisons) {
    compare(w, e);
  }
  forEachExprChild(e, w.expr);
  if (e.type === 'Lambda') {
    walkBody(w, e.stmts, false);
  }
}

function hyperparameters(
  w: IWalk,
  call: Expr & { type: 'Call' },
  callee: string
): void {
  const vocabulary = w.vocabulary!;
  const shortCallee = callee.slice(callee.lastIndexOf('.') + 1) || callee;
  for (const arg of namedArgs(call)) {
    if (!arg.name || !inVocabulary(vocabulary, arg.name)) {
      continue;
    }
    const lit = literalValue(w.model, arg.value);
    if (lit && !isLibraryDefault(arg.name, lit.value, callee)) {
      site(
        w,
        'keyword',
        lit.node,
        lit.value,
        arg.name,
        constantName(arg.name),
        shortCallee
      );
    }
  }
  const positional = positionalHyperparameter(callee);
  if (positional) {
    const args = call.args.filter(a => !a.name && !a.star);
    const arg = args[positional.index];
    const lit = arg ? literalValue(w.model, arg.value) : null;
    if (lit) {
      site(
        w,
        'positional',
        lit.node,
        lit.value,
        positional.name,
        constantName(positional.name),
        shortCallee
      );
    }
  }
}

function compare(w: IWalk, e: Expr & { type: 'Compare' }): void {
  const { allow, ops } = w.comparisons!;
  const operands = [e.left, ...e.rights];
  e.ops.forEach((op, i) => {
    if (!ops.has(op)) {
      return;
    }
    const a = operands[i];
    const b = operands[i + 1];
    const [num, other] =
      a.type === 'Num' ? [a, b] : b.type === 'Num' ? [b, a] : [null, null];
    if (
      !num ||
      !other ||
      num.type !== 'Num' ||
      other.type === 'Num' ||
      other.type === 'Str' ||
      other.type === 'Bool' ||
      other.type === 'None'
    ) {
      return;
    }
    if (allow.has(num.value) || Number.isNaN(num.value)) {
      return;
    }
    const text = w.cell.text;
    if (
      STRUCTURAL.test(text.slice(other.from, other.to)) ||
      (other.type === 'BinOp' && other.op === '%')
    ) {
      return;
    }
    site(
      w,
      'comparison',
      num,
      num.value,
      describeExpr(other, text),
      constantName(contextWord(other, text), 'THRESHOLD')
    );
  });
}

function site(
  w: IWalk,
  kind: SiteKind,
  node: Expr,
  value: number | null,
  subject: string,
  constant: string,
  callee?: string
): void {
  (kind === 'comparison' ? w.comparisonSites : w.hyperparameterSites).push({
    kind,
    from: node.from,
    to: node.to,
    raw: w.cell.text.slice(node.from, node.to),
    value,
    subject,
    constant,
    callee
  });
}
