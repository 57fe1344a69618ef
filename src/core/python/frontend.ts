/**
 * Python front-end: @lezer/python (the parser JupyterLab's editor uses) on the
 * masked cell text, lowered to the shared syntax tree in ../ast.
 */
import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import { Expr, IArg, IHandler, IImportName, IParam, Stmt } from '../ast';
import {
  depthError,
  IComment,
  IParseResult,
  ISyntaxError,
  MAX_TREE_DEPTH
} from '../parse';

const COMPARE_WORDS = new Set(['in', 'not', 'is']);

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    out.push(c);
  }
  return out;
}

/** `children(node).filter(keep)`, with one array instead of two. */
function childrenWhere(
  node: SyntaxNode,
  keep: (c: SyntaxNode) => boolean
): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (keep(c)) {
      out.push(c);
    }
  }
  return out;
}

const notTrivia = (c: SyntaxNode): boolean => !isTrivia(c);

function isTrivia(node: SyntaxNode): boolean {
  return node.name === 'Comment' || node.type.isError;
}

/** Keyword and punctuation tokens carry no expression of their own. */
const TOKEN_NAMES = new Set([
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  ';',
  '.',
  '*',
  '**',
  'AssignOp',
  'At',
  'TypeDef'
]);

export class PythonLowering {
  /**
   * @param text the code the parser saw
   * @param original the cell text (numbers are read from it: see normaliseFloats)
   */
  constructor(
    private readonly text: string,
    private readonly original: string = text
  ) {}

  slice(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** Splits nodes into comma-separated groups of expressions. */
  private commaGroups(nodes: SyntaxNode[]): SyntaxNode[][] {
    const groups: SyntaxNode[][] = [[]];
    for (const n of nodes) {
      if (n.name === ',') {
        groups.push([]);
      } else if (!isTrivia(n)) {
        groups[groups.length - 1].push(n);
      }
    }
    return groups.filter(g => g.length > 0);
  }

  /** Expression list (`a, b`) to one expression, a tuple when there are commas. */
  private exprList(nodes: SyntaxNode[]): Expr | null {
    const hasComma = nodes.some(n => n.name === ',');
    const exprs = this.commaGroups(nodes).map(g => this.exprGroup(g));
    if (exprs.length === 0) {
      return null;
    }
    if (!hasComma && exprs.length === 1) {
      return exprs[0];
    }
    return {
      type: 'Seq',
      kind: 'tuple',
      elements: exprs,
      from: exprs[0].from,
      to: exprs[exprs.length - 1].to
    };
  }

  /**
   * A run of nodes standing for one expression (`*x` included). A group left
   * empty by error recovery (`f(p =`, `{k: }`) is an empty expression at
   * `at`, the end of what came before it.
   */
  private exprGroup(group: SyntaxNode[], at = 0): Expr {
    const real = group.filter(n => !TOKEN_NAMES.has(n.name));
    if (real.length === 1) {
      return this.expr(real[0]);
    }
    const kids = real.map(n => this.expr(n));
    return {
      type: 'Other',
      children: kids,
      from: group.length ? group[0].from : at,
      to: group.length ? group[group.length - 1].to : at
    };
  }

  expr(node: SyntaxNode): Expr {
    const from = node.from;
    const to = node.to;
    switch (node.name) {
      case 'VariableName':
      case 'PropertyName':
        return { type: 'Name', name: this.slice(node), from, to };
      case 'Number': {
        const m = NUMBER_TOKEN.exec(this.original.slice(from, from + 64));
        const raw = m && m[0].length >= to - from ? m[0] : this.slice(node);
        return {
          type: 'Num',
          value: parseNumber(raw),
          raw,
          from,
          to: from + raw.length
        };
      }
      case 'String':
        return {
          type: 'Str',
          value: unquote(this.slice(node)),
          parts: [],
          from,
          to
        };
      case 'ContinuedString': {
        const parts = children(node)
          .filter(c => !isTrivia(c))
          .map(c => this.expr(c));
        const values = parts.map(p => (p.type === 'Str' ? p.value : null));
        const value = values.every(v => v !== null) ? values.join('') : null;
        return {
          type: 'Str',
          value,
          parts: parts.flatMap(p => (p.type === 'Str' ? p.parts : [p])),
          from,
          to
        };
      }
      case 'FormatString': {
        const parts: Expr[] = [];
        for (const rep of children(node)) {
          if (rep.name === 'FormatReplacement') {
            for (const c of children(rep)) {
              if (
                !TOKEN_NAMES.has(c.name) &&
                c.name !== 'FormatConversion' &&
                c.name !== 'FormatSpec' &&
                !isTrivia(c)
              ) {
                parts.push(this.expr(c));
              }
            }
          }
        }
        return {
          type: 'Str',
          value: parts.length === 0 ? unquote(this.slice(node)) : null,
          parts,
          from,
          to
        };
      }
      case 'Boolean':
        return { type: 'Bool', value: this.slice(node) === 'True', from, to };
      case 'None':
        return { type: 'None', from, to };
      case 'MemberExpression':
        return this.member(node);
      case 'CallExpression': {
        const kids = childrenWhere(node, notTrivia);
        const argList = kids.find(c => c.name === 'ArgList');
        const calleeNode = kids[0];
        const callee =
          calleeNode && calleeNode.name !== 'ArgList'
            ? this.expr(calleeNode)
            : { type: 'Other' as const, children: [], from, to: from };
        return {
          type: 'Call',
          callee,
          args: argList ? this.args(argList) : [],
          from,
          to
        };
      }
      case 'BinaryExpression':
        return this.binary(node);
      case 'UnaryExpression':
        return this.unary(node);
      case 'ConditionalExpression': {
        const kids = childrenWhere(
          node,
          c => !isTrivia(c) && c.name !== 'if' && c.name !== 'else'
        );
        const [body, test, orelse] = kids.map(k => this.expr(k));
        if (body && test && orelse) {
          return { type: 'Cond', body, test, orelse, from, to };
        }
        return {
          type: 'Other',
          children: kids.map(k => this.expr(k)),
          from,
          to
        };
      }
      case 'ParenthesizedExpression': {
        const inner = childrenWhere(
          node,
          c => c.name !== '(' && c.name !== ')'
        );
        const e = this.exprList(inner);
        return e ?? { type: 'Seq', kind: 'tuple', elements: [], from, to };
      }
      case 'TupleExpression':
        return this.seq(node, 'tuple');
      case 'ArrayExpression':
        return this.seq(node, 'list');
      case 'SetExpression':
        return this.seq(node, 'set');
      case 'DictionaryExpression':
        return this.dict(node);
      case 'ArrayComprehensionExpression':
      case 'DictionaryComprehensionExpression':
      case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return this.comprehension(node);
      case 'LambdaExpression': {
        const kids = children(node);
        const params = kids.find(c => c.name === 'ParamList');
        const colon = kids.findIndex(c => c.name === ':');
        const bodyNode =
          colon >= 0
            ? kids.slice(colon + 1).find(c => !isTrivia(c))
            : undefined;
        return {
          type: 'Lambda',
          params: params ? this.params(params) : [],
          body: bodyNode ? this.expr(bodyNode) : null,
          stmts: [],
          from,
          to
        };
      }
      case 'NamedExpression': {
        const kids = childrenWhere(
          node,
          c => c.name !== 'AssignOp' && !isTrivia(c)
        );
        if (kids.length === 2) {
          return {
            type: 'Walrus',
            target: this.expr(kids[0]),
            value: this.expr(kids[1]),
            from,
            to
          };
        }
        break;
      }
      default:
        break;
    }
    const kids = childrenWhere(
      node,
      c => !TOKEN_NAMES.has(c.name) && !isTrivia(c) && !isKeyword(c)
    );
    return { type: 'Other', children: kids.map(k => this.expr(k)), from, to };
  }

  private member(node: SyntaxNode): Expr {
    const kids = childrenWhere(node, notTrivia);
    const object = this.expr(kids[0]);
    const dot = kids.findIndex(c => c.name === '.');
    if (dot >= 0 && kids[dot + 1]) {
      return {
        type: 'Attr',
        object,
        attr: this.slice(kids[dot + 1]),
        from: node.from,
        to: node.to
      };
    }
    const index = kids
      .slice(1)
      .filter(c => !TOKEN_NAMES.has(c.name))
      .map(c => this.expr(c));
    return { type: 'Subscript', object, index, from: node.from, to: node.to };
  }

  private binary(node: SyntaxNode): Expr {
    const kids = childrenWhere(node, notTrivia);
    const opNodes = kids.filter(
      c =>
        c.name === 'CompareOp' ||
        c.name === 'ArithOp' ||
        c.name === 'BitOp' ||
        c.name === 'and' ||
        c.name === 'or' ||
        COMPARE_WORDS.has(c.name)
    );
    const operands = kids.filter(c => !opNodes.includes(c));
    if (operands.length !== 2 || opNodes.length === 0) {
      return {
        type: 'Other',
        children: operands.map(o => this.expr(o)),
        from: node.from,
        to: node.to
      };
    }
    const left = this.expr(operands[0]);
    const right = this.expr(operands[1]);
    const op = opNodes.map(o => this.slice(o)).join(' ');
    const first = opNodes[0].name;
    if (first === 'and' || first === 'or') {
      // `a and b and c` arrives left-nested: flatten it.
      const flat =
        left.type === 'BoolOp' && left.op === first
          ? [...left.values, right]
          : [left, right];
      return {
        type: 'BoolOp',
        op: first,
        values: flat,
        from: node.from,
        to: node.to
      };
    }
    if (first === 'CompareOp' || COMPARE_WORDS.has(first)) {
      // Chained comparisons (`a < b < c`) arrive left-nested.
      if (
        left.type === 'Compare' &&
        node.from === left.from &&
        !this.slice(node).startsWith('(')
      ) {
        return {
          type: 'Compare',
          left: left.left,
          ops: [...left.ops, op],
          rights: [...left.rights, right],
          from: node.from,
          to: node.to
        };
      }
      return {
        type: 'Compare',
        left,
        ops: [op],
        rights: [right],
        from: node.from,
        to: node.to
      };
    }
    return { type: 'BinOp', op, left, right, from: node.from, to: node.to };
  }

  private unary(node: SyntaxNode): Expr {
    const kids = childrenWhere(node, notTrivia);
    const opNode = kids[0];
    const operandNode = kids[1];
    if (!opNode || !operandNode) {
      return {
        type: 'Other',
        children: kids.map(k => this.expr(k)),
        from: node.from,
        to: node.to
      };
    }
    const operand = this.expr(operandNode);
    if (opNode.name === 'not') {
      // The grammar binds `not` looser than `and`/`or`; Python binds it tighter.
      if (operand.type === 'BoolOp') {
        const [head, ...rest] = operand.values;
        const negated: Expr = {
          type: 'Not',
          operand: head,
          from: node.from,
          to: head.to
        };
        return {
          type: 'BoolOp',
          op: operand.op,
          values: [negated, ...rest],
          from: node.from,
          to: node.to
        };
      }
      return { type: 'Not', operand, from: node.from, to: node.to };
    }
    const op = this.slice(opNode);
    if ((op === '-' || op === '+') && operand.type === 'Num') {
      const raw = this.text.slice(node.from, node.to);
      return {
        type: 'Num',
        value: op === '-' ? -operand.value : operand.value,
        raw,
        from: node.from,
        to: node.to
      };
    }
    return { type: 'Unary', op, operand, from: node.from, to: node.to };
  }

  private seq(node: SyntaxNode, kind: 'list' | 'tuple' | 'set'): Expr {
    const inner = childrenWhere(
      node,
      c => !['(', ')', '[', ']', '{', '}'].includes(c.name)
    );
    const elements = this.commaGroups(inner).map(g => this.exprGroup(g));
    return { type: 'Seq', kind, elements, from: node.from, to: node.to };
  }

  private dict(node: SyntaxNode): Expr {
    const inner = childrenWhere(node, c => c.name !== '{' && c.name !== '}');
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    for (const group of this.commaGroups(inner)) {
      const colon = group.findIndex(c => c.name === ':');
      if (colon > 0) {
        keys.push(this.exprGroup(group.slice(0, colon)));
        values.push(this.exprGroup(group.slice(colon + 1), group[colon].to));
      } else {
        keys.push(null);
        values.push(this.exprGroup(group));
      }
    }
    return { type: 'Dict', keys, values, from: node.from, to: node.to };
  }

  private comprehension(node: SyntaxNode): Expr {
    const kids = childrenWhere(node, notTrivia);
    const targets: Expr[] = [];
    const parts: Expr[] = [];
    let inTarget = false;
    let targetNodes: SyntaxNode[] = [];
    for (const k of kids) {
      if (k.name === 'for') {
        inTarget = true;
        targetNodes = [];
        continue;
      }
      if (k.name === 'in' && inTarget) {
        inTarget = false;
        const t = this.exprList(targetNodes);
        if (t) {
          targets.push(t);
        }
        continue;
      }
      if (inTarget) {
        targetNodes.push(k);
        continue;
      }
      if (TOKEN_NAMES.has(k.name) || isKeyword(k)) {
        continue;
      }
      parts.push(this.expr(k));
    }
    return { type: 'Comp', targets, parts, from: node.from, to: node.to };
  }

  args(argList: SyntaxNode): IArg[] {
    const inner = childrenWhere(argList, c => c.name !== '(' && c.name !== ')');
    if (inner.some(c => c.name === 'for')) {
      // A generator argument: f(x for x in xs)
      const comp = this.comprehension(argList);
      return [{ value: comp, from: comp.from, to: comp.to }];
    }
    const out: IArg[] = [];
    for (const group of this.commaGroups(inner)) {
      const from = group[0].from;
      const to = group[group.length - 1].to;
      const assign = group.findIndex(c => c.name === 'AssignOp');
      if (assign === 1 && group[0].name === 'VariableName') {
        out.push({
          name: this.slice(group[0]),
          value: this.exprGroup(group.slice(2), to),
          from,
          to
        });
      } else if (group[0].name === '*' || group[0].name === '**') {
        out.push({
          star: group[0].name as '*' | '**',
          value: this.exprGroup(group.slice(1), to),
          from,
          to
        });
      } else {
        out.push({ value: this.exprGroup(group), from, to });
      }
    }
    return out;
  }

  params(paramList: SyntaxNode): IParam[] {
    const inner = childrenWhere(
      paramList,
      c => c.name !== '(' && c.name !== ')'
    );
    const out: IParam[] = [];
    for (const group of this.commaGroups(inner)) {
      const nameNode = group.find(c => c.name === 'VariableName');
      if (!nameNode) {
        continue;
      }
      const assign = group.findIndex(c => c.name === 'AssignOp');
      const param: IParam = {
        name: this.slice(nameNode),
        from: nameNode.from,
        to: nameNode.to
      };
      if (assign >= 0 && group[assign + 1]) {
        param.default = this.exprGroup(group.slice(assign + 1));
      }
      out.push(param);
    }
    return out;
  }

  /** Statements of a Script or Body node. */
  block(node: SyntaxNode): Stmt[] {
    const out: Stmt[] = [];
    for (const c of children(node)) {
      if (c.name === ':' || isTrivia(c)) {
        continue;
      }
      if (c.name === 'StatementGroup') {
        out.push(...this.block(c));
        continue;
      }
      const s = this.stmt(c);
      if (s) {
        out.push(s);
      }
    }
    return out;
  }

  private bodyOf(node: SyntaxNode | undefined): Stmt[] {
    return node ? this.block(node) : [];
  }

  stmt(node: SyntaxNode): Stmt | null {
    const from = node.from;
    const to = node.to;
    const kids = childrenWhere(node, notTrivia);
    switch (node.name) {
      case 'AssignStatement': {
        const segments: SyntaxNode[][] = [[]];
        let annotation = false;
        for (const k of kids) {
          if (k.name === 'AssignOp') {
            segments.push([]);
          } else if (k.name === 'TypeDef') {
            annotation = true;
          } else {
            segments[segments.length - 1].push(k);
          }
        }
        const exprs = segments.map(s => this.exprList(s));
        if (annotation && segments.length === 1) {
          return {
            type: 'Assign',
            targets: exprs.filter((e): e is Expr => !!e),
            value: null,
            from,
            to
          };
        }
        const value = exprs.pop() ?? null;
        return {
          type: 'Assign',
          targets: exprs.filter((e): e is Expr => !!e),
          value,
          from,
          to
        };
      }
      case 'UpdateStatement': {
        const op = kids.findIndex(k => k.name === 'UpdateOp');
        const target = this.exprList(kids.slice(0, op));
        const value = this.exprList(kids.slice(op + 1));
        if (op < 0 || !target || !value) {
          return this.other(node);
        }
        return {
          type: 'AugAssign',
          target,
          op: this.slice(kids[op]),
          value,
          from,
          to
        };
      }
      case 'ExpressionStatement': {
        const value = this.exprList(kids);
        return value ? { type: 'Expr', value, from, to } : null;
      }
      case 'IfStatement':
        return this.ifChain(kids, 0, from, to, false);
      case 'WhileStatement': {
        const bodies = kids.filter(k => k.name === 'Body');
        const test = this.exprList(kids.slice(1, kids.indexOf(bodies[0])));
        if (!test || !bodies[0]) {
          return this.other(node);
        }
        return {
          type: 'While',
          test,
          body: this.block(bodies[0]),
          orelse: this.bodyOf(bodies[1]),
          bodyRange: { from: bodies[0].from, to: bodies[0].to },
          from,
          to
        };
      }
      case 'ForStatement': {
        const forIdx = kids.findIndex(k => k.name === 'for');
        const inIdx = kids.findIndex(k => k.name === 'in');
        const bodies = kids.filter(k => k.name === 'Body');
        const target = this.exprList(kids.slice(forIdx + 1, inIdx));
        const iter = this.exprList(
          kids.slice(inIdx + 1, kids.indexOf(bodies[0]))
        );
        if (inIdx < 0 || !target || !iter || !bodies[0]) {
          return this.other(node);
        }
        return {
          type: 'For',
          target,
          iter,
          body: this.block(bodies[0]),
          orelse: this.bodyOf(bodies[1]),
          from,
          to
        };
      }
      case 'FunctionDefinition':
        return this.functionDef(node, [], from);
      case 'ClassDefinition':
        return this.classDef(node, [], from);
      case 'DecoratedStatement': {
        const decorators = kids
          .filter(k => k.name === 'Decorator')
          .map(d => this.decorator(d));
        const def = kids.find(
          k => k.name === 'FunctionDefinition' || k.name === 'ClassDefinition'
        );
        if (!def) {
          return this.other(node);
        }
        return def.name === 'FunctionDefinition'
          ? this.functionDef(def, decorators, from)
          : this.classDef(def, decorators, from);
      }
      case 'ReturnStatement':
        return {
          type: 'Return',
          value: this.exprList(kids.slice(1)),
          from,
          to
        };
      case 'RaiseStatement':
        return {
          type: 'Raise',
          value: this.exprList(kids.slice(1).filter(k => k.name !== 'from')),
          from,
          to
        };
      case 'BreakStatement':
        return { type: 'Break', from, to };
      case 'ContinueStatement':
        return { type: 'Continue', from, to };
      case 'PassStatement':
        return { type: 'Pass', from, to };
      case 'ImportStatement':
        return { type: 'Import', names: this.importNames(kids), from, to };
      case 'TryStatement':
        return this.tryStmt(kids, from, to);
      case 'WithStatement': {
        const body = kids.find(k => k.name === 'Body');
        const head = kids
          .slice(1, body ? kids.indexOf(body) : kids.length)
          .filter(
            k =>
              k.name !== 'async' &&
              k.name !== 'with' &&
              k.name !== '(' &&
              k.name !== ')'
          );
        const items: { context: Expr; target?: Expr }[] = [];
        for (const group of this.commaGroups(head)) {
          const as = group.findIndex(k => k.name === 'as');
          if (as > 0) {
            items.push({
              context: this.exprGroup(group.slice(0, as)),
              target: this.exprGroup(group.slice(as + 1))
            });
          } else {
            items.push({ context: this.exprGroup(group) });
          }
        }
        return { type: 'With', items, body: this.bodyOf(body), from, to };
      }
      case 'ScopeStatement':
        return {
          type: 'Global',
          names: kids
            .filter(k => k.name === 'VariableName')
            .map(k => this.slice(k)),
          from,
          to
        };
      case 'DeleteStatement':
        return {
          type: 'Delete',
          targets: this.commaGroups(kids.slice(1)).map(g => this.exprGroup(g)),
          from,
          to
        };
      case 'AssertStatement': {
        const groups = this.commaGroups(kids.slice(1));
        if (groups.length === 0) {
          return this.other(node);
        }
        return {
          type: 'Assert',
          test: this.exprGroup(groups[0]),
          msg: groups[1] ? this.exprGroup(groups[1]) : null,
          from,
          to
        };
      }
      default:
        return this.other(node);
    }
  }

  private other(node: SyntaxNode): Stmt {
    const exprs: Expr[] = [];
    const body: Stmt[] = [];
    for (const c of children(node)) {
      if (isTrivia(c) || TOKEN_NAMES.has(c.name) || isKeyword(c)) {
        continue;
      }
      if (c.name === 'Body') {
        body.push(...this.block(c));
      } else if (/Statement$|Definition$/.test(c.name)) {
        const s = this.stmt(c);
        if (s) {
          body.push(s);
        }
      } else if (c.name === 'MatchBody' || c.name === 'MatchClause') {
        const inner = this.other(c);
        body.push(inner);
      } else {
        exprs.push(this.expr(c));
      }
    }
    return { type: 'Other', exprs, body, from: node.from, to: node.to };
  }

  private ifChain(
    kids: SyntaxNode[],
    start: number,
    from: number,
    to: number,
    isElif: boolean
  ): Stmt {
    // kids[start] is `if` or `elif`; the condition runs to the next Body.
    let i = start + 1;
    const cond: SyntaxNode[] = [];
    while (i < kids.length && kids[i].name !== 'Body') {
      cond.push(kids[i]);
      i++;
    }
    const bodyNode = kids[i];
    const test = this.exprList(cond) ?? {
      type: 'Other' as const,
      children: [],
      from,
      to: from
    };
    const body = bodyNode ? this.block(bodyNode) : [];
    const next = kids[i + 1];
    let orelse: Stmt[] = [];
    let elseRange: { from: number; to: number } | undefined;
    if (next && next.name === 'elif') {
      const elif = this.ifChain(kids, i + 1, next.from, to, true);
      orelse = [elif];
      elseRange = { from: next.from, to };
    } else if (next && next.name === 'else') {
      const elseBody = kids[i + 2];
      orelse = elseBody ? this.block(elseBody) : [];
      elseRange = { from: next.from, to: elseBody ? elseBody.to : next.to };
    }
    const bodyRange = bodyNode
      ? { from: bodyNode.from, to: bodyNode.to }
      : { from: to, to };
    return {
      type: 'If',
      test,
      body,
      orelse,
      bodyRange,
      elseRange,
      isElif,
      from,
      to: isElif ? bodyRange.to : to
    };
  }

  private tryStmt(kids: SyntaxNode[], from: number, to: number): Stmt {
    const result: Stmt & { type: 'Try' } = {
      type: 'Try',
      body: [],
      handlers: [],
      orelse: [],
      finalbody: [],
      from,
      to
    };
    let i = 0;
    while (i < kids.length) {
      const k = kids[i];
      if (k.name === 'try') {
        const body = kids[i + 1];
        result.body = body && body.name === 'Body' ? this.block(body) : [];
        i += 2;
      } else if (k.name === 'except') {
        const head: SyntaxNode[] = [];
        let j = i + 1;
        while (j < kids.length && kids[j].name !== 'Body') {
          head.push(kids[j]);
          j++;
        }
        const as = head.findIndex(h => h.name === 'as');
        const kindNodes = (as >= 0 ? head.slice(0, as) : head).filter(
          h => h.name !== '*'
        );
        const handler: IHandler = {
          body: kids[j] ? this.block(kids[j]) : [],
          from: k.from,
          to: kids[j] ? kids[j].to : k.to
        };
        const kind = this.exprList(kindNodes);
        if (kind) {
          handler.kind = kind;
        }
        if (as >= 0 && head[as + 1]) {
          handler.name = this.slice(head[as + 1]);
        }
        result.handlers.push(handler);
        i = j + 1;
      } else if (k.name === 'else') {
        result.orelse = kids[i + 1] ? this.block(kids[i + 1]) : [];
        i += 2;
      } else if (k.name === 'finally') {
        result.finalbody = kids[i + 1] ? this.block(kids[i + 1]) : [];
        i += 2;
      } else {
        i++;
      }
    }
    return result;
  }

  private functionDef(
    node: SyntaxNode,
    decorators: Expr[],
    from: number
  ): Stmt {
    const kids = childrenWhere(node, notTrivia);
    const nameNode = kids.find(k => k.name === 'VariableName');
    const params = kids.find(k => k.name === 'ParamList');
    const body = kids.find(k => k.name === 'Body');
    return {
      type: 'FunctionDef',
      name: nameNode ? this.slice(nameNode) : '',
      nameFrom: nameNode ? nameNode.from : node.from,
      nameTo: nameNode ? nameNode.to : node.from,
      params: params ? this.params(params) : [],
      decorators,
      body: this.bodyOf(body),
      from,
      to: node.to
    };
  }

  private classDef(node: SyntaxNode, decorators: Expr[], from: number): Stmt {
    const kids = childrenWhere(node, notTrivia);
    const nameNode = kids.find(k => k.name === 'VariableName');
    const argList = kids.find(k => k.name === 'ArgList');
    const body = kids.find(k => k.name === 'Body');
    return {
      type: 'ClassDef',
      name: nameNode ? this.slice(nameNode) : '',
      nameFrom: nameNode ? nameNode.from : node.from,
      nameTo: nameNode ? nameNode.to : node.from,
      bases: argList ? this.args(argList) : [],
      decorators,
      body: this.bodyOf(body),
      from,
      to: node.to
    };
  }

  private decorator(node: SyntaxNode): Expr {
    // `@a.b(c)` arrives as a flat run of names, dots and an ArgList.
    const kids = childrenWhere(node, c => !isTrivia(c) && c.name !== 'At');
    let e: Expr | null = null;
    for (const k of kids) {
      if (k.name === 'VariableName' || k.name === 'PropertyName') {
        e = e
          ? {
              type: 'Attr',
              object: e,
              attr: this.slice(k),
              from: e.from,
              to: k.to
            }
          : this.expr(k);
      } else if (k.name === 'ArgList' && e) {
        e = {
          type: 'Call',
          callee: e,
          args: this.args(k),
          from: e.from,
          to: k.to
        };
      } else if (k.name !== '.') {
        const x = this.expr(k);
        e = e ? { type: 'Other', children: [e, x], from: e.from, to: x.to } : x;
      }
    }
    return e ?? { type: 'Other', children: [], from: node.from, to: node.to };
  }

  private importNames(kids: SyntaxNode[]): IImportName[] {
    const names: IImportName[] = [];
    const fromIdx = kids.findIndex(k => k.name === 'from');
    const importIdx = kids.findIndex(k => k.name === 'import');
    let modulePrefix = '';
    if (fromIdx >= 0) {
      modulePrefix = kids
        .slice(fromIdx + 1, importIdx)
        .map(k => this.slice(k))
        .join('');
    }
    const rest = kids
      .slice(importIdx + 1)
      .filter(k => k.name !== '(' && k.name !== ')');
    for (const group of this.commaGroups(rest)) {
      const as = group.findIndex(k => k.name === 'as');
      const dotted = (as >= 0 ? group.slice(0, as) : group)
        .map(k => this.slice(k))
        .join('');
      if (dotted === '*' || dotted === '') {
        continue;
      }
      const qualified = modulePrefix
        ? `${modulePrefix.replace(/\.$/, '')}.${dotted}`
        : dotted;
      if (as >= 0 && group[as + 1]) {
        names.push({ local: this.slice(group[as + 1]), qualified });
      } else if (modulePrefix) {
        names.push({ local: dotted, qualified });
      } else {
        // `import a.b` binds `a`, and `a.b` resolves through it.
        names.push({
          local: dotted.split('.')[0],
          qualified: dotted.split('.')[0]
        });
      }
    }
    return names;
  }
}

/** Keyword node types by id (`if`, `for`, `in`…), tested once per type. */
const keywordTypes = new Map<number, boolean>();

function isKeyword(node: SyntaxNode): boolean {
  const id = node.type.id;
  let keyword = keywordTypes.get(id);
  if (keyword === undefined) {
    keyword = /^[a-z]+$/.test(node.name);
    keywordTypes.set(id, keyword);
  }
  return keyword;
}

export function parseNumber(raw: string): number {
  let clean = raw.includes('_') ? raw.replace(/_/g, '') : raw;
  const last = clean.charCodeAt(clean.length - 1);
  if (last === 106 || last === 74 || last === 108 || last === 76) {
    clean = clean.slice(0, -1); // j J l L
  }
  if (clean.charCodeAt(0) !== 48 /* 0 */) {
    return Number(clean);
  }
  if (/^0[xX]/.test(clean)) {
    return parseInt(clean.slice(2), 16);
  }
  if (/^0[oO]/.test(clean)) {
    return parseInt(clean.slice(2), 8);
  }
  if (/^0[bB]/.test(clean)) {
    return parseInt(clean.slice(2), 2);
  }
  return Number(clean);
}

/** The value of a Python string literal (prefixes, quotes and simple escapes). */
export function unquote(raw: string): string {
  // Most literals are `"text"` or `'text'` with no prefix or escape: no
  // regular expression for them.
  const q = raw.charCodeAt(0);
  if (
    (q === 34 /* " */ || q === 39) /* ' */ &&
    raw.length >= 2 &&
    raw.charCodeAt(raw.length - 1) === q &&
    !(raw.length >= 3 && raw.charCodeAt(1) === q && raw.charCodeAt(2) === q) &&
    !raw.includes('\\')
  ) {
    const body = raw.slice(1, -1);
    return body.charCodeAt(body.length - 1) === q ? body.slice(0, -1) : body;
  }
  const m = /^([rRbBuUfF]*)('''|"""|'|")([\s\S]*?)\2?$/.exec(raw);
  if (!m) {
    return raw;
  }
  let body = m[3];
  if (body.endsWith(m[2])) {
    body = body.slice(0, -m[2].length);
  }
  if (/[rR]/.test(m[1])) {
    return body;
  }
  return body.replace(/\\(["'\\nt])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c
  );
}

const NUMBER_TOKEN =
  /^(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/;

/**
 * @lezer/python does not accept floats written with a trailing dot (`1.`,
 * `2.e-3`), which are common in scientific code. Rewrite them outside strings
 * and comments with the dot moved to the end as a space (`1.` → `1 `), so the
 * length and every offset stay the same.
 */
export function normaliseFloats(code: string): string {
  // Cheap test first: a digit followed by a dot that is not followed by a digit.
  if (!TRAILING_DOT.test(code)) {
    return code;
  }
  let out: string[] | null = null;
  const n = code.length;
  let i = 0;
  while (i < n) {
    const c = code.charCodeAt(i);
    if (c === HASH) {
      const nl = code.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      i = skipString(code, i);
      continue;
    }
    if (isDigit(c) && (i === 0 || !isWordOrDot(code.charCodeAt(i - 1)))) {
      let j = i;
      while (
        j < n &&
        (isDigit(code.charCodeAt(j)) || code.charCodeAt(j) === UNDERSCORE)
      ) {
        j++;
      }
      if (code.charCodeAt(j) === DOT) {
        const next = j + 1 < n ? code.charCodeAt(j + 1) : 0;
        if (!isWordOrDot(next)) {
          // `1.` → `1 `
          out ??= code.split('');
          out[j] = ' ';
        } else if (
          (next === 101 || next === 69) &&
          /^[eE][+-]?\d/.test(code.slice(j + 1, j + 4))
        ) {
          // `2.e-3` → `2e-3 `: the dot moves to the end as a space.
          let k = j + 2;
          if (code[k] === '+' || code[k] === '-') {
            k++;
          }
          while (
            k < n &&
            (isDigit(code.charCodeAt(k)) || code.charCodeAt(k) === UNDERSCORE)
          ) {
            k++;
          }
          out ??= code.split('');
          for (let m = j; m < k - 1; m++) {
            out[m] = code[m + 1];
          }
          out[k - 1] = ' ';
          j = k;
        }
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return out ? out.join('') : code;
}

const TRAILING_DOT = /\d\.(?![\d.])/;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const DOT = 46;
const UNDERSCORE = 95;
const BACKSLASH = 92;
const NEWLINE = 10;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordOrDot(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === UNDERSCORE ||
    c === DOT ||
    c > 127
  );
}

/** The offset just after the string literal starting at `i`. */
function skipString(code: string, i: number): number {
  const q = code[i];
  const triple = code.startsWith(q + q + q, i);
  const n = code.length;
  let k = i + (triple ? 3 : 1);
  while (k < n) {
    const c = code.charCodeAt(k);
    if (c === BACKSLASH) {
      k += 2;
      continue;
    }
    if (!triple && c === NEWLINE) {
      return k;
    }
    if (code[k] === q && (!triple || code.startsWith(q + q + q, k))) {
      return k + (triple ? 3 : 1);
    }
    k++;
  }
  return n;
}

/** Parses masked Python code into the shared tree, with comments and errors. */
export function parsePython(original: string): IParseResult {
  const code = normaliseFloats(original);
  const tree = parser.parse(code);
  const comments: IComment[] = [];
  let error: ISyntaxError | null = null;
  // One pass in document order, with a cursor (no node objects): comments,
  // the first error, and the depth, checked before the recursive lowering.
  const cursor = tree.cursor();
  let depth = 1;
  let deepest = 0;
  let deepestFrom = 0;
  for (;;) {
    if (depth > deepest) {
      deepest = depth;
      deepestFrom = cursor.from;
    }
    const type = cursor.type;
    if (type.name === 'Comment') {
      comments.push({
        from: cursor.from,
        to: cursor.to,
        text: code.slice(cursor.from, cursor.to)
      });
    } else if (type.isError && !error) {
      error = { from: cursor.from, message: describeError(code, cursor.from) };
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) {
        depth = 0;
        break;
      }
      depth--;
    }
    if (depth === 0) {
      break;
    }
  }
  if (deepest > MAX_TREE_DEPTH) {
    return {
      body: [],
      comments,
      error: depthError(deepestFrom, deepest)
    };
  }
  const lowering = new PythonLowering(code, original);
  const body = lowering.block(tree.topNode);
  return { body, comments, error };
}

function describeError(code: string, at: number): string {
  const near = code
    .slice(at, at + 20)
    .split('\n')[0]
    .trim();
  return near
    ? `invalid syntax near \`${near}\``
    : 'invalid syntax (unexpected end of statement)';
}
