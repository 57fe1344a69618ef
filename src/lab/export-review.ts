/**
 * Whether an export should be reviewed first, and what the review shows.
 * Pure logic (no JupyterLab imports) so the decision is unit-tested.
 */
import { IFinding, Severity, severityRank } from '../core/types';

export interface IReviewSettings {
  /** `reviewBeforeExport`: off means every export goes straight ahead. */
  enabled: boolean;
  /** `reviewSeverity`: the lowest severity that asks for a review. */
  severity: Severity;
}

export interface IExportReview {
  /** True when the export must wait for the user's choice. */
  needed: boolean;
  /** Findings at or above the review severity, ignored ones left out. */
  total: number;
  byFamily: [string, number][];
  bySeverity: Record<Severity, number>;
  /** The most severe findings first, then in document order. */
  top: IFinding[];
}

export const TOP_FINDINGS = 5;

export function exportReview(
  findings: readonly IFinding[],
  settings: IReviewSettings
): IExportReview {
  const threshold = severityRank(settings.severity);
  const relevant = findings.filter(
    f => !f.suppressed && severityRank(f.severity) >= threshold
  );
  const families = new Map<string, number>();
  const bySeverity: Record<Severity, number> = {
    error: 0,
    warning: 0,
    info: 0
  };
  for (const f of relevant) {
    families.set(f.family, (families.get(f.family) ?? 0) + 1);
    bySeverity[f.severity]++;
  }
  const top = relevant
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i
    )
    .slice(0, TOP_FINDINGS)
    .map(x => x.f);
  return {
    needed: settings.enabled && relevant.length > 0,
    total: relevant.length,
    byFamily: [...families.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0])
    ),
    bySeverity,
    top
  };
}

/** Reads the two settings, tolerating missing or unknown values. */
export function reviewSettings(composite: {
  [key: string]: unknown;
}): IReviewSettings {
  const severity = composite.reviewSeverity;
  return {
    enabled: composite.reviewBeforeExport !== false,
    severity: severity === 'error' || severity === 'info' ? severity : 'warning'
  };
}
