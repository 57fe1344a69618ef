/**
 * The cross-cell view of a notebook: cells in document order with their
 * facts, and who binds and reads each module-level name.
 */
import { dottedName, Expr } from './ast';
import { FactsCache, IBinding, ICellFacts, IRead } from './facts';
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

export interface ILocated<T> {
  cell: IAnalysedCell;
  item: T;
}

export class NotebookModel {
  readonly cells: IAnalysedCell[];
  readonly codeCells: IAnalysedCell[];
  /** The first cell tagged `parameters` (papermill), if any. */
  readonly parametersCell: IAnalysedCell | null;
  private readonly imports = new Map<string, string>();
  /** Identifies the notebook's imports, for memoising cell-local checks. */
  readonly importsKey: string;
  private nameIndex: {
    bindings: Map<string, IAnalysedCell[]>;
    reads: Map<string, IAnalysedCell[]>;
  } | null = null;

  constructor(
    readonly notebook: INotebookInput,
    /** Null when the kernel language has no front-end: no cell is parsed. */
    readonly language: SupportedLanguage | null,
    cache: FactsCache,
    readonly languageName: string = language ?? 'unknown'
  ) {
    this.cells = notebook.cells.map((input, index) => {
      const text = cellText(input);
      const type = input.cell_type;
      return {
        index,
        id: typeof input.id === 'string' ? input.id : null,
        type,
        text,
        tags: Array.isArray(input.metadata?.tags)
          ? (input.metadata!.tags as string[])
          : [],
        executionCount:
          typeof input.execution_count === 'number'
            ? input.execution_count
            : null,
        input,
        facts: type === 'code' && language ? cache.get(language, text) : null
      };
    });
    this.codeCells = this.cells.filter(c => c.facts !== null);
    this.parametersCell =
      this.codeCells.find(c => c.tags.includes('parameters')) ?? null;
    for (const cell of this.codeCells) {
      for (const [local, qualified] of cell.facts!.imports) {
        this.imports.set(local, qualified);
      }
    }
    this.importsKey = Array.from(this.imports, ([l, q]) => `${l}=${q}`).join(
      ','
    );
  }

  /**
   * Which cells bind and read each name, built on first use (cross-cell rules
   * only). Per-cell groups are cached with the cell's facts, so this costs one
   * map entry per distinct name and cell.
   */
  private index(): NonNullable<NotebookModel['nameIndex']> {
    if (this.nameIndex) {
      return this.nameIndex;
    }
    const bindings = new Map<string, IAnalysedCell[]>();
    const reads = new Map<string, IAnalysedCell[]>();
    for (const cell of this.codeCells) {
      for (const name of cell.facts!.bindingsByName.keys()) {
        push(bindings, name, cell);
      }
      for (const name of cell.facts!.readsByName.keys()) {
        push(reads, name, cell);
      }
    }
    this.nameIndex = { bindings, reads };
    return this.nameIndex;
  }

  /** Every binding of a name, in document order (module and function level). */
  bindings(name: string): ILocated<IBinding>[] {
    const cells = this.index().bindings.get(name) ?? [];
    return cells.flatMap(cell =>
      cell.facts!.bindingsByName.get(name)!.map(item => ({ cell, item }))
    );
  }

  /** Every read of a name, in document order. */
  reads(name: string): ILocated<IRead>[] {
    const cells = this.index().reads.get(name) ?? [];
    return cells.flatMap(cell =>
      cell.facts!.readsByName.get(name)!.map(item => ({ cell, item }))
    );
  }

  names(): IterableIterator<string> {
    return this.index().bindings.keys();
  }

  /** How many bindings a name has in the whole notebook. */
  bindingCount(name: string): number {
    let n = 0;
    for (const cell of this.index().bindings.get(name) ?? []) {
      n += cell.facts!.bindingsByName.get(name)!.length;
    }
    return n;
  }

  /** The cells that read a name. */
  cellsReading(name: string): readonly IAnalysedCell[] {
    return this.index().reads.get(name) ?? [];
  }

  /** True when the name is bound in the parameters cell. */
  isParameter(name: string): boolean {
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
    const dotted = dottedName(e);
    if (!dotted) {
      return null;
    }
    const dot = dotted.indexOf('.');
    const root = dot < 0 ? dotted : dotted.slice(0, dot);
    const qualified = this.imports.get(root);
    if (!qualified) {
      return dotted;
    }
    return dot < 0 ? qualified : qualified + dotted.slice(dot);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}
