/**
 * What the ML Debt panel shows: findings filtered and grouped, with counts.
 * Pure state (no DOM), so it is tested on its own.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { FAMILIES, IFinding, Severity, SEVERITIES } from '../core/types';

export type GroupBy = 'family' | 'cell' | 'rule';

export interface IFilter {
  /** Words of the message or the rule id. */
  text: string;
  /** Severities toggled off in the toolbar. */
  hiddenSeverities: Set<Severity>;
  /** Families toggled off in the toolbar. */
  hiddenFamilies: Set<string>;
}

/** One line of the virtualised list: a group header or a finding. */
export type IListItem =
  | { kind: 'group'; group: IGroup }
  | { kind: 'finding'; finding: IFinding; group: IGroup };

export interface IGroup {
  key: string;
  label: string;
  /** The rows of the group: ignored findings too when they are shown. */
  findings: IFinding[];
  /** Rows that are not ignored: what the group's header counts. */
  active: number;
  /** Ignored rows shown in the group. */
  ignored: number;
  collapsed: boolean;
}

export interface ICounts {
  severity: Record<Severity, number>;
  /** Per family, in the order of FAMILIES (the same order as the groups). */
  family: [string, number][];
  /** Findings that are not ignored. */
  total: number;
  /** Findings ignored in metadata (shown or not). */
  ignored: number;
}

export function emptyFilter(): IFilter {
  return { text: '', hiddenSeverities: new Set(), hiddenFamilies: new Set() };
}

const FAMILY_LABELS: Record<string, string> = {
  'dead-code': 'Dead code',
  'hardcoded-threshold': 'Hard-coded thresholds',
  'undeclared-data': 'Undeclared data',
  reproducibility: 'Reproducibility',
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

/** Names a finding from one analysis to the next (the selection follows it). */
export function findingKey(f: IFinding): string {
  return `${f.cell.id ?? f.cell.index}:${f.range.start.line}:${f.range.start.column}:${f.rule}`;
}

/** Where a finding or one of its places is, in words: `cell 8, line 2`. */
export function placeLabel(
  trans: TranslationBundle,
  place: Pick<IFinding, 'cell' | 'range'>
): string {
  return trans.__(
    'cell %1, line %2',
    place.cell.index + 1,
    place.range.start.line
  );
}

export function familyLabel(family: string): string {
  return FAMILY_LABELS[family] ?? family;
}

/** Families in one order everywhere: the registry's, unknown ones last. */
function familyRank(family: string): number {
  const i = FAMILIES.indexOf(family as (typeof FAMILIES)[number]);
  return i < 0 ? FAMILIES.length : i;
}

export class PanelModel {
  findings: IFinding[] = [];
  filter: IFilter = emptyFilter();
  groupBy: GroupBy = 'family';
  /** Show ignored findings as greyed rows (the `showSuppressed` setting). */
  showSuppressed = false;
  private readonly collapsed = new Set<string>();

  /** All findings of the notebook, ignored ones included (marked `suppressed`). */
  setFindings(findings: IFinding[]): void {
    this.findings = findings;
  }

  /** True when any filter narrows the list. */
  get filtered(): boolean {
    const { text, hiddenSeverities, hiddenFamilies } = this.filter;
    return !!(text.trim() || hiddenSeverities.size || hiddenFamilies.size);
  }

  /** The rows to draw: findings that pass the filter, ignored ones only when shown. */
  visible(): IFinding[] {
    const { text, hiddenSeverities, hiddenFamilies } = this.filter;
    const needle = text.trim().toLowerCase();
    return this.findings.filter(
      f =>
        (this.showSuppressed || !f.suppressed) &&
        !hiddenSeverities.has(f.severity) &&
        !hiddenFamilies.has(f.family) &&
        (!needle ||
          f.message.toLowerCase().includes(needle) ||
          f.rule.includes(needle))
    );
  }

  /** Counts of the notebook's findings, or of the visible ones only. */
  counts(which: 'all' | 'visible' = 'all'): ICounts {
    const list = which === 'all' ? this.findings : this.visible();
    const severity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
      Severity,
      number
    >;
    const family = new Map<string, number>();
    let ignored = 0;
    for (const f of list) {
      if (f.suppressed) {
        ignored++;
        continue;
      }
      severity[f.severity]++;
      family.set(f.family, (family.get(f.family) ?? 0) + 1);
    }
    return {
      severity,
      family: [...family.entries()].sort(
        (a, b) => familyRank(a[0]) - familyRank(b[0])
      ),
      total: list.length - ignored,
      ignored
    };
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
          active: 0,
          ignored: 0,
          collapsed: this.collapsed.has(`${this.groupBy}:${key}`)
        };
        groups.set(key, g);
      }
      g.findings.push(f);
      if (f.suppressed) {
        g.ignored++;
      } else {
        g.active++;
      }
    }
    const list = [...groups.values()];
    if (this.groupBy === 'cell') {
      list.sort((a, b) => Number(a.key) - Number(b.key));
    } else if (this.groupBy === 'family') {
      list.sort((a, b) => familyRank(a.key) - familyRank(b.key));
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

  /** Shows or hides a severity (a toolbar toggle). */
  toggleSeverity(severity: Severity): void {
    toggleIn(this.filter.hiddenSeverities, severity);
  }

  /** Shows or hides a family (a toolbar toggle). */
  toggleFamily(family: string): void {
    toggleIn(this.filter.hiddenFamilies, family);
  }

  /** The lines of the list: each group's header, then its findings unless collapsed. */
  items(): IListItem[] {
    const items: IListItem[] = [];
    for (const group of this.groups()) {
      items.push({ kind: 'group', group });
      if (!group.collapsed) {
        for (const finding of group.findings) {
          items.push({ kind: 'finding', finding, group });
        }
      }
    }
    return items;
  }
}

function toggleIn<T>(set: Set<T>, value: T): void {
  if (set.has(value)) {
    set.delete(value);
  } else {
    set.add(value);
  }
}
