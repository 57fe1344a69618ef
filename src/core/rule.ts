/** What a rule module exports: its metadata beside its check. */
import { IDeclaredDependencies } from './dependencies';
import { IAnalysedCell, NotebookModel } from './model';
import { Family, Severity } from './types';

export type OptionType =
  'boolean' | 'number' | 'string' | 'number[]' | 'string[]';

export interface IRuleOption {
  type: OptionType;
  default: boolean | number | string | number[] | string[];
  title: string;
  description: string;
}

export interface IRuleExample {
  code: string;
  language?: 'python' | 'javascript';
  /** Why this example is (or is not) debt, one line. */
  note?: string;
  /**
   * The cells the example stands for, when one cell is not enough (execution
   * state, several cells). `code` is then the cell the documentation shows.
   */
  cells?: {
    source: string;
    execution_count?: number | null;
    tags?: string[];
  }[];
  /** For package rules: what the project's dependency files declare (none found when absent). */
  declared?: string[];
}

export interface IRuleMeta {
  /** kebab-case, unique. */
  id: string;
  family: Family;
  severity: Severity;
  title: string;
  description: string;
  /** Why it is technical debt. */
  rationale: string;
  /** The section of Sculley et al. (NeurIPS 2015) it comes from. */
  paper: string;
  options: Record<string, IRuleOption>;
  examples: { bad: IRuleExample[]; good: IRuleExample[] };
  /**
   * What the rule found on ../shared/corpus and how many of those findings a
   * reviewer agreed with (recorded by hand after reading them).
   */
  corpus?: string;
  /** Off unless turned on in configuration. */
  defaultEnabled?: boolean;
  /**
   * The finding covers a whole dead block: other findings inside it are
   * dropped, so dead lines are reported once.
   */
  coversBlock?: boolean;
  /**
   * The rule only relates places other rules report (`repeated-literal`):
   * where another rule reports the same span, that finding is kept, and the
   * other places of this rule's group become its related locations.
   */
  secondary?: boolean;
  /**
   * The rule is the general case of others (`undeclared-read`): where a more
   * specific rule of the same severity reports the same span, that one wins.
   */
  general?: boolean;
}

/** An edit in offsets of the finding's cell. */
export interface IOffsetEdit {
  from: number;
  to: number;
  text: string;
}

export interface IExtract {
  name: string;
  use: 'pass' | 'compare' | 'everywhere';
}

export interface IReport {
  cell: IAnalysedCell;
  from: number;
  to: number;
  message: string;
  fix?: IOffsetEdit[];
  /** A severity for this finding other than the rule's (unless configured). */
  severity?: Severity;
  /**
   * Offer "extract to parameters": the reported span (a literal) becomes this
   * UPPER_CASE name, declared in the parameters cell. The engine builds the
   * edits, avoiding names already in use or reusing a parameter that already
   * holds the value, and ends the message with advice naming what the fix
   * writes, so the message leaves it out. `use` says how the name is used:
   * passed as an argument, compared against, or used everywhere.
   */
  extract?: IExtract;
  /** A data source the user can declare in the notebook's metadata. */
  declare?: { kind: 'input' | 'output'; source: string };
  /**
   * Reports of one rule with the same group in a notebook are one problem
   * (the same hyperparameter literal in several cells): the first in
   * document order is the finding, the others its related locations, and
   * an extract fix replaces them all.
   */
  group?: string;
  /** Other places of this problem, known to the rule itself. */
  related?: IRelatedReport[];
  /**
   * Keyed rules: the key this report belongs to, when it is not made inside
   * `checkKey` (see `IRule.keyed`).
   */
  key?: string;
}

/** A related place, in offsets of its cell. */
export interface IRelatedReport {
  cell: IAnalysedCell;
  from: number;
  to: number;
  message: string;
}

export interface IRuleContext {
  model: NotebookModel;
  /** The rule's options, defaults merged with configuration. */
  options: Record<string, any>;
  /** Inputs declared in settings or `[tool.mldebt]`. */
  declaredInputs: string[];
  /** Outputs declared in settings or `[tool.mldebt]`. */
  declaredOutputs: string[];
  /**
   * The project's dependency declarations, or undefined when none were
   * found (or could not be looked for): rules about packages stay silent.
   */
  dependencies?: IDeclaredDependencies;
  /** The effective options of another rule (shared vocabularies, allow-lists). */
  optionsOf(ruleId: string): Record<string, any>;
  report(report: IReport): void;
  /**
   * Keyed rules: the keys this analysis must check, or null for every key.
   * After an edit only the keys it may have changed are listed; the other
   * keys' findings are kept from the previous analysis. Always null for
   * rules that are not keyed.
   */
  keys: ReadonlySet<string> | null;
  /**
   * Keyed rules: runs `check`, attributing to `key` the reports it makes
   * and the names it looks up through the model (`bindings`, `reads`,
   * `bindingCount`, `cellsReading`, `isParameter`), so that an edit binding
   * a name whose bindings it looked up, or reading a name whose reads it
   * looked up, checks the key again. Other rules: runs `check`.
   */
  checkKey(key: string, check: () => void): void;
  /**
   * Keyed rules: notebook-wide data carried from one analysis to the next
   * while only keys are checked. It is emptied whenever every key is, so it
   * may hold only what the notebook's structure and the cells' signatures
   * decide (which cells are opaque, the text of every magic). Other rules:
   * empty on every analysis.
   */
  carried: Map<string, unknown>;
}

/** What a keyed rule's cell hooks are given. */
export interface IKeyedCellContext {
  model: NotebookModel;
  options: Record<string, any>;
  optionsOf(ruleId: string): Record<string, any>;
}

/**
 * A cross-cell rule whose findings fall apart by key (a name, a literal's
 * value), so that an edit re-checks only the keys it touches: those whose
 * check looked up the bindings of a name the edited cell binds, or the
 * reads of a name it reads (tracked through the model), those `cellKeys` lists for the cell before or after the edit, and
 * those with a finding or related place in the cell. Everything else a check
 * reads of a cell directly, beyond those keys, is `cellSignature`: when it
 * changes, every key is checked again, as it is when cells are added,
 * removed, moved or retagged, or when configuration or imports change.
 */
export interface IKeyedRule {
  /**
   * Keys whose check reads this cell's facts directly. A rule without
   * `cellKeys` has one key, the whole notebook: its check runs as if it were
   * not keyed (`keys` null), and only when an edit changed a cell signature,
   * a cell with one of its findings, or a name it looked up; otherwise its
   * findings are kept.
   */
  cellKeys?(cell: IAnalysedCell, context: IKeyedCellContext): Iterable<string>;
  /** Everything else of the cell any key's check reads. */
  cellSignature?(cell: IAnalysedCell, context: IKeyedCellContext): string;
}

/**
 * The context of a cell-local check: what it reports may depend only on the
 * cell's facts, the rule's options, the notebook's imports and whether the
 * cell is the parameters cell. The engine memoises it per cell, so a
 * keystroke re-runs cell-local rules on the edited cell only.
 */
export interface ICellContext {
  model: NotebookModel;
  cell: IAnalysedCell;
  options: Record<string, any>;
  /** The effective options of another rule (shared vocabularies, allow-lists). */
  optionsOf(ruleId: string): Record<string, any>;
  report(report: Omit<IReport, 'cell'>): void;
}

export interface IRule {
  meta: IRuleMeta;
  /** A whole-notebook check (cross-cell rules). */
  check?(context: IRuleContext): void;
  /** The check's findings fall apart by key and are kept between analyses. */
  keyed?: IKeyedRule;
  /** A cell-local check, memoised per cell by the engine. */
  checkCell?(context: ICellContext): void;
}
