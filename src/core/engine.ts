/** The engine: notebook in, findings out. */
import { effectiveRules, IMldebtConfig } from './config';
import { FactsCache } from './facts';
import { IAnalysedCell, NotebookModel } from './model';
import { notebookLanguage } from './notebook';
import { IReport, IRule } from './rule';
import { fingerprint, findSuppression } from './suppression';
import { IFinding, INotebookInput, ITextEdit } from './types';

export interface IAnalyseOptions {
  /** Keep suppressed findings, marked `suppressed` (the panel greys them out). */
  keepSuppressed?: boolean;
}

export interface IAnalysis {
  /** The kernel language as the notebook names it. */
  language: string;
  supported: boolean;
  findings: IFinding[];
  model: NotebookModel;
}

export class Engine {
  readonly cache: FactsCache;

  constructor(
    readonly rules: readonly IRule[],
    cache?: FactsCache
  ) {
    this.cache = cache ?? new FactsCache();
  }

  analyse(
    notebook: INotebookInput,
    config: IMldebtConfig = {},
    options: IAnalyseOptions = {}
  ): IAnalysis {
    const lang = notebookLanguage(notebook);
    const model = new NotebookModel(
      notebook,
      lang.supported ? lang.language : null,
      this.cache,
      lang.name
    );
    const blocks: { cell: number; from: number; to: number; rule: string }[] =
      [];
    const offsets: { finding: IFinding; from: number; to: number }[] = [];
    const declaredInputs = config.declaredInputs ?? [];
    for (const { rule, severity, options: ruleOptions } of effectiveRules(
      this.rules,
      config
    )) {
      if (!lang.supported && rule.meta.family !== 'analysis') {
        continue;
      }
      const report = (r: IReport): void => {
        const finding = toFinding(rule, severity, r);
        offsets.push({ finding, from: r.from, to: r.to });
        if (rule.meta.coversBlock) {
          blocks.push({
            cell: r.cell.index,
            from: r.from,
            to: r.to,
            rule: rule.meta.id
          });
        }
      };
      try {
        rule.check({ model, options: ruleOptions, declaredInputs, report });
      } catch (e) {
        // A rule bug must never take the others (or JupyterLab) down with it.
        const first = model.cells[0];
        const crash: IFinding = {
          rule: rule.meta.id,
          family: 'analysis',
          severity: 'info',
          message: `rule \`${rule.meta.id}\` failed on this notebook and was skipped: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
          cell: { index: first ? first.index : 0, id: first ? first.id : null },
          range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }
        };
        offsets.push({ finding: crash, from: 0, to: 0 });
      }
    }
    const kept = offsets
      .filter(({ finding, from, to }) => {
        if (finding.family === 'analysis') {
          return true;
        }
        // Code inside a dead block is reported once, as that block.
        return !blocks.some(
          b =>
            b.cell === finding.cell.index &&
            b.rule !== finding.rule &&
            from >= b.from &&
            to <= b.to &&
            !(b.from === from && b.to === to)
        );
      })
      .map(o => o.finding);
    const result: IFinding[] = [];
    for (const finding of kept) {
      const cell: IAnalysedCell | undefined = model.cells[finding.cell.index];
      const fp =
        cell && cell.facts
          ? fingerprint(finding, cell.text, line =>
              cell.facts!.lines.lineStart(line)
            )
          : '';
      const s = findSuppression(finding, cell, notebook.metadata?.mldebt, fp);
      if (s.suppressed) {
        if (options.keepSuppressed) {
          result.push({
            ...finding,
            suppressed: s.reason ? { reason: s.reason } : {}
          });
        }
        continue;
      }
      result.push(finding);
    }
    result.sort(compareFindings);
    return {
      language: lang.name,
      supported: lang.supported,
      findings: result,
      model
    };
  }
}

export function compareFindings(a: IFinding, b: IFinding): number {
  return (
    a.cell.index - b.cell.index ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function toFinding(
  rule: IRule,
  severity: IFinding['severity'],
  r: IReport
): IFinding {
  const lines = r.cell.facts?.lines;
  const range = lines
    ? lines.range(r.from, r.to)
    : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const finding: IFinding = {
    rule: rule.meta.id,
    family: rule.meta.family,
    severity,
    message: r.message,
    cell: { index: r.cell.index, id: r.cell.id },
    range
  };
  if (r.fix && lines) {
    finding.fix = r.fix.map((e): ITextEdit => ({
      range: lines.range(e.from, e.to),
      text: e.text
    }));
  }
  return finding;
}
