/**
 * A small language-neutral syntax tree. Both front-ends (Python through
 * @lezer/python, JavaScript through acorn) lower their trees to this shape so
 * that each rule is written once. Offsets are into the cell's own text.
 */

export interface INode {
  from: number;
  to: number;
}

export interface IArg extends INode {
  /** Keyword name (`lr=` in Python, a property of an options object in JS). */
  name?: string;
  star?: '*' | '**';
  value: Expr;
}

export type Expr =
  | (INode & { type: 'Name'; name: string })
  | (INode & { type: 'Num'; value: number; raw: string })
  | (INode & { type: 'Str'; value: string | null; parts: Expr[] })
  | (INode & { type: 'Bool'; value: boolean })
  | (INode & { type: 'None' })
  | (INode & { type: 'Attr'; object: Expr; attr: string })
  | (INode & { type: 'Subscript'; object: Expr; index: Expr[] })
  | (INode & { type: 'Call'; callee: Expr; args: IArg[]; isNew?: boolean })
  | (INode & { type: 'Compare'; left: Expr; ops: string[]; rights: Expr[] })
  | (INode & { type: 'BoolOp'; op: 'and' | 'or'; values: Expr[] })
  | (INode & { type: 'Not'; operand: Expr })
  | (INode & { type: 'Unary'; op: string; operand: Expr })
  | (INode & { type: 'BinOp'; op: string; left: Expr; right: Expr })
  | (INode & { type: 'Cond'; test: Expr; body: Expr; orelse: Expr })
  | (INode & { type: 'Seq'; kind: 'list' | 'tuple' | 'set'; elements: Expr[] })
  | (INode & { type: 'Dict'; keys: (Expr | null)[]; values: Expr[] })
  | (INode & {
      type: 'Lambda';
      params: IParam[];
      body: Expr | null;
      stmts: Stmt[];
    })
  | (INode & { type: 'Comp'; targets: Expr[]; parts: Expr[] })
  | (INode & { type: 'Walrus'; target: Expr; value: Expr })
  | (INode & { type: 'Other'; children: Expr[] });

export interface IParam extends INode {
  name: string;
  default?: Expr;
}

export interface IImportName {
  /** The name bound in the cell (`pd` for `import pandas as pd`). */
  local: string;
  /** The full dotted name it stands for (`pandas`, `pandas.read_csv`). */
  qualified: string;
}

export interface IHandler extends INode {
  kind?: Expr;
  name?: string;
  body: Stmt[];
}

export type Stmt =
  | (INode & {
      type: 'Assign';
      targets: Expr[];
      value: Expr | null;
      decl?: string;
    })
  | (INode & { type: 'AugAssign'; target: Expr; op: string; value: Expr })
  | (INode & { type: 'Expr'; value: Expr })
  | (INode & {
      type: 'If';
      test: Expr;
      body: Stmt[];
      orelse: Stmt[];
      bodyRange: INode;
      elseRange?: INode;
      isElif?: boolean;
    })
  | (INode & {
      type: 'While';
      test: Expr;
      body: Stmt[];
      orelse: Stmt[];
      bodyRange: INode;
    })
  | (INode & {
      type: 'For';
      target: Expr;
      iter: Expr;
      body: Stmt[];
      orelse: Stmt[];
    })
  | (INode & {
      type: 'FunctionDef';
      name: string;
      nameFrom: number;
      nameTo: number;
      params: IParam[];
      decorators: Expr[];
      body: Stmt[];
    })
  | (INode & {
      type: 'ClassDef';
      name: string;
      nameFrom: number;
      nameTo: number;
      bases: IArg[];
      decorators: Expr[];
      body: Stmt[];
    })
  | (INode & { type: 'Return'; value: Expr | null })
  | (INode & { type: 'Raise'; value: Expr | null })
  | (INode & { type: 'Break' })
  | (INode & { type: 'Continue' })
  | (INode & { type: 'Pass' })
  | (INode & { type: 'Import'; names: IImportName[] })
  | (INode & {
      type: 'Try';
      body: Stmt[];
      handlers: IHandler[];
      orelse: Stmt[];
      finalbody: Stmt[];
    })
  | (INode & {
      type: 'With';
      items: { context: Expr; target?: Expr }[];
      body: Stmt[];
    })
  | (INode & { type: 'Global'; names: string[] })
  | (INode & { type: 'Delete'; targets: Expr[] })
  | (INode & { type: 'Assert'; test: Expr; msg: Expr | null })
  | (INode & { type: 'Block'; body: Stmt[] })
  | (INode & {
      type: 'Other';
      exprs: Expr[];
      body: Stmt[];
      /** A C-style `for (init; test; update)` loop (JavaScript): `exprs` are its test and update. */
      loop?: boolean;
    });

/** The direct sub-expressions of an expression, in source order. */
export function exprChildren(e: Expr): Expr[] {
  const out: Expr[] = [];
  forEachExprChild(e, c => out.push(c));
  return out;
}

/** The expressions a statement holds directly (not those of nested statements). */
export function stmtExprs(s: Stmt): Expr[] {
  const out: Expr[] = [];
  forEachStmtExpr(s, e => out.push(e));
  return out;
}

/** The statement lists nested directly in a statement. */
export function stmtBodies(s: Stmt): Stmt[][] {
  const out: Stmt[][] = [];
  forEachStmtBody(s, b => out.push(b));
  return out;
}

/**
 * Calls `fn` on each direct sub-expression, in source order, without
 * building a list: walks run over every node of every cell, once per rule,
 * and an array per node was most of their cost.
 */
export function forEachExprChild(e: Expr, fn: (child: Expr) => void): void {
  switch (e.type) {
    case 'Str':
      for (const p of e.parts) {
        fn(p);
      }
      return;
    case 'Attr':
      fn(e.object);
      return;
    case 'Subscript':
      fn(e.object);
      for (const i of e.index) {
        fn(i);
      }
      return;
    case 'Call':
      fn(e.callee);
      for (const a of e.args) {
        fn(a.value);
      }
      return;
    case 'Compare':
      fn(e.left);
      for (const r of e.rights) {
        fn(r);
      }
      return;
    case 'BoolOp':
      for (const v of e.values) {
        fn(v);
      }
      return;
    case 'Not':
    case 'Unary':
      fn(e.operand);
      return;
    case 'BinOp':
      fn(e.left);
      fn(e.right);
      return;
    case 'Cond':
      fn(e.body);
      fn(e.test);
      fn(e.orelse);
      return;
    case 'Seq':
      for (const x of e.elements) {
        fn(x);
      }
      return;
    case 'Dict':
      for (let i = 0; i < e.keys.length; i++) {
        const k = e.keys[i];
        if (k) {
          fn(k);
        }
        fn(e.values[i]);
      }
      return;
    case 'Lambda':
      for (const p of e.params) {
        if (p.default) {
          fn(p.default);
        }
      }
      if (e.body) {
        fn(e.body);
      }
      return;
    case 'Comp':
      for (const p of e.parts) {
        fn(p);
      }
      return;
    case 'Walrus':
      fn(e.target);
      fn(e.value);
      return;
    case 'Other':
      for (const c of e.children) {
        fn(c);
      }
      return;
    default:
      return;
  }
}

/** Calls `fn` on each expression a statement holds directly (not those of nested statements). */
export function forEachStmtExpr(s: Stmt, fn: (e: Expr) => void): void {
  switch (s.type) {
    case 'Assign':
      for (const t of s.targets) {
        fn(t);
      }
      if (s.value) {
        fn(s.value);
      }
      return;
    case 'AugAssign':
      fn(s.target);
      fn(s.value);
      return;
    case 'Expr':
      fn(s.value);
      return;
    case 'If':
    case 'While':
      fn(s.test);
      return;
    case 'For':
      fn(s.target);
      fn(s.iter);
      return;
    case 'FunctionDef':
      for (const d of s.decorators) {
        fn(d);
      }
      for (const p of s.params) {
        if (p.default) {
          fn(p.default);
        }
      }
      return;
    case 'ClassDef':
      for (const d of s.decorators) {
        fn(d);
      }
      for (const b of s.bases) {
        fn(b.value);
      }
      return;
    case 'Return':
    case 'Raise':
      if (s.value) {
        fn(s.value);
      }
      return;
    case 'With':
      for (const i of s.items) {
        fn(i.context);
        if (i.target) {
          fn(i.target);
        }
      }
      return;
    case 'Delete':
      for (const t of s.targets) {
        fn(t);
      }
      return;
    case 'Assert':
      fn(s.test);
      if (s.msg) {
        fn(s.msg);
      }
      return;
    case 'Try':
      for (const h of s.handlers) {
        if (h.kind) {
          fn(h.kind);
        }
      }
      return;
    case 'Other':
      for (const e of s.exprs) {
        fn(e);
      }
      return;
    default:
      return;
  }
}

/** Calls `fn` on each statement list nested directly in a statement. */
export function forEachStmtBody(s: Stmt, fn: (body: Stmt[]) => void): void {
  switch (s.type) {
    case 'If':
    case 'While':
    case 'For':
      fn(s.body);
      fn(s.orelse);
      return;
    case 'FunctionDef':
    case 'ClassDef':
    case 'With':
    case 'Block':
    case 'Other':
      fn(s.body);
      return;
    case 'Try':
      fn(s.body);
      for (const h of s.handlers) {
        fn(h.body);
      }
      fn(s.orelse);
      fn(s.finalbody);
      return;
    default:
      return;
  }
}

/** Calls `visit` on an expression and every sub-expression, depth first. */
export function walkExpr(e: Expr, visit: (e: Expr) => void | false): void {
  const step = (x: Expr): void => {
    if (visit(x) === false) {
      return;
    }
    forEachExprChild(x, step);
    if (x.type === 'Lambda' && x.stmts.length > 0) {
      walkStmts(x.stmts, { expr: visit });
    }
  };
  step(e);
}

export interface IStmtVisitor {
  stmt?: (s: Stmt, depth: number) => void | false;
  expr?: (e: Expr) => void | false;
}

/** Walks statements and (optionally) their expressions, depth first. */
export function walkStmts(
  stmts: Stmt[],
  visitor: IStmtVisitor,
  depth = 0
): void {
  const visitExpr = visitor.expr;
  const walkOne = visitExpr
    ? (e: Expr): void => walkExpr(e, visitExpr)
    : undefined;
  const walkBody = (body: Stmt[]): void => walkStmts(body, visitor, depth + 1);
  for (const s of stmts) {
    if (visitor.stmt && visitor.stmt(s, depth) === false) {
      continue;
    }
    if (walkOne) {
      forEachStmtExpr(s, walkOne);
    }
    forEachStmtBody(s, walkBody);
  }
}

/** `a.b.c` for a chain of names and attributes, or null. */
export function dottedName(e: Expr): string | null {
  if (e.type === 'Name') {
    return e.name;
  }
  if (e.type === 'Attr') {
    const base = dottedName(e.object);
    return base === null ? null : `${base}.${e.attr}`;
  }
  return null;
}

/** The root name of an attribute/subscript/call chain (`df` in `df.a[0].b()`). */
export function rootName(e: Expr): string | null {
  let cur: Expr = e;
  for (;;) {
    if (cur.type === 'Name') {
      return cur.name;
    }
    if (cur.type === 'Attr' || cur.type === 'Subscript') {
      cur = cur.object;
    } else if (cur.type === 'Call') {
      cur = cur.callee;
    } else {
      return null;
    }
  }
}

/** Names bound by an assignment target (tuples and lists unpacked). */
export function targetNames(target: Expr): { name: string; node: Expr }[] {
  if (target.type === 'Name') {
    return [{ name: target.name, node: target }];
  }
  if (target.type === 'Seq') {
    return target.elements.flatMap(targetNames);
  }
  if (target.type === 'Other') {
    return target.children.flatMap(targetNames);
  }
  return [];
}

/**
 * Keyword arguments of a call: Python `f(lr=0.1)`, and in JavaScript the
 * properties of an options object literal `f({ lr: 0.1 })`.
 */
export function namedArgs(call: Expr & { type: 'Call' }): IArg[] {
  const out: IArg[] = [];
  for (const a of call.args) {
    if (a.name) {
      out.push(a);
    } else if (!a.star && a.value.type === 'Dict' && call.isNew !== undefined) {
      a.value.keys.forEach((k, i) => {
        if (k && k.type === 'Str' && k.value !== null) {
          const v = a.value.type === 'Dict' ? a.value.values[i] : null;
          if (v) {
            out.push({ name: k.value, value: v, from: k.from, to: v.to });
          }
        }
      });
    }
  }
  return out;
}
