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
  private readonly bindingsByName = new Map<string, ILocated<IBinding>[]>();
  private readonly readsByName = new Map<string, ILocated<IRead>[]>();
  private readonly imports = new Map<string, string>();

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
      const facts = cell.facts!;
      for (const b of facts.bindings) {
        push(this.bindingsByName, b.name, { cell, item: b });
        if (b.kind === 'import' && b.qualified && b.inFunction === null) {
          this.imports.set(b.name, b.qualified);
        }
      }
      for (const r of facts.reads) {
        push(this.readsByName, r.name, { cell, item: r });
      }
    }
  }

  /** Every binding of a name, in document order (module and function level). */
  bindings(name: string): ILocated<IBinding>[] {
    return this.bindingsByName.get(name) ?? [];
  }

  /** Every read of a name, in document order. */
  reads(name: string): ILocated<IRead>[] {
    return this.readsByName.get(name) ?? [];
  }

  names(): IterableIterator<string> {
    return this.bindingsByName.keys();
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
