import { Engine } from '../core/engine';
import { IFinding } from '../core/types';
import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { exportReview, reviewSettings, TOP_FINDINGS } from './export-review';

function finding(
  severity: IFinding['severity'],
  family: string,
  index: number,
  extra: Partial<IFinding> = {}
): IFinding {
  return {
    rule: `${family}-rule`,
    family: family as IFinding['family'],
    severity,
    message: `${severity} ${index}`,
    cell: { index, id: `c${index}` },
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
    ...extra
  };
}

describe('the export guard', () => {
  const on = { enabled: true, severity: 'warning' as const };

  it('lets a clean notebook through without a review', () => {
    expect(exportReview([], on)).toMatchObject({ needed: false, total: 0 });
  });

  it('asks when a finding reaches the review severity', () => {
    const r = exportReview([finding('warning', 'dead-code', 0)], on);
    expect(r.needed).toBe(true);
    expect(r.total).toBe(1);
  });

  it('ignores findings below the review severity and ignored ones', () => {
    const findings = [
      finding('info', 'dead-code', 0),
      finding('warning', 'dead-code', 1, {
        suppressed: { source: 'metadata', reason: 'kept on purpose' }
      } as Partial<IFinding>)
    ];
    expect(exportReview(findings, on).needed).toBe(false);
    expect(exportReview(findings, { ...on, severity: 'info' })).toMatchObject({
      needed: true,
      total: 1
    });
    expect(
      exportReview([finding('warning', 'dead-code', 0)], {
        ...on,
        severity: 'error'
      }).needed
    ).toBe(false);
  });

  it('never asks when the review is turned off', () => {
    expect(
      exportReview([finding('error', 'dead-code', 0)], {
        ...on,
        enabled: false
      }).needed
    ).toBe(false);
  });

  it('counts per family and severity, and shows the most severe first', () => {
    const findings = [
      finding('warning', 'dead-code', 0),
      finding('warning', 'undeclared-data', 1),
      finding('error', 'undeclared-data', 2),
      ...Array.from({ length: 6 }, (_, i) =>
        finding('warning', 'hardcoded-threshold', 3 + i)
      )
    ];
    const r = exportReview(findings, on);
    expect(r.byFamily).toEqual([
      ['hardcoded-threshold', 6],
      ['undeclared-data', 2],
      ['dead-code', 1]
    ]);
    expect(r.bySeverity).toEqual({ error: 1, warning: 8, info: 0 });
    expect(r.top).toHaveLength(TOP_FINDINGS);
    expect(r.top.map(f => f.cell.index)).toEqual([2, 0, 1, 3, 4]);
  });

  it('decides from real engine findings', () => {
    const analysis = new Engine(RULES).analyse(
      notebook(['import pandas as pd', 'df = pd.read_csv("/home/al/x.csv")']),
      {}
    );
    const r = exportReview(analysis.findings, on);
    expect(r.needed).toBe(true);
    expect(r.byFamily.map(([f]) => f)).toContain('undeclared-data');
  });
});

describe('review settings', () => {
  it('default to on, at warning', () => {
    expect(reviewSettings({})).toEqual({ enabled: true, severity: 'warning' });
  });

  it('read the two keys and tolerate unknown values', () => {
    expect(
      reviewSettings({ reviewBeforeExport: false, reviewSeverity: 'error' })
    ).toEqual({ enabled: false, severity: 'error' });
    expect(reviewSettings({ reviewSeverity: 'loud', other: 1 })).toEqual({
      enabled: true,
      severity: 'warning'
    });
  });
});
