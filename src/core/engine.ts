/** The engine: notebook in, findings out. */
import { effectiveRules, IMldebtConfig, ruleOptions } from './config';
import { FactsCache, ICellFacts } from './facts';
import { IAnalysedCell, NotebookModel } from './model';
import { notebookLanguage } from './notebook';
import { IReport, IRule } from './rule';
import { fingerprint, findSuppression } from './suppression';
import { IFinding, INotebookInput, IRange, ITextEdit, Severity } from './types';

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

/** A finding before it is placed in a cell: what memoised cell checks keep. */
interface ILocalFinding {
  rule: string;
  family: IFinding['family'];
  severity: Severity;
  message: string;
  range: IRange;
  fix?: ITextEdit[];
  extract?: { name: string };
  from: number;
  to: number;
  /** The last public finding made from this one. */
  placed?: IFinding;
}

interface IPlaced {
  local: ILocalFinding;
  cell: IAnalysedCell;
}

interface IRunContext {
  rule: IRule;
  severity: Severity;
  severityConfigured: boolean;
}

export class Engine {
  readonly cache: FactsCache;
  /** Results of cell-local checks, per cell facts (dropped with them). */
  private readonly cellResults = new WeakMap<
    ICellFacts,
    Map<string, ILocalFinding[]>
  >();
  /**
   * Memo keys, interned: the same key string object is used from one analysis
   * to the next, so lookups compare pointers, not kilobytes of text.
   */
  private readonly memoKeys = new Map<string, string>();

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
    const placed: IPlaced[] = [];
    // Dead blocks per cell index: findings inside them are dropped below.
    const blocks = new Map<
      number,
      { from: number; to: number; rule: string }[]
    >();
    const declaredInputs = config.declaredInputs ?? [];
    const optionsCache = new Map<string, Record<string, any>>();
    const optionsOf = (id: string): Record<string, any> => {
      let o = optionsCache.get(id);
      if (!o) {
        const rule = this.rules.find(r => r.meta.id === id);
        o = rule ? ruleOptions(rule, config) : {};
        optionsCache.set(id, o);
      }
      return o;
    };
    // Cell checks may read other rules' options: the whole rule configuration
    // is part of their memo key.
    const configKey = JSON.stringify(config.rules ?? {});
    const add = (
      rule: IRule,
      cell: IAnalysedCell,
      local: ILocalFinding
    ): void => {
      placed.push({ local, cell });
      if (rule.meta.coversBlock) {
        const list = blocks.get(cell.index) ?? [];
        list.push({ from: local.from, to: local.to, rule: local.rule });
        blocks.set(cell.index, list);
      }
    };
    for (const {
      rule,
      severity,
      severityConfigured,
      options: ruleOpts
    } of effectiveRules(this.rules, config)) {
      if (!lang.supported && rule.meta.family !== 'analysis') {
        continue;
      }
      const run: IRunContext = { rule, severity, severityConfigured };
      try {
        if (rule.checkCell) {
          const key = this.intern(
            `${rule.meta.id}\u0000${severity}\u0000${configKey}\u0000${model.importsKey}`
          );
          const paramsKey = this.intern(key + '\u0000p');
          for (const cell of model.codeCells) {
            const memoKey = cell === model.parametersCell ? paramsKey : key;
            for (const local of this.checkCell(
              run,
              ruleOpts,
              optionsOf,
              model,
              cell,
              memoKey
            )) {
              add(rule, cell, local);
            }
          }
        }
        if (rule.check) {
          rule.check({
            model,
            options: ruleOpts,
            declaredInputs,
            optionsOf,
            report: (r: IReport) =>
              add(rule, r.cell, localFinding(run, r.cell.facts, r))
          });
        }
      } catch (e) {
        // A rule bug must never take the others (or JupyterLab) down with it.
        const first = model.cells[0];
        if (first) {
          placed.push({
            cell: first,
            local: {
              rule: rule.meta.id,
              family: 'analysis',
              severity: 'info',
              message: `rule \`${rule.meta.id}\` failed on this notebook and was skipped: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
              range: {
                start: { line: 1, column: 1 },
                end: { line: 1, column: 1 }
              },
              from: 0,
              to: 0
            }
          });
        }
      }
    }
    const result: IFinding[] = [];
    const nbMeta = notebook.metadata?.mldebt;
    for (const { local, cell } of placed) {
      if (
        local.family !== 'analysis' &&
        insideDeadBlock(blocks.get(cell.index), local)
      ) {
        continue;
      }
      const finding = local.extract
        ? withExtractFix(placedFinding(local, cell), local, cell, model)
        : placedFinding(local, cell);
      const s = findSuppression(finding, cell, nbMeta, () =>
        cell.facts
          ? fingerprint(finding, cell.text, line =>
              cell.facts!.lines.lineStart(line)
            )
          : ''
      );
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

  private intern(key: string): string {
    const known = this.memoKeys.get(key);
    if (known !== undefined) {
      return known;
    }
    if (this.memoKeys.size > 1000) {
      this.memoKeys.clear();
    }
    this.memoKeys.set(key, key);
    return key;
  }

  private checkCell(
    run: IRunContext,
    options: Record<string, any>,
    optionsOf: (id: string) => Record<string, any>,
    model: NotebookModel,
    cell: IAnalysedCell,
    key: string
  ): ILocalFinding[] {
    const facts = cell.facts!;
    let memo = this.cellResults.get(facts);
    if (!memo) {
      memo = new Map();
      this.cellResults.set(facts, memo);
    }
    const hit = memo.get(key);
    if (hit) {
      return hit;
    }
    const out: ILocalFinding[] = [];
    run.rule.checkCell!({
      model,
      cell,
      options,
      optionsOf,
      report: r => out.push(localFinding(run, facts, { ...r, cell }))
    });
    memo.set(key, out);
    return out;
  }
}

function insideDeadBlock(
  list: { from: number; to: number; rule: string }[] | undefined,
  f: ILocalFinding
): boolean {
  if (!list) {
    return false;
  }
  return list.some(
    b =>
      b.rule !== f.rule &&
      f.from >= b.from &&
      f.to <= b.to &&
      !(b.from === f.from && b.to === f.to)
  );
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

/**
 * The public finding for a local one in a cell. Memoised cell checks return
 * the same local findings from one analysis to the next, so the object is
 * reused while the cell keeps its place and id (findings are read-only).
 */
function placedFinding(local: ILocalFinding, cell: IAnalysedCell): IFinding {
  const last = local.placed;
  if (last && last.cell.index === cell.index && last.cell.id === cell.id) {
    return last;
  }
  const finding: IFinding = {
    rule: local.rule,
    family: local.family,
    severity: local.severity,
    message: local.message,
    cell: { index: cell.index, id: cell.id },
    range: local.range
  };
  if (local.fix) {
    finding.fix = local.fix;
  }
  local.placed = finding;
  return finding;
}

/**
 * "Extract to parameters": replace the literal by an UPPER_CASE name and
 * declare `NAME = <literal, as written>` in the parameters cell (creating it,
 * tagged `parameters`, at the top when there is none). A name already used
 * for something else gets a numeric suffix; one already declared with the
 * same literal in the parameters cell is reused.
 */
function withExtractFix(
  finding: IFinding,
  local: ILocalFinding,
  cell: IAnalysedCell,
  model: NotebookModel
): IFinding {
  const literal = cell.text.slice(local.from, local.to);
  const params = model.parametersCell;
  const declaredSame = (name: string): boolean =>
    !!params &&
    params.facts!.bindings.some(
      b =>
        b.name === name &&
        b.inFunction === null &&
        b.value !== null &&
        params.text.slice(b.value.from, b.value.to) === literal
    );
  let name = local.extract!.name;
  for (let n = 2; model.bindingCount(name) > 0 && !declaredSame(name); n++) {
    name = `${local.extract!.name}_${n}`;
  }
  const edits: ITextEdit[] = [{ range: local.range, text: name }];
  if (!declaredSame(name)) {
    const declaration = `${name} = ${literal}`;
    if (params) {
      const end = params.facts!.lines.position(params.text.length);
      const sep = params.text === '' || params.text.endsWith('\n') ? '' : '\n';
      edits.push({
        cell: { index: params.index, id: params.id },
        range: { start: end, end },
        text: sep + declaration
      });
    } else {
      const origin = { line: 1, column: 1 };
      edits.push({
        cell: { index: 0, id: null },
        range: { start: origin, end: origin },
        text: declaration,
        newCell: { tags: ['parameters'] }
      });
    }
  }
  return { ...finding, fix: edits };
}

function localFinding(
  run: IRunContext,
  facts: ICellFacts | null,
  r: IReport
): ILocalFinding {
  const lines = facts?.lines;
  const range = lines
    ? lines.range(r.from, r.to)
    : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  const local: ILocalFinding = {
    rule: run.rule.meta.id,
    family: run.rule.meta.family,
    severity: run.severityConfigured
      ? run.severity
      : (r.severity ?? run.severity),
    message: r.message,
    range,
    from: r.from,
    to: r.to
  };
  if (r.fix && lines) {
    local.fix = r.fix.map((e): ITextEdit => ({
      range: lines.range(e.from, e.to),
      text: e.text
    }));
  }
  if (r.extract) {
    local.extract = r.extract;
  }
  return local;
}
