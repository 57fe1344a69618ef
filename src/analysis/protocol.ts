/**
 * Messages between the JupyterLab side and the analysis (in a Web Worker or,
 * as a fallback, on the main thread). Plain data only: every message crosses
 * `postMessage` by structured clone.
 */
import { IDeclaredDependencies } from '../core/dependencies';
import { IMldebtConfig } from '../core/config';
import { IManifestEntry } from '../core/report/manifest-entries';
import { CellType, IFinding } from '../core/types';

/**
 * One cell of an update, in document order. `key` names the cell from one
 * update to the next; every other field is sent only when it changed since the
 * last update of the session (or the cell is new), so a keystroke sends one
 * cell's text.
 */
export interface ISyncCell {
  key: string;
  /** The nbformat id (the key may carry a suffix for duplicate ids). */
  id?: string | null;
  type?: CellType;
  source?: string;
  metadata?: Record<string, any>;
  executionCount?: number | null;
}

export interface IAnalyseRequest {
  kind: 'analyse';
  /** Which notebook (each keeps its own cells and incremental memo). */
  session: string;
  /** Answers carry it back; the caller drops answers to superseded requests. */
  generation: number;
  /** Forget the session's cells first: every cell of the update is complete. */
  reset: boolean;
  cells: ISyncCell[];
  /** Notebook metadata, when it changed. */
  metadata?: Record<string, any>;
  config: IMldebtConfig;
  dependencies?: IDeclaredDependencies;
}

export interface IForgetRequest {
  kind: 'forget';
  session: string;
}

export type IRequest = IAnalyseRequest | IForgetRequest;

/** What one analysis found: everything the panel, marks, status bar and reports show. */
export interface IAnalysisResult {
  kind: 'result';
  session: string;
  generation: number;
  language: string;
  supported: boolean;
  /** Ignored findings included, marked `suppressed`. */
  findings: IFinding[];
  /** The data manifest (reads and writes) in document order. */
  sources: IManifestEntry[];
  /** Set when the analysis failed: one line. */
  error?: string;
  /** Milliseconds the analysis took where it ran. */
  durationMs: number;
  /** True when the state equalled the previous request's and its result was reused. */
  reused: boolean;
}
