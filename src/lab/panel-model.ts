/**
 * What the ML Debt panel shows: findings filtered and grouped, with counts.
 * Pure state (no DOM), so it is tested on its own.
 */
import { IFinding, Severity } from '../core/types';

export type GroupBy = 'family' | 'cell' | 'rule';

export interface IFilter {
  text: string;
  severity: Severity | '';
  family: string;
  rule: string;
}

export interface IGroup {
  key: string;
  label: string;
  findings: IFinding[];
  collapsed: boolean;
}

export const EMPTY_FILTER: IFilter = {
  text: '',
  severity: '',
  family: '',
  rule: ''
};

const FAMILY_LABELS: Record<string, string> = {
  'dead-code': 'Dead code',
  'hardcoded-threshold': 'Hard-coded thresholds',
  'undeclared-data': 'Undeclared data',
  analysis: 'Analysis notes'
};

/** A key that changes whenever what the panel shows of the findings changes. */
export function findingsSignature(findings: readonly IFinding[]): string {
  return findings
    .map(
      f =>
        `${f.rule}|${f.severity}|${f.cell.index}|${f.cell.id}|${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}|${f.message}|${f.fix ? 1 : 0}|${f.declare ? 1 : 0}|${f.suppressed ? (f.suppressed.reason ?? '-') : ''}`
    )
    .join('\n');
}

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

export class PanelModel {
  findings: IFinding[] = [];
  filter: IFilter = { ...EMPTY_FILTER };
  groupBy: GroupBy = 'family';
  private readonly collapsed = new Set<string>();

  setFindings(findings: IFinding[]): void {
    this.findings = findings;
  }

  /** Findings that pass the filter (suppressed ones included, marked). */
  visible(): IFinding[] {
    const { text, severity, family, rule } = this.filter;
    const needle = text.trim().toLowerCase();
    return this.findings.filter(
      f =>
        (!severity || f.severity === severity) &&
        (!family || f.family === family) &&
        (!rule || f.rule === rule) &&
        (!needle ||
          f.message.toLowerCase().includes(needle) ||
          f.rule.includes(needle))
    );
  }

  /** Counts of unsuppressed findings per severity and per family. */
  counts(): {
    severity: Record<Severity, number>;
    family: Record<string, number>;
  } {
    const severity: Record<Severity, number> = {
      error: 0,
      warning: 0,
      info: 0
    };
    const family: Record<string, number> = {};
    for (const f of this.findings) {
      if (f.suppressed) {
        continue;
      }
      severity[f.severity]++;
      family[f.family] = (family[f.family] ?? 0) + 1;
    }
    return { severity, family };
  }

  groups(): IGroup[] {
    const groups = new Map<string, IGroup>();
    for (const f of this.visible()) {
      const key =
        this.groupBy === 'family'
          ? f.family
          : this.groupBy === 'rule'
            ? f.rule
            : String(f.cell.index);
      let g = groups.get(key);
      if (!g) {
        const label =
          this.groupBy === 'family'
            ? familyLabel(f.family)
            : this.groupBy === 'rule'
              ? f.rule
              : `Cell ${f.cell.index + 1}`;
        g = {
          key,
          label,
          findings: [],
          collapsed: this.collapsed.has(`${this.groupBy}:${key}`)
        };
        groups.set(key, g);
      }
      g.findings.push(f);
    }
    const list = [...groups.values()];
    if (this.groupBy === 'cell') {
      list.sort((a, b) => Number(a.key) - Number(b.key));
    } else {
      list.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    }
    return list;
  }

  toggle(groupKey: string): void {
    const key = `${this.groupBy}:${groupKey}`;
    if (this.collapsed.has(key)) {
      this.collapsed.delete(key);
    } else {
      this.collapsed.add(key);
    }
  }

  /** The rule ids present, for the rule filter. */
  rules(): string[] {
    return [...new Set(this.findings.map(f => f.rule))].sort();
  }
}
