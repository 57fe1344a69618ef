import { IFinding } from '../core/types';
import { emptyFilter, PanelModel } from './panel-model';

function finding(
  rule: string,
  family: IFinding['family'],
  severity: IFinding['severity'],
  cell: number,
  message = `${rule} here`
): IFinding {
  return {
    rule,
    family,
    severity,
    message,
    cell: { index: cell, id: `c${cell}` },
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }
  };
}

const findings = [
  finding('constant-condition', 'dead-code', 'warning', 2),
  finding(
    'magic-number-comparison',
    'hardcoded-threshold',
    'warning',
    4,
    '`0.37` is a threshold on `proba`'
  ),
  finding('never-executed-cell', 'dead-code', 'info', 1),
  {
    ...finding('undeclared-read', 'undeclared-data', 'warning', 4),
    suppressed: { reason: 'known input' }
  }
];

describe('PanelModel', () => {
  it('counts unsuppressed findings per severity and family', () => {
    const m = new PanelModel();
    m.setFindings(findings);
    expect(m.counts()).toEqual({
      severity: { error: 0, warning: 2, info: 1 },
      family: [
        ['dead-code', 2],
        ['hardcoded-threshold', 1]
      ],
      total: 3,
      ignored: 1
    });
  });

  it('counts what the filters leave, and hides ignored rows unless shown', () => {
    const m = new PanelModel();
    m.setFindings(findings);
    expect(m.visible().some(f => f.suppressed)).toBe(false);
    for (const family of ['hardcoded-threshold', 'undeclared-data']) {
      m.toggleFamily(family);
    }
    expect(m.filtered).toBe(true);
    expect(m.counts('visible')).toMatchObject({
      total: 2,
      severity: { warning: 1, info: 1 },
      ignored: 0
    });
    m.filter.hiddenFamilies.clear();
    expect(m.filtered).toBe(false);
    m.showSuppressed = true;
    expect(m.visible().filter(f => f.suppressed)).toHaveLength(1);
    const data = m.groups().find(g => g.key === 'undeclared-data')!;
    expect([data.active, data.ignored]).toEqual([0, 1]);
  });

  it('orders families the same way in the counts and the groups', () => {
    const m = new PanelModel();
    // Undeclared data first in document order; dead code is still first.
    m.setFindings(
      [findings[3], findings[1], findings[0]].map(f => ({
        ...f,
        suppressed: undefined
      }))
    );
    expect(m.counts().family.map(([f]) => f)).toEqual([
      'dead-code',
      'hardcoded-threshold',
      'undeclared-data'
    ]);
    expect(m.groups().map(g => g.key)).toEqual([
      'dead-code',
      'hardcoded-threshold',
      'undeclared-data'
    ]);
  });

  it('filters by text (message or rule id), severity and family', () => {
    const m = new PanelModel();
    m.setFindings(findings);
    m.showSuppressed = true;
    m.filter.text = 'PROBA';
    expect(m.visible().map(f => f.rule)).toEqual(['magic-number-comparison']);
    m.filter = emptyFilter();
    m.toggleSeverity('warning');
    m.toggleSeverity('error');
    expect(m.visible().map(f => f.rule)).toEqual(['never-executed-cell']);
    m.filter = emptyFilter();
    for (const family of ['hardcoded-threshold', 'undeclared-data']) {
      m.toggleFamily(family);
    }
    expect(m.visible()).toHaveLength(2);
    m.toggleFamily('undeclared-data');
    m.toggleFamily('undeclared-data');
    expect(m.visible()).toHaveLength(2);
    m.filter = emptyFilter();
    m.filter.text = 'undeclared-read';
    expect(m.visible()).toHaveLength(1);
  });

  it('groups by family, cell or rule, and groups collapse', () => {
    const m = new PanelModel();
    m.setFindings(findings);
    m.showSuppressed = true;
    expect(m.groups().map(g => [g.label, g.findings.length])).toEqual([
      ['Dead code', 2],
      ['Hard-coded thresholds', 1],
      ['Undeclared data', 1]
    ]);
    m.groupBy = 'cell';
    expect(m.groups().map(g => g.label)).toEqual([
      'Cell 2',
      'Cell 3',
      'Cell 5'
    ]);
    m.toggle('4');
    expect(m.groups().find(g => g.key === '4')!.collapsed).toBe(true);
    m.groupBy = 'rule';
    expect(m.groups().every(g => !g.collapsed)).toBe(true);
    // The list's lines: each header, then its findings unless folded.
    m.toggle('constant-condition');
    expect(
      m
        .items()
        .map(i => (i.kind === 'group' ? `# ${i.group.key}` : i.finding.rule))
    ).toEqual([
      '# constant-condition',
      '# magic-number-comparison',
      'magic-number-comparison',
      '# never-executed-cell',
      'never-executed-cell',
      '# undeclared-read',
      'undeclared-read'
    ]);
    m.toggleSeverity('warning');
    expect(
      m
        .items()
        .some(i => i.kind === 'finding' && i.finding.severity === 'warning')
    ).toBe(false);
  });
});
