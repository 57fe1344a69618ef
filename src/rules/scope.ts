/**
 * Which module-level names a Python cell needs from the cells before it, with
 * Python's scoping: comprehension and lambda variables, function locals,
 * class bodies, keyword-argument names and attributes are never free names.
 * Computed once per cell text (see `derive`), so the cross-cell rules that
 * use it cost one set lookup per name on a keystroke.
 */
import {
  Expr,
  exprChildren,
  forEachExprChild,
  forEachStmtExpr,
  Stmt,
  targetNames
} from '../core/ast';
import { derive, ICellFacts } from '../core/facts';

export interface IFreeRead {
  name: string;
  from: number;
  to: number;
}

export interface ICellNames {
  /** Names this cell binds at module level (anywhere in it), `global` ones too. */
  bound: ReadonlySet<string>;
  /**
   * Module-level reads of names the cell does not bind itself, first read of
   * each name first.
   */
  moduleReads: IFreeRead[];
  /**
   * Reads in function bodies of names no enclosing function binds: globals,
   * looked up when the function is called.
   */
  functionReads: IFreeRead[];
  /**
   * The cell may bind names no static reading sees: a star import, `exec`,
   * writes through `globals()`, `%run`, `%load`, `%pylab`, `%store -r`, `get_ipython().run_*`.
   */
  opaque: boolean;
  /** Identifiers in the cell's magics and shell lines (`%store -r df`, `%%capture out`). */
  magicNames: ReadonlySet<string>;
}

/** Line magics that bind names a static reading cannot see. */
const OPAQUE_MAGIC =
  /^\s*%*\s*(run|load|pylab|store\s+-r(?!\s+\w)|reset_selective|macro|recall)\b/;
const OPAQUE_CALL =
  /\b(exec|execfile)\s*\(|\b(globals|locals|vars)\s*\(\s*\)\s*(\[|\.\s*(update|setdefault|__setitem__))|\bget_ipython\s*\(\s*\)\s*\.\s*(run_line_magic|run_cell|magic|ex|push|user_ns)\b|\bsys\.modules\s*\[\s*__name__\s*\]|\bbuiltins\s*\.\s*\w+\s*=|\bsetattr\s*\(\s*(builtins|sys\.modules|__main__)\b|[(,]\s*(globals|locals)\s*\(\s*\)\s*[,)]/;
/** Every match of OPAQUE_CALL holds one of these: most cells hold none and skip it. */
const OPAQUE_CALL_WORDS = [
  'exec',
  'globals',
  'locals',
  'vars',
  'get_ipython',
  'modules',
  'builtins',
  'setattr'
];
/** Exceptions that, when caught, make a missing name harmless. */
const CATCHES_NAME_ERROR = new Set([
  'NameError',
  'Exception',
  'BaseException',
  'UnboundLocalError'
]);
/** Calls whose result tells a guard whether a name exists. */
const INTROSPECTION = new Set(['globals', 'locals', 'vars', 'dir']);

interface IScope {
  kind: 'module' | 'function' | 'class' | 'comprehension';
  locals: Set<string>;
  parent: IScope | null;
}

class FreeNameWalker {
  readonly moduleReads: IFreeRead[] = [];
  readonly functionReads: IFreeRead[] = [];
  /** Names bound by `case` patterns and other forms read as names. */
  readonly patternNames = new Set<string>();
  private guard = 0;

  constructor(private readonly code: string) {}

  stmts(body: Stmt[], scope: IScope): void {
    for (const s of body) {
      this.stmt(s, scope);
    }
  }

  private stmt(s: Stmt, scope: IScope): void {
    switch (s.type) {
      case 'FunctionDef': {
        s.decorators.forEach(d => this.expr(d, scope));
        s.params.forEach(p => p.default && this.expr(p.default, scope));
        const inner: IScope = {
          kind: 'function',
          locals: functionLocals(
            s.params.map(p => p.name),
            s.body
          ),
          parent: scope
        };
        this.stmts(s.body, inner);
        return;
      }
      case 'ClassDef': {
        s.decorators.forEach(d => this.expr(d, scope));
        s.bases.forEach(b => this.expr(b.value, scope));
        // A class body's own names are its attributes, and its reads of them
        // are not globals: only nested functions' free names are followed.
        this.stmts(s.body, { kind: 'class', locals: new Set(), parent: scope });
        return;
      }
      case 'Try': {
        const catches = s.handlers.some(
          h =>
            !h.kind ||
            exceptionNames(h.kind).some(n => CATCHES_NAME_ERROR.has(n))
        );
        if (catches) {
          this.guard++;
        }
        this.stmts(s.body, scope);
        if (catches) {
          this.guard--;
        }
        for (const h of s.handlers) {
          if (h.kind) {
            this.expr(h.kind, scope);
          }
          this.stmts(h.body, scope);
        }
        this.stmts(s.orelse, scope);
        this.stmts(s.finalbody, scope);
        return;
      }
      case 'If': {
        // `if 'model' not in globals():` guards the names it tests.
        const guarded = introspects(s.test);
        if (guarded) {
          this.guard++;
        }
        this.expr(s.test, scope);
        this.stmts(s.body, scope);
        this.stmts(s.orelse, scope);
        if (guarded) {
          this.guard--;
        }
        return;
      }
      case 'Other':
        if (/^match\b/.test(this.code.slice(s.from, s.from + 6))) {
          // `case Point(x=px):` binds `px`; the lowered tree cannot tell a
          // capture from a read, so a match statement's names count as bound.
          this.guard++;
          s.exprs.forEach(e => this.expr(e, scope, this.patternNames));
          this.stmts(s.body, scope);
          this.guard--;
          return;
        }
        break;
      default:
        break;
    }
    forEachStmtReadExpr(s, e => this.expr(e, scope));
    switch (s.type) {
      case 'While':
      case 'For':
        this.stmts(s.body, scope);
        this.stmts(s.orelse, scope);
        return;
      case 'With':
      case 'Block':
      case 'Other':
        this.stmts(s.body, scope);
        return;
      default:
        return;
    }
  }

  /** Records the free names an expression reads (iteratively: no depth limit). */
  private expr(root: Expr, rootScope: IScope, collect?: Set<string>): void {
    // Two parallel stacks, not a pair per node: this runs over every node.
    const exprs: Expr[] = [root];
    const scopes: IScope[] = [rootScope];
    let pushScope = rootScope;
    const push = (child: Expr): void => {
      exprs.push(child);
      scopes.push(pushScope);
    };
    while (exprs.length > 0) {
      const e = exprs.pop()!;
      const scope = scopes.pop()!;
      switch (e.type) {
        case 'Name':
          if (collect) {
            collect.add(e.name);
          } else {
            this.read(e, scope);
          }
          continue;
        case 'Attr':
          exprs.push(e.object);
          scopes.push(scope);
          continue;
        case 'Comp': {
          const locals = new Set<string>();
          for (const t of e.targets) {
            for (const n of targetNames(t)) {
              locals.add(n.name);
            }
          }
          const inner: IScope = {
            kind: 'comprehension',
            locals,
            parent: scope
          };
          for (let i = e.parts.length - 1; i >= 0; i--) {
            exprs.push(e.parts[i]);
            scopes.push(inner);
          }
          continue;
        }
        case 'Lambda': {
          const inner: IScope = {
            kind: 'function',
            locals: functionLocals(
              e.params.map(p => p.name),
              e.stmts
            ),
            parent: scope
          };
          for (const p of e.params) {
            if (p.default) {
              exprs.push(p.default);
              scopes.push(scope);
            }
          }
          if (e.body) {
            exprs.push(e.body);
            scopes.push(inner);
          }
          if (e.stmts.length > 0) {
            this.stmts(e.stmts, inner);
          }
          continue;
        }
        case 'Walrus':
          // The target binds in the enclosing scope (facts record it).
          exprs.push(e.value);
          scopes.push(scope);
          continue;
        case 'Call':
          for (let i = e.args.length - 1; i >= 0; i--) {
            exprs.push(e.args[i].value);
            scopes.push(scope);
          }
          exprs.push(e.callee);
          scopes.push(scope);
          continue;
        default: {
          // Children pushed in order, then reversed in place: popped in order.
          // (the scopes pushed are all `scope`: only the expressions need it).
          const start = exprs.length;
          pushScope = scope;
          forEachExprChild(e, push);
          reverseFrom(exprs, start);
        }
      }
    }
  }

  private read(
    e: { name: string; from: number; to: number },
    scope: IScope
  ): void {
    if (this.guard > 0) {
      return;
    }
    let inFunction = false;
    for (let s: IScope | null = scope; s; s = s.parent) {
      if (s.kind === 'class') {
        if (s === scope) {
          return;
        }
        // Functions in a class body skip its names (Python's rule).
        continue;
      }
      if (s.kind === 'module') {
        const list = inFunction ? this.functionReads : this.moduleReads;
        list.push({ name: e.name, from: e.from, to: e.to });
        return;
      }
      if (s.locals.has(e.name)) {
        return;
      }
      if (s.kind === 'function') {
        inFunction = true;
      }
    }
  }
}

/**
 * Sub-expressions whose names are read in the same scope. Names, attributes,
 * calls, lambdas, comprehensions and walruses are taken apart by the callers
 * (their scopes and bindings differ).
 */
const SCOPED = new Set(['Name', 'Attr', 'Call', 'Lambda', 'Comp', 'Walrus']);

function childExprs(e: Expr): Expr[] {
  return SCOPED.has(e.type) ? [] : exprChildren(e);
}

/** Reverses `items[start..]` in place. */
function reverseFrom<T>(items: T[], start: number): void {
  for (let i = start, j = items.length - 1; i < j; i++, j--) {
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/**
 * Calls `fn` on the expressions of a statement that are read: those
 * `forEachStmtExpr` lists, with assignment targets' names left out.
 */
function forEachStmtReadExpr(s: Stmt, fn: (e: Expr) => void): void {
  switch (s.type) {
    case 'Assign':
      if (s.value) {
        fn(s.value);
      }
      for (const t of s.targets) {
        forEachTargetRead(t, fn);
      }
      return;
    case 'For':
      fn(s.iter);
      forEachTargetRead(s.target, fn);
      return;
    case 'With':
      for (const i of s.items) {
        fn(i.context);
        if (i.target) {
          forEachTargetRead(i.target, fn);
        }
      }
      return;
    default:
      forEachStmtExpr(s, fn);
  }
}

/** Calls `fn` on what an assignment target reads: `a[i]`, `a.b` read `a` and `i`; names are bound. */
function forEachTargetRead(t: Expr, fn: (e: Expr) => void): void {
  if (t.type === 'Name') {
    return;
  }
  if (t.type === 'Seq' || t.type === 'Other') {
    for (const x of t.type === 'Seq' ? t.elements : t.children) {
      forEachTargetRead(x, fn);
    }
    return;
  }
  if (t.type === 'Unary' && t.op === '*') {
    forEachTargetRead(t.operand, fn);
    return;
  }
  fn(t);
}

/**
 * The locals of a function: its parameters and every name bound in its body
 * (not in nested functions or classes), less those declared `global`.
 */
function functionLocals(params: string[], body: Stmt[]): Set<string> {
  const locals = new Set(params);
  const globals = new Set<string>();
  const stack: Stmt[] = [...body];
  const bindTarget = (t: Expr): void => {
    for (const n of targetNames(t)) {
      locals.add(n.name);
    }
    if (t.type === 'Unary' && t.op === '*') {
      bindTarget(t.operand);
    }
  };
  const walrus = (e: Expr): void => {
    const todo: Expr[] = [e];
    while (todo.length > 0) {
      const x = todo.pop()!;
      if (x.type === 'Walrus') {
        bindTarget(x.target);
      }
      if (x.type !== 'Lambda') {
        todo.push(...childExprs(x));
        if (x.type === 'Call') {
          todo.push(x.callee, ...x.args.map(a => a.value));
        } else if (x.type === 'Comp') {
          todo.push(...x.parts);
        } else if (x.type === 'Attr') {
          todo.push(x.object);
        }
      }
    }
  };
  while (stack.length > 0) {
    const s = stack.pop()!;
    switch (s.type) {
      case 'Assign':
        s.targets.forEach(bindTarget);
        if (s.value) {
          walrus(s.value);
        }
        break;
      case 'AugAssign':
        bindTarget(s.target);
        break;
      case 'For':
        bindTarget(s.target);
        walrus(s.iter);
        break;
      case 'With':
        s.items.forEach(i => i.target && bindTarget(i.target));
        break;
      case 'FunctionDef':
      case 'ClassDef':
        locals.add(s.name);
        continue;
      case 'Import':
        s.names.forEach(n => locals.add(n.local));
        break;
      case 'Try':
        s.handlers.forEach(h => h.name && locals.add(h.name));
        break;
      case 'Global':
        // `nonlocal` names are the enclosing function's: local enough.
        s.names.forEach(n => globals.add(n));
        break;
      case 'Expr':
      case 'If':
      case 'While':
      case 'Return':
        for (const e of s.type === 'If' || s.type === 'While'
          ? [s.test]
          : s.value
            ? [s.value]
            : []) {
          walrus(e);
        }
        break;
      case 'Other':
        // A `match` in a function: its capture names are locals.
        s.exprs.forEach(e => {
          const names = new Set<string>();
          collectNames(e, names);
          names.forEach(n => locals.add(n));
        });
        break;
      default:
        break;
    }
    if (s.type === 'Try') {
      stack.push(
        ...s.body,
        ...s.handlers.flatMap(h => h.body),
        ...s.orelse,
        ...s.finalbody
      );
    } else if (s.type === 'If' || s.type === 'While' || s.type === 'For') {
      stack.push(...s.body, ...s.orelse);
    } else if (s.type === 'With' || s.type === 'Block' || s.type === 'Other') {
      stack.push(...s.body);
    }
  }
  for (const g of globals) {
    locals.delete(g);
  }
  return locals;
}

function collectNames(e: Expr, out: Set<string>): void {
  const todo: Expr[] = [e];
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (x.type === 'Name') {
      out.add(x.name);
    } else if (x.type === 'Call') {
      todo.push(x.callee, ...x.args.map(a => a.value));
    } else if (x.type === 'Attr') {
      todo.push(x.object);
    } else {
      todo.push(...childExprs(x));
    }
  }
}

/** `except (NameError, KeyError):` → NameError, KeyError. */
function exceptionNames(kind: Expr): string[] {
  if (kind.type === 'Name') {
    return [kind.name];
  }
  if (kind.type === 'Attr') {
    return [kind.attr];
  }
  if (kind.type === 'Seq' || kind.type === 'Other') {
    return (kind.type === 'Seq' ? kind.elements : kind.children).flatMap(
      exceptionNames
    );
  }
  return [];
}

/** Does a test call `globals()`, `locals()`, `vars()` or `dir()`? */
function introspects(test: Expr): boolean {
  const todo: Expr[] = [test];
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (
      x.type === 'Call' &&
      x.callee.type === 'Name' &&
      INTROSPECTION.has(x.callee.name)
    ) {
      return true;
    }
    if (x.type === 'Call') {
      todo.push(x.callee, ...x.args.map(a => a.value));
    } else if (x.type === 'Attr') {
      todo.push(x.object);
    } else {
      todo.push(...childExprs(x));
    }
  }
  return false;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

function computeCellNames(facts: ICellFacts): ICellNames {
  const bound = new Set<string>();
  for (const b of facts.bindings) {
    if (b.kind === 'global' || (b.inFunction === null && b.kind !== 'delete')) {
      bound.add(b.name);
    }
  }
  const walker = new FreeNameWalker(facts.code);
  walker.stmts(facts.body, { kind: 'module', locals: new Set(), parent: null });
  walker.patternNames.forEach(n => bound.add(n));
  const magicNames = new Set<string>();
  let opaque = false;
  const magicTexts = facts.shellLines.map(l => l.command);
  if (facts.cellMagic) {
    magicTexts.push(`${facts.cellMagic.name} ${facts.cellMagic.args}`);
    if (!facts.parsed) {
      magicTexts.push(facts.text);
    }
  }
  for (const text of magicTexts) {
    if (OPAQUE_MAGIC.test(text)) {
      opaque = true;
    }
    for (const m of text.match(IDENTIFIER) ?? []) {
      magicNames.add(m);
    }
  }
  const code = facts.code;
  if (
    (OPAQUE_CALL_WORDS.some(w => code.includes(w)) && OPAQUE_CALL.test(code)) ||
    // A star import: the regular expressions only where a `*` is.
    (code.includes('*') &&
      (facts.body.some(
        s =>
          s.type === 'Import' && /\bimport\s+\*/.test(code.slice(s.from, s.to))
      ) ||
        /^\s*from\s+\S+\s+import\s+\*/m.test(code)))
  ) {
    opaque = true;
  }
  return {
    bound,
    moduleReads: firstOfEach(walker.moduleReads, bound),
    functionReads: firstOfEach(walker.functionReads, bound),
    opaque,
    magicNames
  };
}

/** The first read of each name not bound by the cell itself. */
function firstOfEach(
  reads: IFreeRead[],
  bound: ReadonlySet<string>
): IFreeRead[] {
  const seen = new Set<string>();
  const out: IFreeRead[] = [];
  // The walk meets reads almost always in document order: sort only if not.
  let sorted = true;
  for (let i = 1; i < reads.length && sorted; i++) {
    sorted = reads[i - 1].from <= reads[i].from;
  }
  for (const r of sorted ? reads : reads.sort((a, b) => a.from - b.from)) {
    if (!bound.has(r.name) && !seen.has(r.name)) {
      seen.add(r.name);
      out.push(r);
    }
  }
  return out;
}

/** A Python cell's free names, memoised with its facts. */
export function cellNames(facts: ICellFacts): ICellNames {
  return derive(facts, 'scope:names', computeCellNames);
}
