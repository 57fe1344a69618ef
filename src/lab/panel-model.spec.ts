import { IFinding } from '../core/types';
import { PanelModel } from './panel-model';

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
    m.filter.family = 'dead-code';
    expect(m.filtered).toBe(true);
    expect(m.counts('visible')).toMatchObject({
      total: 2,
      severity: { warning: 1, info: 1 },
      ignored: 0
    });
    m.filter.family = '';
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

  it('filters by text, severity, family and rule', () => {
    const m = new PanelModel();
    m.setFindings(findings);
    m.showSuppressed = true;
    m.filter.text = 'PROBA';
    expect(m.visible().map(f => f.rule)).toEqual(['magic-number-comparison']);
    m.filter = { text: '', severity: 'info', family: '', rule: '' };
    expect(m.visible().map(f => f.rule)).toEqual(['never-executed-cell']);
    m.filter = { text: '', severity: '', family: 'dead-code', rule: '' };
    expect(m.visible()).toHaveLength(2);
    m.filter = { text: '', severity: '', family: '', rule: 'undeclared-read' };
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
    expect(m.rules()).toEqual([
      'constant-condition',
      'magic-number-comparison',
      'never-executed-cell',
      'undeclared-read'
    ]);
  });
});
