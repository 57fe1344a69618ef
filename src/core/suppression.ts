/**
 * Suppressions. The primary store is metadata (never code, so nothing leaks
 * into exported documents): cell `mldebt.ignore` entries carry a fingerprint of
 * the flagged code, so they follow the code when cells move and lapse when it
 * changes. Comment forms (`# mldebt: ignore[...]`) are honoured read-only.
 */
import { ICellFacts } from './facts';
import { IAnalysedCell } from './model';
import { hashText } from './text';
import { ICellSuppression, IFinding, INotebookMldebtMetadata } from './types';

const COMMENT_DIRECTIVE =
  /^(?:#|\/\/|\/\*)\s*mldebt:\s*(ignore-cell|ignore)\b(?:\[([^\]]*)\])?/;

/** Is this comment a `mldebt:` directive (never commented-out code)? */
export function isDirectiveComment(text: string): boolean {
  return /^(?:#|\/\/|\/\*)\s*mldebt:/.test(text);
}

export interface ICommentSuppressions {
  /** Rules (or families) ignored on a line; '*' means all. */
  lines: Map<number, Set<string>>;
  cell: Set<string>;
}

const commentCache = new WeakMap<ICellFacts, ICommentSuppressions>();

export function commentSuppressions(facts: ICellFacts): ICommentSuppressions {
  const cached = commentCache.get(facts);
  if (cached) {
    return cached;
  }
  const result: ICommentSuppressions = { lines: new Map(), cell: new Set() };
  for (const c of facts.comments) {
    const m = COMMENT_DIRECTIVE.exec(c.text);
    if (!m) {
      continue;
    }
    const ids = m[2]
      ? m[2]
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
      : ['*'];
    if (m[1] === 'ignore-cell') {
      ids.forEach(id => result.cell.add(id));
    } else {
      const line = facts.lines.position(c.from).line;
      const set = result.lines.get(line) ?? new Set<string>();
      ids.forEach(id => set.add(id));
      result.lines.set(line, set);
    }
  }
  commentCache.set(facts, result);
  return result;
}

function matches(set: Set<string> | undefined, finding: IFinding): boolean {
  return (
    !!set && (set.has('*') || set.has(finding.rule) || set.has(finding.family))
  );
}

/** The fingerprint of a finding: its rule and the flagged code, whitespace folded. */
export function fingerprint(
  finding: IFinding,
  cellTextValue: string,
  lineStarts: (line: number) => number
): string {
  const from =
    lineStarts(finding.range.start.line) + finding.range.start.column - 1;
  const to = lineStarts(finding.range.end.line) + finding.range.end.column - 1;
  const code = cellTextValue.slice(from, to).replace(/\s+/g, ' ').trim();
  return hashText(`${finding.rule}\u0000${code}`);
}

export interface ISuppressionResult {
  suppressed: boolean;
  reason?: string;
}

/** Could any finding of this cell be suppressed (directive comments, metadata entries)? */
export function mayBeSuppressed(cell: IAnalysedCell): boolean {
  const entries = cell.input.metadata?.mldebt?.ignore;
  if (Array.isArray(entries) && entries.length > 0) {
    return true;
  }
  if (!cell.facts) {
    return false;
  }
  const comments = commentSuppressions(cell.facts);
  return comments.cell.size > 0 || comments.lines.size > 0;
}

export function findSuppression(
  finding: IFinding,
  cell: IAnalysedCell | undefined,
  notebookMeta: INotebookMldebtMetadata | undefined
): ISuppressionResult {
  if (notebookMeta && Array.isArray(notebookMeta.ignore)) {
    if (
      notebookMeta.ignore.includes(finding.rule) ||
      notebookMeta.ignore.includes(finding.family)
    ) {
      return { suppressed: true, reason: 'ignored for this notebook' };
    }
  }
  if (!cell) {
    return { suppressed: false };
  }
  if (cell.facts) {
    const comments = commentSuppressions(cell.facts);
    if (
      (comments.cell.size > 0 || comments.lines.size > 0) &&
      (matches(comments.cell, finding) ||
        matches(comments.lines.get(finding.range.start.line), finding))
    ) {
      return {
        suppressed: true,
        reason: 'ignored by a `mldebt: ignore` comment'
      };
    }
  }
  const entries = cell.input.metadata?.mldebt?.ignore;
  if (Array.isArray(entries) && entries.length > 0) {
    let printed: string | null = null;
    for (const entry of entries as ICellSuppression[]) {
      if (
        !entry ||
        (entry.rule !== finding.rule &&
          entry.rule !== finding.family &&
          entry.rule !== '*')
      ) {
        continue;
      }
      if (entry.fingerprint) {
        if (
          entry.fingerprint ===
          (printed ??= cell.facts
            ? fingerprint(finding, cell.text, line =>
                cell.facts!.lines.lineStart(line)
              )
            : '')
        ) {
          return { suppressed: true, reason: entry.reason };
        }
        continue;
      }
      if (entry.line === undefined || entry.line === finding.range.start.line) {
        return { suppressed: true, reason: entry.reason };
      }
    }
  }
  return { suppressed: false };
}
