/**
 * Per-cell facts: everything a rule needs that depends on one cell's text
 * only. They are computed once per (language, text) and cached, so editing a
 * cell re-parses that cell and nothing else.
 */
import {
  Expr,
  forEachStmtBody,
  forEachStmtExpr,
  Stmt,
  targetNames,
  walkExpr
} from './ast';
import { depthError, IComment, IParseResult, ISyntaxError } from './parse';
import { parseJavaScript } from './javascript/frontend';
import { ICellMagic, IShellLine, maskIPython } from './python/mask';
import { parsePython } from './python/frontend';
import { LineIndex } from './text';
import { SupportedLanguage } from './types';

export type BindingKind =
  | 'assign'
  | 'augassign'
  | 'for'
  | 'function'
  | 'class'
  | 'import'
  | 'with'
  | 'except'
  | 'walrus'
  | 'delete'
  | 'global'
  | 'param';

export interface IBinding {
  name: string;
  kind: BindingKind;
  from: number;
  to: number;
  /** The statement that binds the name. */
  stmt: Stmt | null;
  /** The assigned value, for plain `name = value` bindings. */
  value: Expr | null;
  /** Inside an if/loop/try/with body: it may not run. */
  conditional: boolean;
  /** Name of the enclosing function, or null at module level. */
  inFunction: string | null;
  /** Qualified name for imports (`pandas.read_csv`). */
  qualified?: string;
}

export interface IRead {
  name: string;
  from: number;
  to: number;
  inFunction: string | null;
}

export interface ICellFacts {
  language: SupportedLanguage;
  text: string;
  /** The text the parser saw (IPython syntax masked, same length). */
  code: string;
  lines: LineIndex;
  body: Stmt[];
  comments: IComment[];
  error: ISyntaxError | null;
  shellLines: IShellLine[];
  cellMagic: ICellMagic | null;
  /** False when a cell magic makes the body something other than code. */
  parsed: boolean;
  bindings: IBinding[];
  reads: IRead[];
  /** Module-level imports: local name → qualified name. */
  imports: [string, string][];
  /** This cell's bindings grouped by name (any scope), in order. */
  bindingsByName: Map<string, IBinding[]>;
  /** This cell's reads grouped by name (any scope), in order. */
  readsByName: Map<string, IRead[]>;
  /** Data derived from these facts by rules and the engine (see `derive`). */
  derived: Map<string, unknown>;
}

interface IWalkContext {
  inFunction: string | null;
  conditional: boolean;
}

/** The context of a body that may not run (an if, loop or try body). */
function mayNotRun(ctx: IWalkContext): IWalkContext {
  return ctx.conditional
    ? ctx
    : { inFunction: ctx.inFunction, conditional: true };
}

class FactCollector {
  readonly bindings: IBinding[] = [];
  readonly reads: IRead[] = [];

  bind(
    name: string,
    kind: BindingKind,
    node: { from: number; to: number },
    ctx: IWalkContext,
    stmt: Stmt | null,
    value: Expr | null = null,
    qualified?: string
  ): void {
    if (typeof name !== 'string' || name === '') {
      // A placeholder of error recovery (acorn-loose), not a name.
      return;
    }
    this.bindings.push({
      name,
      kind,
      from: node.from,
      to: node.to,
      stmt,
      value,
      conditional: ctx.conditional,
      inFunction: ctx.inFunction,
      qualified
    });
  }

  readExpr(e: Expr, ctx: IWalkContext): void {
    walkExpr(e, x => {
      if (x.type === 'Name') {
        this.reads.push({
          name: x.name,
          from: x.from,
          to: x.to,
          inFunction: ctx.inFunction
        });
      } else if (x.type === 'Walrus') {
        for (const t of targetNames(x.target)) {
          this.bind(t.name, 'walrus', t.node, ctx, null, x.value);
        }
        this.readExpr(x.value, ctx);
        return false;
      } else if (x.type === 'Lambda') {
        const inner = { ...ctx, inFunction: ctx.inFunction ?? '<lambda>' };
        if (x.body) {
          this.readExpr(x.body, inner);
        }
        for (const p of x.params) {
          if (p.default) {
            this.readExpr(p.default, ctx);
          }
        }
        this.stmts(x.stmts, inner);
        return false;
      }
      return undefined;
    });
  }

  /** An assignment target: names are bound, anything else is read. */
  target(
    t: Expr,
    kind: BindingKind,
    ctx: IWalkContext,
    stmt: Stmt,
    value: Expr | null
  ): void {
    if (t.type === 'Name') {
      this.bind(t.name, kind, t, ctx, stmt, value);
    } else if (
      t.type === 'Seq' ||
      (t.type === 'Other' && t.children.length > 0)
    ) {
      const elements = t.type === 'Seq' ? t.elements : t.children;
      const values =
        value &&
        value.type === 'Seq' &&
        value.elements.length === elements.length
          ? value.elements
          : null;
      elements.forEach((el, i) =>
        this.target(el, kind, ctx, stmt, values ? values[i] : null)
      );
    } else {
      this.readExpr(t, ctx);
    }
  }

  stmts(body: Stmt[], ctx: IWalkContext): void {
    for (const s of body) {
      this.stmt(s, ctx);
    }
  }

  stmt(s: Stmt, ctx: IWalkContext): void {
    switch (s.type) {
      case 'Assign':
        if (s.value) {
          this.readExpr(s.value, ctx);
        }
        for (const t of s.targets) {
          this.target(t, 'assign', ctx, s, s.value);
        }
        return;
      case 'AugAssign':
        this.readExpr(s.value, ctx);
        this.readExpr(s.target, ctx);
        for (const t of targetNames(s.target)) {
          this.bind(t.name, 'augassign', t.node, ctx, s);
        }
        return;
      case 'For': {
        this.readExpr(s.iter, ctx);
        const inner = mayNotRun(ctx);
        this.target(s.target, 'for', inner, s, null);
        this.stmts(s.body, inner);
        this.stmts(s.orelse, inner);
        return;
      }
      case 'FunctionDef': {
        for (const d of s.decorators) {
          this.readExpr(d, ctx);
        }
        for (const p of s.params) {
          if (p.default) {
            this.readExpr(p.default, ctx);
          }
        }
        this.bind(
          s.name,
          'function',
          { from: s.nameFrom, to: s.nameTo },
          ctx,
          s
        );
        const inner: IWalkContext = { inFunction: s.name, conditional: false };
        for (const p of s.params) {
          this.bind(p.name, 'param', p, inner, s);
        }
        this.stmts(s.body, inner);
        return;
      }
      case 'ClassDef':
        for (const d of s.decorators) {
          this.readExpr(d, ctx);
        }
        for (const b of s.bases) {
          this.readExpr(b.value, ctx);
        }
        this.bind(s.name, 'class', { from: s.nameFrom, to: s.nameTo }, ctx, s);
        this.stmts(s.body, { inFunction: s.name, conditional: false });
        return;
      case 'Import':
        for (const n of s.names) {
          this.bind(n.local, 'import', s, ctx, s, null, n.qualified);
        }
        return;
      case 'With':
        for (const item of s.items) {
          this.readExpr(item.context, ctx);
          if (item.target) {
            this.target(item.target, 'with', ctx, s, null);
          }
        }
        this.stmts(s.body, ctx);
        return;
      case 'Try': {
        const inner = mayNotRun(ctx);
        this.stmts(s.body, inner);
        for (const h of s.handlers) {
          if (h.kind) {
            this.readExpr(h.kind, ctx);
          }
          if (h.name) {
            this.bind(h.name, 'except', h, inner, s);
          }
          this.stmts(h.body, inner);
        }
        this.stmts(s.orelse, inner);
        this.stmts(s.finalbody, ctx);
        return;
      }
      case 'Global':
        for (const n of s.names) {
          this.bind(n, 'global', s, ctx, s);
        }
        return;
      case 'Delete':
        for (const t of s.targets) {
          // `del x` reads x (it must exist) and unbinds it.
          this.readExpr(t, ctx);
          for (const n of targetNames(t)) {
            this.bind(n.name, 'delete', n.node, ctx, s);
          }
        }
        return;
      case 'If':
      case 'While': {
        this.readExpr(s.test, ctx);
        const inner = mayNotRun(ctx);
        this.stmts(s.body, inner);
        this.stmts(s.orelse, inner);
        return;
      }
      default: {
        forEachStmtExpr(s, e => this.readExpr(e, ctx));
        const inner = s.type === 'Block' ? ctx : mayNotRun(ctx);
        forEachStmtBody(s, b => this.stmts(b, inner));
      }
    }
  }
}

function groupByName<T extends { name: string }>(items: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.name);
    if (list) {
      list.push(item);
    } else {
      groups.set(item.name, [item]);
    }
  }
  return groups;
}

/** Counts front-end parses, so tests can prove that caching works. */
export const parseCounter = { count: 0 };

export function computeFacts(
  language: SupportedLanguage,
  text: string
): ICellFacts {
  parseCounter.count++;
  let code = text;
  let shellLines: IShellLine[] = [];
  let cellMagic: ICellMagic | null = null;
  let parsed = true;
  let result: IParseResult;
  let collector = new FactCollector();
  try {
    if (language === 'python') {
      const masked = maskIPython(text);
      code = masked.code;
      shellLines = masked.shellLines;
      cellMagic = masked.cellMagic;
      parsed = !cellMagic || cellMagic.pythonBody;
      result = parsed
        ? parsePython(code)
        : { body: [], comments: [], error: null };
    } else {
      const magic = /^\s*%%([\w.-]+)/.exec(text);
      if (magic) {
        cellMagic = { name: magic[1], args: '', pythonBody: false };
        parsed = false;
        result = { body: [], comments: [], error: null };
      } else {
        result = parseJavaScript(text);
      }
    }
    collector.stmts(result.body, { inFunction: null, conditional: false });
  } catch (e) {
    // Nesting that ran a parser or a walk out of stack (the parsers build
    // their trees recursively too): the cell gets the depth note, the
    // notebook goes on.
    if (!(e instanceof RangeError)) {
      throw e;
    }
    result = { body: [], comments: [], error: depthError(0, null) };
    collector = new FactCollector();
  }
  return {
    language,
    text,
    code,
    lines: new LineIndex(text),
    body: result.body,
    comments: result.comments,
    error: result.error,
    shellLines,
    cellMagic,
    parsed,
    bindings: collector.bindings,
    reads: collector.reads,
    derived: new Map(),
    bindingsByName: groupByName(collector.bindings),
    readsByName: groupByName(collector.reads),
    imports: collector.bindings
      .filter(b => b.kind === 'import' && b.inFunction === null && b.qualified)
      .map(b => [b.name, b.qualified!] as [string, string])
  };
}

/**
 * Cache of cell facts keyed by (language, text). Bounded, least recently used
 * entries are dropped first.
 */
export class FactsCache {
  // One map per language, keyed by the cell text itself: no key strings are
  // built on the hot path of every keystroke.
  private readonly byLanguage = new Map<
    SupportedLanguage,
    Map<string, ICellFacts>
  >();
  private count = 0;

  constructor(private readonly capacity = 20000) {}

  get(language: SupportedLanguage, text: string): ICellFacts {
    let entries = this.byLanguage.get(language);
    if (!entries) {
      entries = new Map();
      this.byLanguage.set(language, entries);
    }
    const hit = entries.get(text);
    if (hit) {
      return hit;
    }
    const facts = computeFacts(language, text);
    entries.set(text, facts);
    this.count++;
    if (this.count > this.capacity) {
      // Drop the oldest entries (maps iterate in insertion order).
      const drop = entries.keys().next().value;
      if (drop !== undefined) {
        entries.delete(drop);
        this.count--;
      }
    }
    return facts;
  }

  /** True when this cell text's facts are cached (no parse needed). */
  has(language: SupportedLanguage, text: string): boolean {
    return this.byLanguage.get(language)?.has(text) ?? false;
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.byLanguage.clear();
    this.count = 0;
  }
}

/**
 * Memoises data a rule derives from one cell's facts (its flag candidates,
 * its plain stores…): computed once per cell text, like the facts themselves,
 * so cross-cell rules stay cheap on every keystroke.
 */
export function derive<T>(
  facts: ICellFacts,
  key: string,
  compute: (facts: ICellFacts) => T
): T {
  const memo = facts.derived;
  const hit = memo.get(key);
  if (hit !== undefined || memo.has(key)) {
    return hit as T;
  }
  const value = compute(facts);
  memo.set(key, value);
  return value;
}
