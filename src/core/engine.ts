/** The engine: notebook in, findings out. */
import { IDeclaredDependencies } from './dependencies';
import { effectiveRules, IMldebtConfig, ruleOptions } from './config';
import { FactsCache, ICellFacts } from './facts';
import { cellChanges, ICellChange, KeyedResults } from './keyed';
import { IAnalysedCell, NotebookModel } from './model';
import { cellText, notebookLanguage } from './notebook';
import { IExtract, IReport, IRule, IRuleContext } from './rule';
import {
  findSuppression,
  ISuppressionResult,
  mayBeSuppressed
} from './suppression';

const NOT_SUPPRESSED: ISuppressionResult = { suppressed: false };
/** Offsets below this make a span's number key (see `reusedLocal`). */
const SPAN_BASE = 2 ** 22;
/** The one key of a keyed rule without `cellKeys`. */
const WHOLE_NOTEBOOK = '';
import { hashText } from './text';
import {
  IFinding,
  INotebookInput,
  INotebookMldebtMetadata,
  IRange,
  IRelatedLocation,
  ITextEdit,
  Severity,
  severityRank
} from './types';

export interface IAnalyseOptions {
  /** Keep suppressed findings, marked `suppressed` (the panel greys them out). */
  keepSuppressed?: boolean;
  /** Dependency declarations found for the notebook (see `IRuleContext.dependencies`). */
  dependencies?: IDeclaredDependencies;
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
  extract?: IExtract;
  declare?: { kind: 'input' | 'output'; source: string };
  /** Reports of this rule with the same group are one problem. */
  group?: string;
  /** Places the rule related to this one; `cell` null is the finding's own cell. */
  related?: {
    cell: IAnalysedCell | null;
    from: number;
    to: number;
    range: IRange;
    message: string;
  }[];
  secondary: boolean;
  general: boolean;
  from: number;
  to: number;
  /** Start line and column as one number, for sorting. */
  order: number;
  coversBlock: boolean;
  crash?: boolean;
  /** The last public finding made from this one. */
  placed?: IFinding;
  /** See `valueKey`. */
  valueKey?: string;
  /** The last merged finding made from this one, and what it was made of. */
  merged?: { parts: unknown[]; finding: IFinding };
  /** The last finding with its extract fix, and what it was built for. */
  extracted?: {
    base: IFinding;
    name: string;
    declared: boolean;
    signature: string;
    finding: IFinding;
  };
}

/** An unsuppressed finding while one problem is merged into one finding. */
interface IKept {
  local: ILocalFinding;
  cell: IAnalysedCell;
  /** Other reports of the same rule and group (set on the first only). */
  members: IKept[] | null;
  /** Reports of other rules on the same span, kept as related places. */
  absorbed: IKept[] | null;
  /** Merged into another finding, or silenced with a suppressed one. */
  dead: boolean;
  /** Dead within its cell (another rule's report on the span won, or a suppression). */
  spanDead: boolean;
}

interface IRunContext {
  rule: IRule;
  severity: Severity;
  severityConfigured: boolean;
  options: Record<string, any>;
}

export class Engine {
  readonly cache: FactsCache;
  /**
   * Memo keys, interned: the same key string object is used from one analysis
   * to the next, so lookups compare pointers, not kilobytes of text.
   */
  private readonly memoKeys = new Map<string, string>();
  /** The last model: its name index is patched, not rebuilt, on the next analysis. */
  private lastModel: NotebookModel | null = null;
  /** Local findings of cross-cell rules, per rule and cell facts, by span. */
  private readonly crossResults = new Map<
    string,
    WeakMap<ICellFacts, Map<number | string, ILocalFinding>>
  >();

  /** Keyed rules' findings by key, kept between analyses. */
  private readonly keyedResults = new Map<
    string,
    KeyedResults<ILocalFinding>
  >();

  /** The last analysis's merged findings per cell index (see `mergeCell`). */
  private cellMerges: (ICellMerge | undefined)[] = [];

  /** Rule ids in registry order: the tie-break when two rules see one span. */
  private readonly ruleRank: Map<string, number>;
  private readonly titles: Map<string, string>;

  constructor(
    readonly rules: readonly IRule[],
    cache?: FactsCache
  ) {
    this.cache = cache ?? new FactsCache();
    this.ruleRank = new Map(rules.map((r, i) => [r.meta.id, i]));
    this.titles = new Map(rules.map(r => [r.meta.id, r.meta.title]));
  }

  /**
   * Parses the notebook's code cells that are not cached yet, for at most
   * `budgetMs`; true when every cell is ready. A caller that must not block
   * (the JupyterLab panel) calls it in slices before `analyse`, which then
   * only runs the rules.
   */
  prepare(notebook: INotebookInput, budgetMs: number): boolean {
    const lang = notebookLanguage(notebook);
    if (!lang.supported) {
      return true;
    }
    const started = Date.now();
    let parsed = 0;
    for (const cell of notebook.cells) {
      if (cell.cell_type !== 'code') {
        continue;
      }
      const text = cellText(cell);
      if (this.cache.has(lang.language, text)) {
        continue;
      }
      // At least one cell per call, so slices always make progress.
      if (parsed > 0 && Date.now() - started >= budgetMs) {
        return false;
      }
      this.cache.get(lang.language, text);
      parsed++;
    }
    return true;
  }

  analyse(
    notebook: INotebookInput,
    config: IMldebtConfig = {},
    options: IAnalyseOptions = {}
  ): IAnalysis {
    const lang = notebookLanguage(notebook);
    const previous = this.lastModel;
    const model = new NotebookModel(
      notebook,
      lang.supported ? lang.language : null,
      this.cache,
      lang.name,
      previous
    );
    this.lastModel = model;
    // Findings in document order: one bucket per cell index.
    // A cell's bucket starts as its memoised cell-rule findings, shared (not
    // copied) until a cross-cell rule adds to it: an unchanged cell costs no
    // copying, and its merge memo is found by identity.
    const buckets: (
      | { cell: IAnalysedCell; locals: ILocalFinding[]; shared: boolean }
      | undefined
    )[] = new Array(model.cells.length);
    // Dead blocks per cell index: findings inside them are dropped below.
    const blocks = new Map<number, ILocalFinding[]>();
    const sharedBlocks = new Set<number>();
    const declaredInputs = config.declaredInputs ?? [];
    const declaredOutputs = config.declaredOutputs ?? [];
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
    const addBlock = (index: number, block: ILocalFinding): void => {
      const list = blocks.get(index);
      if (!list) {
        blocks.set(index, [block]);
      } else if (sharedBlocks.delete(index)) {
        blocks.set(index, [...list, block]);
      } else {
        list.push(block);
      }
    };
    const add = (cell: IAnalysedCell, local: ILocalFinding): void => {
      const bucket = buckets[cell.index];
      if (!bucket) {
        buckets[cell.index] = { cell, locals: [local], shared: false };
      } else if (bucket.shared) {
        bucket.locals = [...bucket.locals, local];
        bucket.shared = false;
      } else {
        bucket.locals.push(local);
      }
      if (local.coversBlock) {
        addBlock(cell.index, local);
        // A block spanning several cells (a run of never-executed cells)
        // covers its related places too.
        for (const r of local.related ?? []) {
          if (r.cell) {
            addBlock(r.cell.index, { ...local, from: r.from, to: r.to });
          }
        }
      }
    };
    const runs: IRunContext[] = effectiveRules(this.rules, config)
      .filter(r => lang.supported || r.rule.meta.family === 'analysis')
      .map(r => ({
        rule: r.rule,
        severity: r.severity,
        severityConfigured: r.severityConfigured,
        options: r.options
      }));
    // Cell-local rules: one memoised result per cell for all of them. Cell
    // checks may read other rules' options: the whole rule configuration and
    // the notebook's imports are part of the key.
    const cellRuns = runs.filter(r => r.rule.checkCell);
    if (cellRuns.length > 0) {
      const key = this.intern(
        `${JSON.stringify(config.rules ?? {})}\u0000${model.importsKey}\u0000${cellRuns.map(r => `${r.rule.meta.id}:${r.severity}`).join(',')}`
      );
      const paramsKey = this.intern(key + '\u0000p');
      for (const cell of model.codeCells) {
        const locals = this.cellFindings(
          cellRuns,
          optionsOf,
          model,
          cell,
          cell === model.parametersCell ? paramsKey : key
        );
        if (locals.length > 0) {
          buckets[cell.index] = { cell, locals, shared: true };
          const own = ownBlocks(locals);
          if (own.length > 0) {
            blocks.set(cell.index, own);
            sharedBlocks.add(cell.index);
          }
        }
      }
    }
    // Cross-cell rules. Keyed ones check only the keys an edit touched.
    let changes: ICellChange[] | null | undefined;
    let configKey: string | undefined;
    for (const run of runs) {
      if (!run.rule.check) {
        continue;
      }
      const keyed = run.rule.keyed ? this.keyedFor(run.rule.meta.id) : null;
      let keys: ReadonlySet<string> | null = null;
      try {
        if (keyed) {
          changes ??= cellChanges(previous, model);
          // The notebook's metadata declares data inputs and outputs.
          configKey ??= `${JSON.stringify(config)}\u0000${JSON.stringify(notebook.metadata?.mldebt ?? null)}`;
          keys = keyed.begin(
            run.rule.keyed!,
            `${configKey}\u0000${run.severity}`,
            changes,
            previous && { model: previous, options: run.options, optionsOf },
            { model, options: run.options, optionsOf }
          );
        }
        const context: IRuleContext = {
          model,
          options: run.options,
          declaredInputs,
          declaredOutputs,
          dependencies: options.dependencies,
          optionsOf,
          keys,
          carried: keyed ? keyed.carried : new Map(),
          checkKey: keyed
            ? (key, check) => keyed.checkKey(key, check, model)
            : (_key, check) => check(),
          report: keyed
            ? (r: IReport) =>
                keyed.report(r.key, reportCells(r), this.reusedLocal(run, r))
            : (r: IReport) => add(r.cell, this.reusedLocal(run, r))
        };
        if (keyed && !run.rule.keyed!.cellKeys) {
          // One key, the whole notebook: checked as if not keyed, or kept.
          if (keys === null || keys.size > 0) {
            keyed.checkKey(
              WHOLE_NOTEBOOK,
              () =>
                run.rule.check!({
                  ...context,
                  keys: null,
                  checkKey: (_key, check) => check(),
                  report: (r: IReport) =>
                    keyed.report(
                      WHOLE_NOTEBOOK,
                      reportCells(r),
                      this.reusedLocal(run, r)
                    )
                }),
              model
            );
          }
        } else {
          run.rule.check(context);
        }
        if (keyed) {
          for (const kept of keyed.reports()) {
            add(model.cells[kept.cell], kept.local);
          }
        }
      } catch (e) {
        keyed?.clear();
        const first = model.cells[0];
        if (first) {
          add(first, crashFinding(run.rule, e));
        }
      }
    }
    const nbMeta = notebook.metadata?.mldebt;
    const planner = new ExtractPlanner(model);
    const nbIgnores =
      Array.isArray(nbMeta?.ignore) && nbMeta!.ignore.length > 0;
    const suppressionContext = `${options.keepSuppressed ? 1 : 0}${nbIgnores ? JSON.stringify(nbMeta!.ignore) : ''}`;
    // Each cell's findings after dead blocks, suppressions and same-span
    // merging, reused while the cell and its findings are unchanged; then
    // one pass in document order merges groups across cells.
    const merges: (ICellMerge | undefined)[] = new Array(buckets.length);
    const result: (ISuppressedItem | IKept)[] = [];
    const grouped: IKept[] = [];
    const sites = new ProblemSites();
    const crashed = new Set<string>();
    for (let index = 0; index < buckets.length; index++) {
      const bucket = buckets[index];
      if (!bucket) {
        continue;
      }
      const { cell, locals } = bucket;
      const dead = blocks.size > 0 ? blocks.get(index) : undefined;
      const ignoreKey = cellIgnoreKey(cell);
      let m = this.cellMerges[index];
      if (
        !m ||
        m.cell !== cell ||
        m.suppressionContext !== suppressionContext ||
        m.ignoreKey !== ignoreKey ||
        !sameMembers(m.inputs, locals) ||
        !sameBlocks(m.blocks, dead)
      ) {
        m = mergeCell(
          cell,
          locals,
          dead,
          suppressionContext,
          ignoreKey,
          nbIgnores || mayBeSuppressed(cell) ? nbMeta : null,
          !!options.keepSuppressed,
          this.ruleRank
        );
      }
      merges[index] = m;
      for (const site of m.sites) {
        sites.add(site);
      }
      if (m.crashes) {
        for (const item of m.items) {
          // One note per crashed rule, whichever cells it crashed on.
          if (
            item.local.crash &&
            (crashed.has(item.local.rule) || !crashed.add(item.local.rule))
          ) {
            continue;
          }
          if (!('reason' in item) || options.keepSuppressed) {
            result.push(item);
          }
        }
      } else {
        for (const item of m.items) {
          result.push(item);
        }
      }
      for (const k of m.grouped) {
        k.dead = false;
        k.members = null;
        grouped.push(k);
      }
    }
    this.cellMerges = merges;
    mergeGroups(grouped);
    const findings: IFinding[] = [];
    for (const item of result) {
      if ('reason' in item) {
        const finding = item.local.extract
          ? planner.finding(item.local, item.cell)
          : placedFinding(item.local, item.cell);
        findings.push({
          ...finding,
          suppressed: item.reason ? { reason: item.reason } : {}
        });
      } else if (!item.dead) {
        findings.push(
          item.members || item.absorbed || item.local.secondary
            ? this.mergedFinding(item, planner, sites)
            : item.local.extract
              ? planner.finding(item.local, item.cell)
              : placedFinding(item.local, item.cell)
        );
      }
    }
    return {
      language: lang.name,
      supported: lang.supported,
      findings,
      model
    };
  }

  /**
   * The one finding of a merged problem: the first report, its related
   * places (the group's other reports, the other places of the secondary
   * rules it absorbed, what the rule related), an "also in cells …" clause,
   * and an extract fix that replaces every report of the group. Memoised on
   * the first report, so that an unchanged problem keeps its finding.
   */
  private mergedFinding(
    item: IKept,
    planner: ExtractPlanner,
    merge: ProblemSites
  ): IFinding {
    const { local, cell } = item;
    const members = item.members ?? NO_SITES;
    // Places of this problem (the fix covers them) and places other rules
    // relate to it (the same number in another role).
    const sameSites = local.secondary ? merge.sitesOf(local) : NO_SITES;
    // Once per secondary group: each member absorbed one of the same group.
    const groups = new Set<IKept[]>();
    const absorbedCount =
      (item.absorbed?.length ?? 0) +
      members.reduce((n, m) => n + (m.absorbed?.length ?? 0), 0);
    for (const owner of [item, ...members]) {
      for (const a of owner.absorbed ?? NO_SITES) {
        if (a.local.secondary) {
          groups.add(merge.sitesOf(a.local));
        }
      }
    }
    const name = local.extract ? planner.nameFor(local, cell) : null;
    // Compared with what the memo was made of without building a new list
    // first: big groups are checked on every keystroke. Places count by
    // value, so an edit elsewhere in a member's cell keeps the finding.
    const memo = local.merged;
    const parts = new MemoParts(memo?.parts);
    parts.add(cell.index);
    parts.add(cell.id);
    parts.add(planner.signature);
    parts.add(name?.name);
    parts.add(name?.declared);
    parts.add(members.length);
    members.forEach(k => addKept(parts, k));
    parts.add(absorbedCount);
    for (const owner of [item, ...members]) {
      owner.absorbed?.forEach(k => addKept(parts, k));
    }
    parts.add(sameSites.length);
    sameSites.forEach(k => addKept(parts, k));
    for (const list of groups) {
      parts.add(list.length);
      list.forEach(k => addKept(parts, k));
    }
    if (memo && parts.same()) {
      return memo.finding;
    }
    const absorbed = [
      ...(item.absorbed ?? []),
      ...members.flatMap(m => m.absorbed ?? [])
    ];
    const otherSites = [...groups].flat();
    const seen = new Set<string>([spanKey(cell.index, local.range)]);
    const same: IRelatedLocation[] = [];
    const other: IRelatedLocation[] = [];
    const push = (list: IRelatedLocation[], r: IRelatedLocation): void => {
      const key = spanKey(r.cell.index, r.range);
      if (!seen.has(key)) {
        seen.add(key);
        list.push(r);
      }
    };
    relatedOf(local, cell).forEach(r => push(same, r));
    sameSites.forEach(k => push(same, siteLocation(k)));
    for (const m of members) {
      push(same, {
        cell: { index: m.cell.index, id: m.cell.id },
        range: m.local.range,
        message: m.local.message
      });
      relatedOf(m.local, m.cell).forEach(r => push(same, r));
    }
    for (const a of absorbed) {
      relatedOf(a.local, a.cell).forEach(r => push(other, r));
    }
    otherSites.forEach(k => push(other, siteLocation(k)));
    const related = [...same, ...other].sort(
      (x, y) =>
        x.cell.index - y.cell.index ||
        x.range.start.line - y.range.start.line ||
        x.range.start.column - y.range.start.column
    );
    const also = alsoClause(same, cell.index);
    const more = alsoClause(other, cell.index);
    let tail = more
      ? ` The same number is also written ${more}, in another role.`
      : '';
    // Other rules that saw exactly this code: named, not reported again.
    const merged = [...new Set(absorbed.map(a => a.local.rule))];
    let declare = local.declare;
    for (const a of item.absorbed ?? []) {
      declare ??= a.local.declare;
      if (!a.local.secondary) {
        const title = this.titles.get(a.local.rule) ?? a.local.rule;
        tail += ` Also: ${title[0].toLowerCase()}${title.slice(1)} (\`${a.local.rule}\`).`;
      }
    }
    let finding: IFinding;
    if (local.extract) {
      finding = planner.grouped(
        local,
        cell,
        members.map(m => ({ cell: m.cell, range: m.local.range })),
        also
      );
      finding = { ...finding, message: finding.message + tail };
    } else {
      const base = placedFinding(local, cell);
      finding = {
        ...base,
        message: base.message + (also ? ` Also ${also}.` : '') + tail
      };
    }
    if (related.length) {
      finding.related = related;
    }
    if (merged.length) {
      finding.merged = merged;
    }
    if (declare && !finding.declare) {
      finding.declare = declare;
    }
    local.merged = { parts: parts.list(), finding };
    return finding;
  }

  private keyedFor(rule: string): KeyedResults<ILocalFinding> {
    let results = this.keyedResults.get(rule);
    if (!results) {
      results = new KeyedResults();
      this.keyedResults.set(rule, results);
    }
    return results;
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

  /**
   * A cross-cell rule's report as a local finding, reusing the one made for
   * the same report in an earlier analysis (so its public finding is reused
   * too): cross-cell rules re-run on every keystroke.
   */
  private reusedLocal(run: IRunContext, r: IReport): ILocalFinding {
    const facts = r.cell.facts;
    if (!facts || r.fix || r.related) {
      return localFinding(run, facts, r);
    }
    let byFacts = this.crossResults.get(run.rule.meta.id);
    if (!byFacts) {
      byFacts = new WeakMap();
      this.crossResults.set(run.rule.meta.id, byFacts);
    }
    let memo = byFacts.get(facts);
    if (!memo) {
      memo = new Map();
      byFacts.set(facts, memo);
    }
    // A number while offsets fit (no key string per report and keystroke).
    const key =
      r.to < SPAN_BASE && r.from < SPAN_BASE
        ? r.from * SPAN_BASE + r.to
        : `${r.from}:${r.to}`;
    let local = memo.get(key);
    const severity = run.severityConfigured
      ? run.severity
      : (r.severity ?? run.severity);
    if (
      !local ||
      local.message !== r.message ||
      local.severity !== severity ||
      local.extract?.name !== r.extract?.name ||
      local.extract?.use !== r.extract?.use ||
      local.declare?.source !== r.declare?.source ||
      local.group !== r.group
    ) {
      local = localFinding(run, facts, r);
      memo.set(key, local);
    }
    return local;
  }

  /** All cell-local rules on one cell, memoised per cell facts and key. */
  private cellFindings(
    runs: IRunContext[],
    optionsOf: (id: string) => Record<string, any>,
    model: NotebookModel,
    cell: IAnalysedCell,
    key: string
  ): ILocalFinding[] {
    const facts = cell.facts!;
    // Memoised on the facts themselves: one map lookup per cell and keystroke.
    const memo = facts.derived;
    const hit = memo.get(key) as ILocalFinding[] | undefined;
    if (hit) {
      return hit;
    }
    const out: ILocalFinding[] = [];
    for (const run of runs) {
      try {
        run.rule.checkCell!({
          model,
          cell,
          options: run.options,
          optionsOf,
          report: r => out.push(localFinding(run, facts, { ...r, cell }))
        });
      } catch (e) {
        // A rule bug must never take the others (or JupyterLab) down with it.
        out.push(crashFinding(run.rule, e));
      }
    }
    memo.set(key, out);
    return out;
  }
}

/** A suppressed finding, listed only with `keepSuppressed`. */
interface ISuppressedItem {
  local: ILocalFinding;
  cell: IAnalysedCell;
  reason: string | undefined;
}

/** One cell's findings merged (see `mergeCell`), and what they were made from. */
interface ICellMerge {
  cell: IAnalysedCell;
  inputs: ILocalFinding[];
  blocks: ILocalFinding[] | undefined;
  suppressionContext: string;
  ignoreKey: string;
  /**
   * In document order: kept entries, and suppressed findings (crash notes
   * only, unless suppressed findings are kept).
   */
  items: (ISuppressedItem | IKept)[];
  /** Kept entries, live after same-span merging, with a group. */
  grouped: IKept[];
  /** Whether an item is a crash note (the engine lists one per rule). */
  crashes: boolean;
  /** Reports of secondary rules with a group, before dead blocks and suppressions. */
  sites: IKept[];
}

/**
 * One problem, one finding, within one cell. Where several rules report the
 * same span, the most specific (not secondary, then the more severe, then
 * not general, then the first in the registry) keeps it and absorbs the
 * others; a suppressed finding silences the secondary ones on its span.
 * Findings inside another rule's dead block are dropped. Pure in its inputs,
 * so the engine reuses the result while they are unchanged; `mergeGroups`
 * then merges reports of one rule and group across cells.
 */
function mergeCell(
  cell: IAnalysedCell,
  inputs: ILocalFinding[],
  dead: ILocalFinding[] | undefined,
  suppressionContext: string,
  ignoreKey: string,
  /** Null when nothing in the cell or notebook can suppress a finding. */
  notebookMeta: INotebookMldebtMetadata | undefined | null,
  keepSuppressed: boolean,
  ruleRank: Map<string, number>
): ICellMerge {
  const locals = inputs.length > 1 ? inputs.slice().sort(compareLocal) : inputs;
  const items: (ISuppressedItem | IKept)[] = [];
  const sites: IKept[] = [];
  // Spans are compared within a run of findings that start at one offset.
  let runFrom = -1;
  let runSpans: ISpan[] = [];
  const span = (local: ILocalFinding): ISpan => {
    if (local.from !== runFrom) {
      runFrom = local.from;
      runSpans = [];
    }
    let found = runSpans.find(x => x.to === local.to);
    if (!found) {
      found = { to: local.to, winner: null, suppressed: false };
      runSpans.push(found);
    }
    return found;
  };
  for (const local of locals) {
    if (local.family !== 'analysis') {
      if (local.secondary && local.group !== undefined) {
        sites.push(newKept(local, cell));
      }
      if (dead && insideDeadBlock(dead, local)) {
        continue;
      }
    }
    const s =
      notebookMeta !== null
        ? findSuppression(
            placedFinding(local, cell),
            cell,
            notebookMeta ?? undefined
          )
        : NOT_SUPPRESSED;
    if (s.suppressed) {
      const at = span(local);
      at.suppressed = true;
      if (at.winner?.local.secondary) {
        at.winner.spanDead = true;
        at.winner = null;
      }
      // A suppressed crash note still counts as its rule's one note.
      if (keepSuppressed || local.crash) {
        items.push({ local, cell, reason: s.reason });
      }
      continue;
    }
    const k = newKept(local, cell);
    items.push(k);
    if (local.family === 'analysis') {
      continue;
    }
    const at = span(local);
    if (at.suppressed && local.secondary) {
      k.spanDead = true;
      continue;
    }
    const other = at.winner;
    if (!other) {
      at.winner = k;
      continue;
    }
    const [winner, loser] = better(k, other, ruleRank)
      ? [k, other]
      : [other, k];
    loser.spanDead = true;
    winner.absorbed = [
      ...(winner.absorbed ?? []),
      loser,
      ...(loser.absorbed ?? [])
    ];
    loser.absorbed = null;
    at.winner = winner;
  }
  const grouped: IKept[] = [];
  let crashes = false;
  for (const item of items) {
    crashes ||= !!item.local.crash;
    if (!('reason' in item)) {
      item.dead = item.spanDead;
      if (!item.spanDead && item.local.group !== undefined) {
        grouped.push(item);
      }
    }
  }
  return {
    cell,
    inputs,
    blocks: dead,
    suppressionContext,
    ignoreKey,
    items,
    grouped,
    crashes,
    sites
  };
}

interface ISpan {
  to: number;
  winner: IKept | null;
  suppressed: boolean;
}

function newKept(local: ILocalFinding, cell: IAnalysedCell): IKept {
  return {
    local,
    cell,
    members: null,
    absorbed: null,
    spanDead: false,
    dead: false
  };
}

function better(a: IKept, b: IKept, ruleRank: Map<string, number>): boolean {
  if (a.local.secondary !== b.local.secondary) {
    return !a.local.secondary;
  }
  const sa = severityRank(a.local.severity);
  const sb = severityRank(b.local.severity);
  if (sa !== sb) {
    return sa > sb;
  }
  if (a.local.general !== b.local.general) {
    return !a.local.general;
  }
  return (ruleRank.get(a.local.rule) ?? 0) < (ruleRank.get(b.local.rule) ?? 0);
}

/** Merges the live reports of one rule and group into the first, in document order. */
function mergeGroups(items: readonly IKept[]): void {
  const firsts = new Map<string, Map<string, IKept>>();
  for (const k of items) {
    const group = k.local.group!;
    let byGroup = firsts.get(k.local.rule);
    if (!byGroup) {
      byGroup = new Map();
      firsts.set(k.local.rule, byGroup);
    }
    const first = byGroup.get(group);
    if (!first) {
      byGroup.set(group, k);
      continue;
    }
    (first.members ??= []).push(k);
    k.dead = true;
  }
}

/** Every report of a secondary rule, by rule and group: the places of one problem. */
class ProblemSites {
  private readonly sites = new Map<string, Map<string, IKept[]>>();

  add(site: IKept): void {
    let byGroup = this.sites.get(site.local.rule);
    if (!byGroup) {
      byGroup = new Map();
      this.sites.set(site.local.rule, byGroup);
    }
    const list = byGroup.get(site.local.group!);
    if (list) {
      list.push(site);
    } else {
      byGroup.set(site.local.group!, [site]);
    }
  }

  /** Every place a secondary rule reported for this report's group (one array per group). */
  sitesOf(local: ILocalFinding): IKept[] {
    return this.sites.get(local.rule)?.get(local.group!) ?? NO_SITES;
  }
}

/** The dead blocks among a cell's memoised cell-rule findings (memoised with them). */
function ownBlocks(locals: ILocalFinding[]): ILocalFinding[] {
  let own = blocksOfLocals.get(locals);
  if (!own) {
    own = locals.filter(l => l.coversBlock);
    blocksOfLocals.set(locals, own);
  }
  return own;
}

const blocksOfLocals = new WeakMap<ILocalFinding[], ILocalFinding[]>();

/**
 * The same elements, in any order: a keyed rule that checked a key again
 * adds its reports after the others. (The cell's findings are sorted, so the
 * order they came in does not matter.)
 */
function sameMembers<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) {
    return true;
  }
  if (a.length !== b.length) {
    return false;
  }
  let i = 0;
  while (i < a.length && a[i] === b[i]) {
    i++;
  }
  if (i === a.length) {
    return true;
  }
  const counts = new Map<T, number>();
  for (let j = i; j < a.length; j++) {
    counts.set(a[j], (counts.get(a[j]) ?? 0) + 1);
  }
  for (let j = i; j < b.length; j++) {
    const n = counts.get(b[j]);
    if (!n) {
      return false;
    }
    counts.set(b[j], n - 1);
  }
  return true;
}

/** Dead blocks covering the same spans (copies for related cells are new objects). */
function sameBlocks(
  a: readonly ILocalFinding[] | undefined,
  b: readonly ILocalFinding[] | undefined
): boolean {
  if (!a || !b || a === b) {
    return a === b;
  }
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (
      a[i].rule !== b[i].rule ||
      a[i].from !== b[i].from ||
      a[i].to !== b[i].to
    ) {
      return false;
    }
  }
  return true;
}

/** What a cell's metadata says to ignore, as a memo key. */
function cellIgnoreKey(cell: IAnalysedCell): string {
  const entries = cell.input.metadata?.mldebt?.ignore;
  return Array.isArray(entries) && entries.length > 0
    ? JSON.stringify(entries)
    : '';
}

const NO_SITES: IKept[] = [];

/** A kept entry as a merged finding sees it: the same entry, or one equal by value. */
function addKept(parts: MemoParts, k: IKept): void {
  parts.add(k, sameKept);
}

function sameKept(a: unknown, b: unknown): boolean {
  const x = a as IKept;
  const y = b as IKept;
  return (
    typeof x === 'object' &&
    x !== null &&
    'local' in x &&
    x.cell.index === y.cell.index &&
    x.cell.id === y.cell.id &&
    valueKey(x.local, x.cell) === valueKey(y.local, y.cell)
  );
}

/** Everything of a local finding a merged finding may show, as one string (memoised). */
function valueKey(local: ILocalFinding, cell: IAnalysedCell): string {
  if (local.valueKey === undefined) {
    local.valueKey = JSON.stringify([
      local.rule,
      local.severity,
      local.message,
      local.from,
      local.to,
      local.range,
      local.group,
      local.secondary,
      local.fix,
      local.extract,
      local.declare,
      local.related?.map(r => [
        r.cell?.index,
        r.cell?.id,
        r.from,
        r.to,
        r.range,
        r.message
      ]),
      // A site's place reads "`0.35` again".
      cell.text.slice(local.from, local.to)
    ]);
  }
  return local.valueKey;
}

/**
 * The parts a memoised value was made of, compared one by one with the
 * memo's as they are added: a list is built only when they differ.
 */
class MemoParts {
  private at = 0;
  private fresh: unknown[] | null;

  constructor(private readonly previous: unknown[] | undefined) {
    this.fresh = previous ? null : [];
  }

  /** Adds a part, the same as the memo's when identical or when `equal` says so. */
  add(
    part: unknown,
    equal?: (previous: unknown, part: unknown) => boolean
  ): void {
    if (this.fresh) {
      this.fresh.push(part);
    } else if (this.previous![this.at] === part) {
      this.at++;
    } else if (
      equal &&
      this.at < this.previous!.length &&
      equal(this.previous![this.at], part)
    ) {
      // Equal by value: remember this one, so the next check is by identity.
      this.previous![this.at++] = part;
    } else {
      this.fresh = this.previous!.slice(0, this.at);
      this.fresh.push(part);
    }
  }

  /** True when every part so far matched the memo's, and there are as many. */
  same(): boolean {
    return !this.fresh && this.at === this.previous!.length;
  }

  list(): unknown[] {
    return (
      this.fresh ??
      (this.at === this.previous!.length
        ? this.previous!
        : this.previous!.slice(0, this.at))
    );
  }
}

/** A secondary rule's report as a related place (`0.35` again). */
function siteLocation(k: IKept): IRelatedLocation {
  return {
    cell: { index: k.cell.index, id: k.cell.id },
    range: k.local.range,
    message: `\`${k.cell.text.slice(k.local.from, k.local.to)}\` again`
  };
}

function spanKey(cell: number, r: IRange): string {
  return `${cell}:${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
}

/** The related places a rule gave a local finding, placed in their cells. */
function relatedOf(
  local: ILocalFinding,
  cell: IAnalysedCell
): IRelatedLocation[] {
  return (local.related ?? []).map(r => {
    const c = r.cell ?? cell;
    return {
      cell: { index: c.index, id: c.id },
      range: r.range,
      message: r.message
    };
  });
}

const MAX_CELLS_NAMED = 5;

/** `in cells 5, 9 and 12` for the related places (cells counted from 1). */
function alsoClause(related: IRelatedLocation[], own: number): string {
  if (related.length === 0) {
    return '';
  }
  const cells = [...new Set(related.map(r => r.cell.index))]
    .filter(i => i !== own)
    .map(i => i + 1);
  if (cells.length === 0) {
    return 'elsewhere in this cell';
  }
  const named = cells.slice(0, MAX_CELLS_NAMED);
  const rest = cells.length - named.length;
  const list =
    rest > 0
      ? `${named.join(', ')} and ${rest} more`
      : named.length > 1
        ? `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`
        : `${named[0]}`;
  return `in cell${cells.length > 1 ? 's' : ''} ${list}`;
}

/** The cells a report and its related places are in, its own first. */
function reportCells(r: IReport): number[] {
  const cells = [r.cell.index];
  for (const x of r.related ?? []) {
    if (x.cell.index !== r.cell.index) {
      cells.push(x.cell.index);
    }
  }
  return cells;
}

function insideDeadBlock(list: ILocalFinding[], f: ILocalFinding): boolean {
  return list.some(
    b =>
      b.rule !== f.rule &&
      f.from >= b.from &&
      f.to <= b.to &&
      !(b.from === f.from && b.to === f.to)
  );
}

function compareLocal(a: ILocalFinding, b: ILocalFinding): number {
  return (
    a.order - b.order ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

function crashFinding(rule: IRule, e: unknown): ILocalFinding {
  return {
    rule: rule.meta.id,
    family: 'analysis',
    severity: 'info',
    message: `rule \`${rule.meta.id}\` failed on this notebook and was skipped: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
    from: 0,
    to: 0,
    order: 0,
    coversBlock: false,
    secondary: false,
    general: false,
    crash: true
  };
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
  if (local.declare) {
    finding.declare = local.declare;
  }
  if (local.related?.length) {
    finding.related = relatedOf(local, cell);
  }
  local.placed = finding;
  return finding;
}

/**
 * "Extract to parameters": replace the literal by an UPPER_CASE name and
 * declare `NAME = <literal, as written>` in the parameters cell (creating it,
 * tagged `parameters`, at the top when there is none). A parameter that
 * already holds the literal under that name (any case, or with a numeric
 * suffix) is reused; a name used for something else, or planned for another
 * value in this analysis, gets a numeric suffix. The message ends with
 * advice naming exactly what the fix writes. One planner per analysis
 * caches names and the parameters cell's end, so many findings stay cheap.
 */
class ExtractPlanner {
  private readonly names = new Map<
    string,
    Map<string, { name: string; declared: boolean }>
  >();
  /** Names this analysis planned to declare (for one literal each). */
  private readonly planned = new Set<string>();
  private readonly params: IAnalysedCell | null;
  /** The parameters cell as the fixes see it: its place, id and text. */
  readonly signature: string;

  constructor(private readonly model: NotebookModel) {
    this.params = model.parametersCell;
    const p = this.params;
    this.signature = p
      ? `${p.index}\u0000${p.id}\u0000${hashText(p.text)}`
      : '';
  }

  finding(local: ILocalFinding, cell: IAnalysedCell): IFinding {
    const base = placedFinding(local, cell);
    const literal = cell.text.slice(local.from, local.to);
    const { name, declared } = this.resolve(local.extract!.name, literal);
    const last = local.extracted;
    if (
      last &&
      last.base === base &&
      last.name === name &&
      last.declared === declared &&
      last.signature === this.signature
    ) {
      return last.finding;
    }
    const edits: ITextEdit[] = [{ range: local.range, text: name }];
    const message =
      local.message + extractAdvice(local.extract!, name, declared, false);
    if (!declared) {
      edits.push(this.declaration(name, literal));
    }
    const finding = { ...base, message, fix: edits };
    local.extracted = {
      base,
      name,
      declared,
      signature: this.signature,
      finding
    };
    return finding;
  }

  /** The name an extract fix of this report writes, and whether it is declared already. */
  nameFor(
    local: ILocalFinding,
    cell: IAnalysedCell
  ): { name: string; declared: boolean } {
    return this.resolve(
      local.extract!.name,
      cell.text.slice(local.from, local.to)
    );
  }

  /**
   * The finding of a literal reported in several places: the fix replaces
   * every place with the one name.
   */
  grouped(
    local: ILocalFinding,
    cell: IAnalysedCell,
    members: { cell: IAnalysedCell; range: IRange }[],
    also: string
  ): IFinding {
    const base = placedFinding(local, cell);
    const literal = cell.text.slice(local.from, local.to);
    const { name, declared } = this.resolve(local.extract!.name, literal);
    const edits: ITextEdit[] = [{ range: local.range, text: name }];
    for (const m of members) {
      edits.push({
        cell: { index: m.cell.index, id: m.cell.id },
        range: m.range,
        text: name
      });
    }
    if (!declared) {
      edits.push(this.declaration(name, literal));
    }
    const message =
      local.message +
      (also ? `, also ${also}` : '') +
      extractAdvice(local.extract!, name, declared, members.length > 0);
    return { ...base, message, fix: edits };
  }

  /** `NAME = literal` at the end of the parameters cell, or in a new one. */
  private declaration(name: string, literal: string): ITextEdit {
    const declaration = `${name} = ${literal}`;
    const p = this.params;
    if (p) {
      const end = p.facts!.lines.position(p.text.length);
      const sep = p.text === '' || p.text.endsWith('\n') ? '' : '\n';
      return {
        cell: { index: p.index, id: p.id },
        range: { start: end, end },
        text: sep + declaration
      };
    }
    const origin = { line: 1, column: 1 };
    return {
      cell: { index: 0, id: null },
      range: { start: origin, end: origin },
      text: declaration,
      newCell: { tags: ['parameters'] }
    };
  }

  private resolve(
    wanted: string,
    literal: string
  ): { name: string; declared: boolean } {
    let byLiteral = this.names.get(wanted);
    if (!byLiteral) {
      byLiteral = new Map();
      this.names.set(wanted, byLiteral);
    }
    let hit = byLiteral.get(literal);
    if (!hit) {
      const existing = this.existingParameter(wanted, literal);
      if (existing) {
        hit = { name: existing, declared: true };
      } else {
        let name = wanted;
        for (
          let n = 2;
          this.model.bindingCount(name) > 0 || this.planned.has(name);
          n++
        ) {
          name = `${wanted}_${n}`;
        }
        this.planned.add(name);
        hit = { name, declared: false };
      }
      byLiteral.set(literal, hit);
    }
    return hit;
  }

  /**
   * A top-level name of the parameters cell that already holds this literal
   * and is the wanted name in any case, or it with a numeric suffix
   * (`n_estimators = 500`, `N_ESTIMATORS_2 = 500`).
   */
  private existingParameter(wanted: string, literal: string): string | null {
    const p = this.params;
    if (!p?.facts) {
      return null;
    }
    const upper = wanted.toUpperCase();
    for (const b of p.facts.bindings) {
      if (
        b.inFunction === null &&
        b.value !== null &&
        p.text.slice(b.value.from, b.value.to) === literal
      ) {
        const name = b.name.toUpperCase();
        if (
          name === upper ||
          (name.startsWith(upper + '_') &&
            /^\d+$/.test(name.slice(upper.length + 1)))
        ) {
          return b.name;
        }
      }
    }
    return null;
  }
}

/** The end of an extract finding's message: what the fix will write. */
function extractAdvice(
  extract: IExtract,
  name: string,
  declared: boolean,
  everywhere: boolean
): string {
  const verb =
    extract.use === 'compare'
      ? 'compare against'
      : extract.use === 'pass'
        ? 'pass'
        : 'use';
  const where = everywhere || extract.use === 'everywhere' ? ' everywhere' : '';
  return declared
    ? `: \`${name}\` in the \`parameters\` cell already holds this value; ${verb} that name${where} instead.`
    : `: declare it once as \`${name}\` in the \`parameters\` cell and ${verb} the name${where}.`;
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
    to: r.to,
    order: range.start.line * 1e6 + range.start.column,
    coversBlock: !!run.rule.meta.coversBlock,
    secondary: !!run.rule.meta.secondary,
    general: !!run.rule.meta.general
  };
  if (r.group !== undefined) {
    local.group = r.group;
  }
  if (r.related?.length) {
    local.related = r.related.map(x => ({
      cell: x.cell === r.cell ? null : x.cell,
      from: x.from,
      to: x.to,
      range: x.cell.facts
        ? x.cell.facts.lines.range(x.from, x.to)
        : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
      message: x.message
    }));
  }
  if (r.fix && lines) {
    local.fix = r.fix.map((e): ITextEdit => ({
      range: lines.range(e.from, e.to),
      text: e.text
    }));
  }
  if (r.extract) {
    local.extract = r.extract;
  }
  if (r.declare) {
    local.declare = r.declare;
  }
  return local;
}
