/**
 * The cross-cell view of a notebook: cells in document order with their
 * facts, and who binds and reads each module-level name.
 */
import { dottedName, Expr } from './ast';
import { derive, FactsCache, IBinding, ICellFacts, IRead } from './facts';
import { cellText } from './notebook';
import {
  CellType,
  ICellInput,
  INotebookInput,
  SupportedLanguage
} from './types';

export interface IAnalysedCell {
  index: number;
  id: string | null;
  type: CellType;
  text: string;
  tags: string[];
  executionCount: number | null;
  input: ICellInput;
  /** Null for markdown and raw cells. */
  facts: ICellFacts | null;
}

/**
 * What a name lookup depends on: the cells binding the name (`bindings`,
 * `bindingCount`, `isParameter`) or the cells reading it (`reads`,
 * `cellsReading`).
 */
export type NameQuery = 'bound' | 'read';

export interface ILocated<T> {
  cell: IAnalysedCell;
  item: T;
}

const NBDEV_DIRECTIVE =
  /^#\s*\|\s*(export|exports|exporti|default_exp)\b|^#\s*(export|exports|exporti)\s*$|^#\s*default_exp\s+\S+\s*$/;

export class NotebookModel {
  readonly cells: IAnalysedCell[];
  readonly codeCells: IAnalysedCell[];
  /** The first cell tagged `parameters` (papermill), if any. */
  readonly parametersCell: IAnalysedCell | null;
  private readonly imports: Map<string, string> = new Map();
  /**
   * Identifies the notebook's imports (and its kind), for memoising
   * cell-local checks.
   */
  readonly importsKey: string;
  /**
   * A library's source notebook (nbdev: `#| export`, `#| default_exp`): its
   * function defaults are API defaults and its literals test cases, not a
   * run's configuration.
   */
  readonly libraryNotebook: boolean;
  private nameIndex: INameIndex | null = null;
  /** Indexes built by `cellsWithKey`, by index id. */
  private readonly keyIndexes = new Map<string, IKeyIndex>();
  /** Told every name a rule looks up (the engine tracks keyed rules' dependencies). */
  nameQueries: ((name: string, kind: NameQuery) => void) | null = null;

  constructor(
    readonly notebook: INotebookInput,
    /** Null when the kernel language has no front-end: no cell is parsed. */
    readonly language: SupportedLanguage | null,
    cache: FactsCache,
    readonly languageName: string = language ?? 'unknown',
    /** The model of the previous analysis, whose indexes are patched. */
    previous: NotebookModel | null = null
  ) {
    // An unchanged cell keeps its object from the previous model, so what
    // the engine memoised on it (merged findings) stays valid.
    const before =
      previous && previous.language === language ? previous.cells : null;
    this.cells = notebook.cells.map((input, index) => {
      const text = cellText(input);
      const type = input.cell_type;
      const id = typeof input.id === 'string' ? input.id : null;
      const tags = Array.isArray(input.metadata?.tags)
        ? (input.metadata!.tags as string[])
        : [];
      const executionCount =
        typeof input.execution_count === 'number'
          ? input.execution_count
          : null;
      const old = before?.[index];
      if (
        old &&
        old.input === input &&
        old.text === text &&
        old.type === type &&
        old.id === id &&
        old.executionCount === executionCount &&
        sameTags(old.tags, tags)
      ) {
        return old;
      }
      return {
        index,
        id,
        type,
        text,
        tags,
        executionCount,
        input,
        facts: type === 'code' && language ? cache.get(language, text) : null
      };
    });
    this.codeCells = this.cells.filter(c => c.facts !== null);
    this.parametersCell =
      this.codeCells.find(c => c.tags.includes('parameters')) ?? null;
    if (previous && sameImports(previous, this)) {
      // Typing rarely changes imports: keep the previous model's.
      this.imports = previous.imports;
      this.libraryNotebook = previous.libraryNotebook;
      this.importsKey = previous.importsKey;
    } else {
      for (const cell of this.codeCells) {
        for (const [local, qualified] of cell.facts!.imports) {
          this.imports.set(local, qualified);
        }
      }
      this.libraryNotebook = this.codeCells.some(c => isNbdevSource(c));
      this.importsKey =
        Array.from(this.imports, ([l, q]) => `${l}=${q}`).join(',') +
        (this.libraryNotebook ? '\u0000library' : '');
    }
    if (previous) {
      this.inherit(previous);
    }
  }

  /**
   * Which cells bind and read each name, built on first use (cross-cell rules
   * only). Per-cell groups are cached with the cell's facts, so this costs one
   * map entry per distinct name and cell.
   */
  private index(): INameIndex {
    this.nameIndex ??= buildIndex(this.codeCells);
    return this.nameIndex;
  }

  /**
   * Takes over the previous model's indexes, patched where cells changed:
   * while typing, one cell's names and keys move in and out instead of
   * every index being rebuilt. Every index is carried, used in this
   * analysis or not, so the next edit finds it too; the previous model gives
   * them up (the engine only passes the model it returned last).
   */
  private inherit(prev: NotebookModel): void {
    const before = prev.codeCells;
    const after = this.codeCells;
    const nameIndex = prev.nameIndex;
    const keyIndexes = [...prev.keyIndexes];
    prev.nameIndex = null;
    prev.keyIndexes.clear();
    if (before.length !== after.length || prev.language !== this.language) {
      return;
    }
    const changed: number[] = [];
    for (let k = 0; k < after.length; k++) {
      if (before[k] !== after[k]) {
        changed.push(k);
        if (changed.length > MAX_PATCHED_CELLS) {
          return;
        }
      }
    }
    if (nameIndex) {
      patchNameIndex(nameIndex, changed, before, after);
      this.nameIndex = nameIndex;
    }
    for (const [id, entry] of keyIndexes) {
      // An index no rule asked for lately (its options or imports changed).
      if (++entry.idle > MAX_IDLE_ANALYSES) {
        continue;
      }
      for (const k of changed) {
        if (before[k].facts === after[k].facts) {
          continue;
        }
        for (const x of entry.keysOf(before[k], prev)) {
          remove(entry.index, x, k);
        }
        for (const x of entry.keysOf(after[k], this)) {
          insert(entry.index, x, k);
        }
      }
      this.keyIndexes.set(id, entry);
    }
  }

  /**
   * The code cells (in document order) whose `keysOf` lists the key: an
   * index per id, built on first use and patched in later models where cells
   * changed, so that a keyed rule finds the cells of the keys an edit
   * touched without visiting every cell. `keysOf` must depend only on the
   * cell's facts and on what the id names (options, imports, the parameters
   * cell), and list each key once.
   */
  cellsWithKey(
    id: string,
    keysOf: (cell: IAnalysedCell, model: NotebookModel) => readonly string[],
    key: string
  ): IAnalysedCell[] {
    let entry = this.keyIndexes.get(id);
    if (!entry) {
      const index = new Map<string, number[]>();
      this.codeCells.forEach((cell, k) => {
        for (const x of keysOf(cell, this)) {
          push(index, x, k);
        }
      });
      entry = { keysOf, index, idle: 0 };
      this.keyIndexes.set(id, entry);
    }
    entry.idle = 0;
    return (entry.index.get(key) ?? []).map(k => this.codeCells[k]);
  }

  /** The code cells holding any of the keys (see `cellsWithKey`), each once, in document order. */
  cellsWithAnyKey(
    id: string,
    keysOf: (cell: IAnalysedCell, model: NotebookModel) => readonly string[],
    keys: Iterable<string>
  ): IAnalysedCell[] {
    const cells = new Set<IAnalysedCell>();
    for (const key of keys) {
      for (const cell of this.cellsWithKey(id, keysOf, key)) {
        cells.add(cell);
      }
    }
    return [...cells].sort((a, b) => a.index - b.index);
  }

  /** Every binding of a name, in document order (module and function level). */
  bindings(name: string): readonly ILocated<IBinding>[] {
    this.nameQueries?.(name, 'bound');
    const index = this.index();
    return this.located(
      name,
      index.bindings,
      index.locatedBindings,
      facts => facts.bindingsByName
    );
  }

  /** Every read of a name, in document order. */
  reads(name: string): readonly ILocated<IRead>[] {
    this.nameQueries?.(name, 'read');
    const index = this.index();
    return this.located(
      name,
      index.reads,
      index.locatedReads,
      facts => facts.readsByName
    );
  }

  /** A name's items in the cells the index lists, with their cells; kept until one of them changes. */
  private located<T>(
    name: string,
    ordinals: Map<string, number[]>,
    cache: Map<string, ILocated<T>[]>,
    byName: (facts: ICellFacts) => Map<string, T[]>
  ): readonly ILocated<T>[] {
    let located = cache.get(name);
    if (!located) {
      located = (ordinals.get(name) ?? []).flatMap(k => {
        const cell = this.codeCells[k];
        return byName(cell.facts!)
          .get(name)!
          .map(item => ({ cell, item }));
      });
      cache.set(name, located);
    }
    return located;
  }

  names(): IterableIterator<string> {
    return this.index().bindings.keys();
  }

  /** How many bindings a name has in the whole notebook. */
  bindingCount(name: string): number {
    this.nameQueries?.(name, 'bound');
    let n = 0;
    for (const k of this.index().bindings.get(name) ?? []) {
      n += this.codeCells[k].facts!.bindingsByName.get(name)!.length;
    }
    return n;
  }

  /** The cells that read a name. */
  cellsReading(name: string): readonly IAnalysedCell[] {
    this.nameQueries?.(name, 'read');
    return (this.index().reads.get(name) ?? []).map(k => this.codeCells[k]);
  }

  /** True when the name is bound in the parameters cell. */
  isParameter(name: string): boolean {
    this.nameQueries?.(name, 'bound');
    const p = this.parametersCell;
    return (
      !!p &&
      p.facts!.bindings.some(b => b.name === name && b.inFunction === null)
    );
  }

  /**
   * The qualified name of a callee, with import aliases resolved:
   * `pd.read_csv` → `pandas.read_csv`, `rc` (from pandas import read_csv as rc)
   * → `pandas.read_csv`.
   */
  resolve(e: Expr): string | null {
    return this.qualify(e, true);
  }

  /**
   * As `resolve`, but null unless the chain starts at an imported name: a
   * module or an imported function, not a variable that happens to be
   * called `random`.
   */
  resolveImported(e: Expr): string | null {
    return this.qualify(e, false);
  }

  private qualify(e: Expr, keepUnimported: boolean): string | null {
    const dotted = dottedName(e);
    if (!dotted) {
      return null;
    }
    const dot = dotted.indexOf('.');
    const qualified = this.imports.get(dot < 0 ? dotted : dotted.slice(0, dot));
    if (!qualified) {
      return keepUnimported ? dotted : null;
    }
    return dot < 0 ? qualified : qualified + dotted.slice(dot);
  }
}

/** Code-cell ordinals binding and reading each name, in document order. */
interface INameIndex {
  bindings: Map<string, number[]>;
  reads: Map<string, number[]>;
  /** `bindings(name)` and `reads(name)` as last returned, kept while their cells are unchanged. */
  locatedBindings: Map<string, ILocated<IBinding>[]>;
  locatedReads: Map<string, ILocated<IRead>[]>;
}

/** An index of `cellsWithKey`: code-cell ordinals by key, and how a cell's keys are found. */
interface IKeyIndex {
  keysOf: (cell: IAnalysedCell, model: NotebookModel) => readonly string[];
  index: Map<string, number[]>;
  /** Analyses since a rule last asked for it. */
  idle: number;
}

/** An index unused for this many analyses is dropped. */
const MAX_IDLE_ANALYSES = 50;

/** Patches the name index for the code cells that are new objects (same ordinals). */
function patchNameIndex(
  index: INameIndex,
  changed: number[],
  before: IAnalysedCell[],
  after: IAnalysedCell[]
): void {
  // Located lists hold cell objects: drop those of every cell that is a new
  // object, even with the same facts (its execution count changed).
  for (const k of changed) {
    for (const facts of [before[k].facts!, after[k].facts!]) {
      for (const name of facts.bindingsByName.keys()) {
        index.locatedBindings.delete(name);
      }
      for (const name of facts.readsByName.keys()) {
        index.locatedReads.delete(name);
      }
    }
  }
  for (const k of changed) {
    const a = before[k].facts!;
    const b = after[k].facts!;
    if (a === b) {
      continue;
    }
    for (const name of a.bindingsByName.keys()) {
      remove(index.bindings, name, k);
    }
    for (const name of a.readsByName.keys()) {
      remove(index.reads, name, k);
    }
    for (const name of b.bindingsByName.keys()) {
      insert(index.bindings, name, k);
    }
    for (const name of b.readsByName.keys()) {
      insert(index.reads, name, k);
    }
  }
}

/** More changed cells than this: rebuild the index rather than patch it. */
const MAX_PATCHED_CELLS = 8;

function buildIndex(codeCells: IAnalysedCell[]): INameIndex {
  const bindings = new Map<string, number[]>();
  const reads = new Map<string, number[]>();
  codeCells.forEach((cell, k) => {
    for (const name of cell.facts!.bindingsByName.keys()) {
      push(bindings, name, k);
    }
    for (const name of cell.facts!.readsByName.keys()) {
      push(reads, name, k);
    }
  });
  return {
    bindings,
    reads,
    locatedBindings: new Map(),
    locatedReads: new Map()
  };
}

function remove(map: Map<string, number[]>, name: string, k: number): void {
  const list = map.get(name);
  if (!list) {
    return;
  }
  const at = list.indexOf(k);
  if (at >= 0) {
    list.splice(at, 1);
  }
  if (list.length === 0) {
    map.delete(name);
  }
}

function insert(map: Map<string, number[]>, name: string, k: number): void {
  const list = map.get(name);
  if (!list) {
    map.set(name, [k]);
    return;
  }
  // Keep document order.
  let at = list.length;
  while (at > 0 && list[at - 1] > k) {
    at--;
  }
  list.splice(at, 0, k);
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/** Does the cell carry an nbdev directive (`#| export`)? */
function isNbdevSource(cell: IAnalysedCell): boolean {
  return derive(cell.facts!, 'nbdev-directive', facts =>
    facts.comments.some(k => NBDEV_DIRECTIVE.test(k.text))
  );
}

/**
 * True when the two models' code cells import the same names in the same
 * order and agree on nbdev directives: every changed cell's imports and
 * directives are as before.
 */
function sameImports(previous: NotebookModel, model: NotebookModel): boolean {
  const a = previous.codeCells;
  const b = model.codeCells;
  if (a.length !== b.length || previous.language !== model.language) {
    return false;
  }
  for (let k = 0; k < a.length; k++) {
    const x = a[k].facts!;
    const y = b[k].facts!;
    if (x === y) {
      continue;
    }
    if (
      x.imports.length !== y.imports.length ||
      x.imports.some(
        ([l, q], i) => l !== y.imports[i][0] || q !== y.imports[i][1]
      ) ||
      isNbdevSource(a[k]) !== isNbdevSource(b[k])
    ) {
      return false;
    }
  }
  return true;
}

/** Same tags in the same order. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
