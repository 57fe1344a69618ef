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
  private readonly keyIndexes = new Map<string, Map<string, number[]>>();
  private changed: number[] | null | undefined;
  /** Told every name a rule looks up (the engine tracks keyed rules' dependencies). */
  nameQueries: ((name: string, kind: NameQuery) => void) | null = null;

  constructor(
    readonly notebook: INotebookInput,
    /** Null when the kernel language has no front-end: no cell is parsed. */
    readonly language: SupportedLanguage | null,
    cache: FactsCache,
    readonly languageName: string = language ?? 'unknown',
    /** The model of the previous analysis, whose name index may be patched. */
    private previous: NotebookModel | null = null
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
    // Only the last model is patched: no chain of models stays alive.
    if (previous) {
      previous.previous = null;
    }
  }

  /**
   * Which cells bind and read each name, built on first use (cross-cell rules
   * only). Per-cell groups are cached with the cell's facts, so this costs one
   * map entry per distinct name and cell.
   */
  private index(): INameIndex {
    if (this.nameIndex) {
      return this.nameIndex;
    }
    this.nameIndex = this.patchedIndex() ?? buildIndex(this.codeCells);
    return this.nameIndex;
  }

  /**
   * The previous analysis's index, patched where cells changed: while typing,
   * one cell's names move in and out instead of rebuilding the whole index.
   * The previous model gives its index up (the engine only passes the model
   * it returned last).
   */
  private patchedIndex(): INameIndex | null {
    const prev = this.previous;
    const changed = this.changedCells();
    if (!prev || !prev.nameIndex || !changed) {
      return null;
    }
    const index = prev.nameIndex;
    prev.nameIndex = null;
    // Located lists hold cell objects: drop those of every cell that is a
    // new object, even with the same facts (its execution count changed).
    for (const k of changed) {
      for (const facts of [
        prev.codeCells[k].facts!,
        this.codeCells[k].facts!
      ]) {
        for (const name of facts.bindingsByName.keys()) {
          index.locatedBindings.delete(name);
        }
        for (const name of facts.readsByName.keys()) {
          index.locatedReads.delete(name);
        }
      }
    }
    for (const k of changed) {
      const before = prev.codeCells[k].facts!;
      const after = this.codeCells[k].facts!;
      if (before === after) {
        continue;
      }
      for (const name of before.bindingsByName.keys()) {
        remove(index.bindings, name, k);
      }
      for (const name of before.readsByName.keys()) {
        remove(index.reads, name, k);
      }
      for (const name of after.bindingsByName.keys()) {
        insert(index.bindings, name, k);
      }
      for (const name of after.readsByName.keys()) {
        insert(index.reads, name, k);
      }
    }
    return index;
  }

  /**
   * Ordinals of the code cells that are new objects since the previous
   * model (their facts may be the same), or null when there is none to
   * patch from or too much changed.
   */
  private changedCells(): number[] | null {
    if (this.changed !== undefined) {
      return this.changed;
    }
    const prev = this.previous;
    this.changed = null;
    if (!prev || prev.codeCells.length !== this.codeCells.length) {
      return null;
    }
    const changed: number[] = [];
    for (let k = 0; k < this.codeCells.length; k++) {
      if (prev.codeCells[k] !== this.codeCells[k]) {
        changed.push(k);
        if (changed.length > MAX_PATCHED_CELLS) {
          return null;
        }
      }
    }
    this.changed = changed;
    return changed;
  }

  /**
   * The code cells (in document order) whose `keysOf` lists the key: an
   * index per id, built on first use and patched from the previous model's
   * where cells changed, so that a keyed rule finds the cells of the keys an
   * edit touched without visiting every cell. `keysOf` must depend on the
   * cell's facts only (the id names any option it depends on) and list
   * each key once.
   */
  cellsWithKey(
    id: string,
    keysOf: (cell: IAnalysedCell) => readonly string[],
    key: string
  ): IAnalysedCell[] {
    let index = this.keyIndexes.get(id);
    if (!index) {
      index = this.patchedKeyIndex(id, keysOf) ?? undefined;
      if (!index) {
        const built = new Map<string, number[]>();
        this.codeCells.forEach((cell, k) => {
          for (const x of keysOf(cell)) {
            push(built, x, k);
          }
        });
        index = built;
      }
      this.keyIndexes.set(id, index);
    }
    return (index.get(key) ?? []).map(k => this.codeCells[k]);
  }

  private patchedKeyIndex(
    id: string,
    keysOf: (cell: IAnalysedCell) => readonly string[]
  ): Map<string, number[]> | null {
    const prev = this.previous;
    const index = prev?.keyIndexes.get(id);
    const changed = this.changedCells();
    if (!prev || !index || !changed) {
      return null;
    }
    prev.keyIndexes.delete(id);
    for (const k of changed) {
      if (prev.codeCells[k].facts === this.codeCells[k].facts) {
        continue;
      }
      for (const x of keysOf(prev.codeCells[k])) {
        remove(index, x, k);
      }
      for (const x of keysOf(this.codeCells[k])) {
        insert(index, x, k);
      }
    }
    return index;
  }

  /** Every binding of a name, in document order (module and function level). */
  bindings(name: string): readonly ILocated<IBinding>[] {
    this.nameQueries?.(name, 'bound');
    const index = this.index();
    let located = index.locatedBindings.get(name);
    if (!located) {
      located = (index.bindings.get(name) ?? []).flatMap(k => {
        const cell = this.codeCells[k];
        return cell
          .facts!.bindingsByName.get(name)!
          .map(item => ({ cell, item }));
      });
      index.locatedBindings.set(name, located);
    }
    return located;
  }

  /** Every read of a name, in document order. */
  reads(name: string): readonly ILocated<IRead>[] {
    this.nameQueries?.(name, 'read');
    const index = this.index();
    let located = index.locatedReads.get(name);
    if (!located) {
      located = (index.reads.get(name) ?? []).flatMap(k => {
        const cell = this.codeCells[k];
        return cell.facts!.readsByName.get(name)!.map(item => ({ cell, item }));
      });
      index.locatedReads.set(name, located);
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
