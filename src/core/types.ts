/**
 * Public types of the analysis engine. The finding shape is a public contract:
 * the JSON output, the panel and the tests all use it.
 */

export type Severity = 'error' | 'warning' | 'info';

export type Family =
  | 'dead-code'
  | 'hardcoded-threshold'
  | 'undeclared-data'
  | 'reproducibility'
  | 'analysis';

export const FAMILIES: readonly Family[] = [
  'dead-code',
  'hardcoded-threshold',
  'undeclared-data',
  'reproducibility',
  'analysis'
];

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Severity rank: higher is more severe. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/** A 1-based position within a cell's text. */
export interface IPosition {
  line: number;
  column: number;
}

export interface IRange {
  start: IPosition;
  end: IPosition;
}

/** One text edit to apply to the cell the finding is in. */
export interface ITextEdit {
  range: IRange;
  text: string;
  /**
   * The cell the edit applies to, when not the finding's own cell (e.g. the
   * parameters cell of an "extract to parameters" fix).
   */
  cell?: { index: number; id: string | null };
  /**
   * Set when the edit creates a new code cell at `cell.index` (before the
   * cell now there), with `text` as its source and these tags; `range` is
   * then unused. Such an edit comes last, after the text edits.
   */
  newCell?: { tags: string[] };
}

export interface IFinding {
  rule: string;
  family: Family;
  severity: Severity;
  message: string;
  cell: { index: number; id: string | null };
  range: IRange;
  /** Edits that resolve the finding, applied to the finding's cell. */
  fix?: ITextEdit[];
  /**
   * For data findings: the source to add to the notebook's `mldebt.inputs`
   * (or `outputs`) metadata to declare it (the "Declare input" action).
   */
  declare?: { kind: 'input' | 'output'; source: string };
  /** Set when a metadata suppression matched (only when asked to keep them). */
  suppressed?: { reason?: string };
  /**
   * The other places of the same problem (the same literal in other cells,
   * the rest of a run of never-executed cells): one problem, one finding.
   */
  related?: IRelatedLocation[];
  /** Other rules that saw exactly this code; their findings are merged into this one. */
  merged?: string[];
}

/** Another place a finding's problem shows (SARIF `relatedLocations`). */
export interface IRelatedLocation {
  cell: { index: number; id: string | null };
  range: IRange;
  message: string;
}

export type CellType = 'code' | 'markdown' | 'raw';

/** A cell as the engine reads it: nbformat 4, or the live JupyterLab model. */
export interface ICellInput {
  cell_type: CellType;
  source: string | string[];
  id?: string;
  execution_count?: number | null;
  metadata?: {
    tags?: string[];
    mldebt?: ICellMldebtMetadata;
    [key: string]: unknown;
  };
}

export interface ICellSuppression {
  rule: string;
  line?: number;
  reason?: string;
  fingerprint?: string;
}

export interface ICellMldebtMetadata {
  ignore?: ICellSuppression[];
}

export interface INotebookMldebtMetadata {
  ignore?: string[];
  inputs?: string[];
  outputs?: string[];
}

export interface INotebookInput {
  nbformat?: number;
  nbformat_minor?: number;
  cells: ICellInput[];
  metadata?: {
    kernelspec?: { name?: string; language?: string; display_name?: string };
    language_info?: { name?: string };
    mldebt?: INotebookMldebtMetadata;
    [key: string]: unknown;
  };
}

/** The kernel languages the engine has a front-end for. */
export type SupportedLanguage = 'python' | 'javascript';

/** Does this finding report the rule, itself or merged from another rule on the same code? */
export function reportsRule(finding: IFinding, rule: string): boolean {
  return finding.rule === rule || !!finding.merged?.includes(rule);
}
