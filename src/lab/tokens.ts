/** What the main plugin shares with the export plugin. */
import { Token } from '@lumino/coreutils';
import { INotebookResult } from '../core/report/formats';
import { NotebookPanel } from '@jupyterlab/notebook';
import { IReviewSettings } from './export-review';

export interface IMldebt {
  /** Analyses an open notebook with the current settings (ignored findings left out). */
  resultFor(notebook: NotebookPanel): Promise<INotebookResult>;
  /** The review-before-export settings as they are now. */
  reviewSettings(): IReviewSettings;
  /** Shows the ML Debt panel. */
  openPanel(): void;
}

export const IMldebt = new Token<IMldebt>(
  'jupyterlab-mldebt:IMldebt',
  'The ML Debt analysis of open notebooks.'
);
