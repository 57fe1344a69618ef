/**
 * Keyed rules' findings, kept between analyses (see `IKeyedRule`): after an
 * edit only the keys it touches are checked again, so a cross-cell rule costs
 * what the edit changed, not what the notebook holds.
 */
import { derive } from './facts';
import { IAnalysedCell, NotebookModel, sameTags } from './model';
import { IKeyedCellContext, IKeyedRule } from './rule';

/** A code cell an edit changed: as the previous model saw it, and now. */
export interface ICellChange {
  before: IAnalysedCell;
  after: IAnalysedCell;
}

/**
 * The code cells whose facts changed since the previous model, or null when
 * anything else changed: cells added, removed, moved, retyped, retagged or
 * re-run, the imports, the language.
 */
export function cellChanges(
  previous: NotebookModel | null,
  model: NotebookModel
): ICellChange[] | null {
  if (
    !previous ||
    previous.language !== model.language ||
    previous.importsKey !== model.importsKey ||
    previous.cells.length !== model.cells.length
  ) {
    return null;
  }
  const changes: ICellChange[] = [];
  for (let i = 0; i < model.cells.length; i++) {
    const before = previous.cells[i];
    const after = model.cells[i];
    if (
      before.type !== after.type ||
      before.id !== after.id ||
      before.executionCount !== after.executionCount ||
      (before.facts === null) !== (after.facts === null) ||
      !sameTags(before.tags, after.tags)
    ) {
      return null;
    }
    if (before.facts !== after.facts) {
      changes.push({ before, after });
    }
  }
  return changes;
}

/**
 * `cellKeys` of a rule keyed by name: every name the cell binds or reads, so
 * that a name an edit brings into the notebook is checked too.
 */
export function cellNameKeys(cell: IAnalysedCell): readonly string[] {
  return derive(cell.facts!, 'keyed:names', facts => [
    ...new Set([...facts.bindingsByName.keys(), ...facts.readsByName.keys()])
  ]);
}

/** A report kept for its key: the index of its cell and what the engine made of it. */
export interface IKeptReport<L> {
  cell: number;
  local: L;
}

interface IEntry<L> {
  reports: IKeptReport<L>[];
  /** Names whose bindings the key's check looked up through the model. */
  bound: Set<string>;
  /** Names whose reads the key's check looked up. */
  read: Set<string>;
  /** Cells its reports and their related places are in. */
  cells: Set<number>;
}

/** One keyed rule's findings by key, with what each key's check depended on. */
export class KeyedResults<L> {
  private readonly byKey = new Map<string, IEntry<L>>();
  /** The entries with at least one report (most keys have none). */
  private readonly reported = new Set<IEntry<L>>();
  /** Name → keys whose check looked up its bindings. */
  private readonly byBound = new Map<string, Set<string>>();
  /** Name → keys whose check looked up its reads. */
  private readonly byRead = new Map<string, Set<string>>();
  /** Cell index → keys with a report or related place in it. */
  private readonly byCell = new Map<number, Set<string>>();
  private context: string | null = null;
  /** See `IRuleContext.carried`. */
  readonly carried = new Map<string, unknown>();
  /** Keys checked in this analysis (their entries are new). */
  private readonly checked = new Set<string>();
  private current: IEntry<L> | null = null;
  private currentKey: string | null = null;

  /**
   * Starts an analysis: the keys to check, or null when every key must be
   * (the first analysis, other configuration, a structural change, a
   * changed cell signature).
   */
  begin(
    rule: IKeyedRule,
    context: string,
    changes: ICellChange[] | null,
    before: IKeyedCellContext | null,
    after: IKeyedCellContext
  ): ReadonlySet<string> | null {
    this.checked.clear();
    if (this.context !== context || changes === null || before === null) {
      this.clear();
      this.context = context;
      return null;
    }
    for (const c of changes) {
      if (
        rule.cellSignature &&
        rule.cellSignature(c.before, before) !==
          rule.cellSignature(c.after, after)
      ) {
        this.clear();
        this.context = context;
        return null;
      }
    }
    const keys = new Set<string>();
    const addAll = (set: Set<string> | undefined): void =>
      set?.forEach(k => keys.add(k));
    for (const c of changes) {
      for (const [cell, ctx] of [
        [c.before, before],
        [c.after, after]
      ] as const) {
        for (const k of rule.cellKeys?.(cell, ctx) ?? []) {
          keys.add(k);
        }
        const facts = cell.facts!;
        for (const name of facts.bindingsByName.keys()) {
          addAll(this.byBound.get(name));
        }
        for (const name of facts.readsByName.keys()) {
          addAll(this.byRead.get(name));
        }
      }
      addAll(this.byCell.get(c.after.index));
    }
    for (const k of keys) {
      this.drop(k);
    }
    return keys;
  }

  /** Runs one key's check, tracking the names it looks up. */
  checkKey(key: string, check: () => void, model: NotebookModel): void {
    const outer = { entry: this.current, key: this.currentKey };
    const entry = this.entry(key);
    const queries = model.nameQueries;
    this.current = entry;
    this.currentKey = key;
    model.nameQueries = (name, kind) => {
      const [names, index] =
        kind === 'bound'
          ? [entry.bound, this.byBound]
          : [entry.read, this.byRead];
      if (!names.has(name)) {
        names.add(name);
        link(index, name, key);
      }
      queries?.(name, kind);
    };
    try {
      check();
    } finally {
      model.nameQueries = queries;
      this.current = outer.entry;
      this.currentKey = outer.key;
    }
  }

  /** Keeps a report under its key (given, or the key being checked). */
  report(key: string | undefined, cells: number[], local: L): void {
    let entry: IEntry<L>;
    let k: string;
    if (key !== undefined && key !== this.currentKey) {
      entry = this.entry(key);
      k = key;
    } else if (this.current && this.currentKey !== null) {
      entry = this.current;
      k = this.currentKey;
    } else {
      throw new Error('a keyed rule reported outside checkKey, with no key');
    }
    entry.reports.push({ cell: cells[0], local });
    this.reported.add(entry);
    for (const c of cells) {
      if (!entry.cells.has(c)) {
        entry.cells.add(c);
        link(this.byCell, c, k);
      }
    }
  }

  /** Every kept report, fresh and carried over. */
  *reports(): IterableIterator<IKeptReport<L>> {
    for (const entry of this.reported) {
      yield* entry.reports;
    }
  }

  clear(): void {
    this.byKey.clear();
    this.carried.clear();
    this.reported.clear();
    this.byBound.clear();
    this.byRead.clear();
    this.byCell.clear();
    this.checked.clear();
    this.context = null;
    this.current = null;
    this.currentKey = null;
  }

  get size(): number {
    return this.byKey.size;
  }

  /** The key's entry for this analysis: a new one the first time it is checked. */
  private entry(key: string): IEntry<L> {
    if (!this.checked.has(key)) {
      this.drop(key);
      this.checked.add(key);
      const entry: IEntry<L> = {
        reports: [],
        bound: new Set(),
        read: new Set(),
        cells: new Set()
      };
      this.byKey.set(key, entry);
      return entry;
    }
    return this.byKey.get(key)!;
  }

  private drop(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) {
      return;
    }
    this.byKey.delete(key);
    this.reported.delete(entry);
    for (const n of entry.bound) {
      unlink(this.byBound, n, key);
    }
    for (const n of entry.read) {
      unlink(this.byRead, n, key);
    }
    for (const c of entry.cells) {
      unlink(this.byCell, c, key);
    }
  }
}

function link<K>(map: Map<K, Set<string>>, at: K, key: string): void {
  const set = map.get(at);
  if (set) {
    set.add(key);
  } else {
    map.set(at, new Set([key]));
  }
}

function unlink<K>(map: Map<K, Set<string>>, at: K, key: string): void {
  const set = map.get(at);
  if (set) {
    set.delete(key);
    if (set.size === 0) {
      map.delete(at);
    }
  }
}
