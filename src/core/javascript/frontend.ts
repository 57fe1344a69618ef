/**
 * JavaScript front-end: acorn (latest ecmaVersion, module source, top-level
 * await), falling back to acorn-loose so one typo does not hide the cell.
 */
import * as acorn from 'acorn';
import * as loose from 'acorn-loose';
import { Expr, IArg, IParam, Stmt } from '../ast';
import { depthError, IComment, IParseResult, ISyntaxError } from '../parse';

type Node = any;

const COMPARE_OPS = new Set([
  '<',
  '<=',
  '>',
  '>=',
  '==',
  '!=',
  '===',
  '!==',
  'in',
  'instanceof'
]);

const OPTIONS: acorn.Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowHashBang: true
};

export function parseJavaScript(code: string): IParseResult {
  const comments: IComment[] = [];
  const onComment = (
    block: boolean,
    text: string,
    start: number,
    end: number
  ): void => {
    comments.push({ from: start, to: end, text: code.slice(start, end) });
  };
  let program: Node;
  let error: ISyntaxError | null = null;
  try {
    program = acorn.parse(code, { ...OPTIONS, onComment });
  } catch (e: any) {
    const at = typeof e.pos === 'number' ? e.pos : 0;
    comments.length = 0;
    if (/not enough stack space/i.test(String(e.message))) {
      // Nested deeper than acorn's recursion allows: so is every walk after it.
      return { body: [], comments, error: depthError(at, null) };
    }
    error = {
      from: at,
      message: String(e.message ?? e).replace(/\s*\(\d+:\d+\)$/, '')
    };
    try {
      program = loose.parse(code, { ...OPTIONS, onComment });
    } catch (inner) {
      if (inner instanceof RangeError) {
        comments.length = 0;
        return { body: [], comments, error: depthError(at, null) };
      }
      throw inner;
    }
  }
  return { body: stmts(program.body), comments, error };
}

function stmts(nodes: Node[]): Stmt[] {
  const out: Stmt[] = [];
  for (const n of nodes) {
    const s = stmt(n);
    if (s) {
      out.push(s);
    }
  }
  return out;
}

function bodyOf(n: Node | null | undefined): Stmt[] {
  if (!n) {
    return [];
  }
  if (n.type === 'BlockStatement') {
    return stmts(n.body);
  }
  const s = stmt(n);
  return s ? [s] : [];
}

function stmt(n: Node): Stmt | null {
  const from: number = n.start;
  const to: number = n.end;
  switch (n.type) {
    case 'VariableDeclaration': {
      if (n.declarations.length === 1) {
        const d = n.declarations[0];
        return {
          type: 'Assign',
          targets: [pattern(d.id)],
          value: d.init ? expr(d.init) : null,
          decl: n.kind,
          from,
          to
        };
      }
      return {
        type: 'Block',
        body: n.declarations.map((d: Node) => ({
          type: 'Assign',
          targets: [pattern(d.id)],
          value: d.init ? expr(d.init) : null,
          decl: n.kind,
          from: d.start,
          to: d.end
        })),
        from,
        to
      };
    }
    case 'ExpressionStatement': {
      const e = n.expression;
      if (e.type === 'AssignmentExpression') {
        if (e.operator === '=') {
          return {
            type: 'Assign',
            targets: [pattern(e.left)],
            value: expr(e.right),
            from,
            to
          };
        }
        return {
          type: 'AugAssign',
          target: pattern(e.left),
          op: e.operator,
          value: expr(e.right),
          from,
          to
        };
      }
      if (e.type === 'UpdateExpression') {
        return {
          type: 'AugAssign',
          target: expr(e.argument),
          op: e.operator,
          value: {
            type: 'Num',
            value: 1,
            raw: '1',
            from: e.start,
            to: e.start
          },
          from,
          to
        };
      }
      return { type: 'Expr', value: expr(e), from, to };
    }
    case 'IfStatement': {
      const orelse = n.alternate ? bodyOf(n.alternate) : [];
      const isElseIf = n.alternate && n.alternate.type === 'IfStatement';
      if (isElseIf && orelse[0] && orelse[0].type === 'If') {
        orelse[0].isElif = true;
      }
      return {
        type: 'If',
        test: expr(n.test),
        body: bodyOf(n.consequent),
        orelse,
        bodyRange: { from: n.consequent.start, to: n.consequent.end },
        elseRange: n.alternate
          ? { from: elseKeywordStart(n), to: n.alternate.end }
          : undefined,
        from,
        to
      };
    }
    case 'WhileStatement':
      return {
        type: 'While',
        test: expr(n.test),
        body: bodyOf(n.body),
        orelse: [],
        bodyRange: { from: n.body.start, to: n.body.end },
        from,
        to
      };
    case 'DoWhileStatement':
      return {
        type: 'Other',
        exprs: [expr(n.test)],
        body: bodyOf(n.body),
        from,
        to
      };
    case 'ForStatement': {
      const exprs: Expr[] = [n.test, n.update].filter(Boolean).map(expr);
      const init = n.init
        ? n.init.type === 'VariableDeclaration'
          ? stmt(n.init)
          : {
              type: 'Expr' as const,
              value: expr(n.init),
              from: n.init.start,
              to: n.init.end
            }
        : null;
      return {
        type: 'Other',
        exprs,
        body: [...(init ? [init] : []), ...bodyOf(n.body)],
        loop: true,
        from,
        to
      };
    }
    case 'ForInStatement':
    case 'ForOfStatement': {
      const left =
        n.left.type === 'VariableDeclaration'
          ? pattern(n.left.declarations[0].id)
          : pattern(n.left);
      return {
        type: 'For',
        target: left,
        iter: expr(n.right),
        body: bodyOf(n.body),
        orelse: [],
        from,
        to
      };
    }
    case 'FunctionDeclaration':
      return {
        type: 'FunctionDef',
        name: n.id ? n.id.name : '',
        nameFrom: n.id ? n.id.start : from,
        nameTo: n.id ? n.id.end : from,
        params: params(n.params),
        decorators: [],
        body: bodyOf(n.body),
        from,
        to
      };
    case 'ClassDeclaration':
      return {
        type: 'ClassDef',
        name: n.id ? n.id.name : '',
        nameFrom: n.id ? n.id.start : from,
        nameTo: n.id ? n.id.end : from,
        bases: n.superClass
          ? [
              {
                value: expr(n.superClass),
                from: n.superClass.start,
                to: n.superClass.end
              }
            ]
          : [],
        decorators: [],
        body: classBody(n.body),
        from,
        to
      };
    case 'ReturnStatement':
      return {
        type: 'Return',
        value: n.argument ? expr(n.argument) : null,
        from,
        to
      };
    case 'ThrowStatement':
      return { type: 'Raise', value: expr(n.argument), from, to };
    case 'BreakStatement':
      return { type: 'Break', from, to };
    case 'ContinueStatement':
      return { type: 'Continue', from, to };
    case 'EmptyStatement':
      return { type: 'Pass', from, to };
    case 'BlockStatement':
      return { type: 'Block', body: stmts(n.body), from, to };
    case 'ImportDeclaration':
      return {
        type: 'Import',
        names: n.specifiers
          .filter((s: Node) => typeof s.local?.name === 'string')
          .map((s: Node) => ({
            local: s.local.name,
            qualified:
              s.type === 'ImportSpecifier'
                ? `${n.source.value}.${s.imported.name ?? s.imported.value}`
                : String(n.source.value)
          })),
        from,
        to
      };
    case 'TryStatement':
      return {
        type: 'Try',
        body: bodyOf(n.block),
        handlers: n.handler
          ? [
              {
                name:
                  n.handler.param && n.handler.param.type === 'Identifier'
                    ? n.handler.param.name
                    : undefined,
                body: bodyOf(n.handler.body),
                from: n.handler.start,
                to: n.handler.end
              }
            ]
          : [],
        orelse: [],
        finalbody: bodyOf(n.finalizer),
        from,
        to
      };
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return n.declaration ? stmt(n.declaration) : null;
    case 'LabeledStatement':
      return { type: 'Other', exprs: [], body: bodyOf(n.body), from, to };
    case 'SwitchStatement':
      return {
        type: 'Other',
        exprs: [
          expr(n.discriminant),
          ...n.cases.filter((c: Node) => c.test).map((c: Node) => expr(c.test))
        ],
        body: n.cases.flatMap((c: Node) => stmts(c.consequent)),
        from,
        to
      };
    default:
      return { type: 'Other', exprs: [], body: [], from, to };
  }
}

/** Offset of the `else` keyword of an if statement. */
function elseKeywordStart(n: Node): number {
  return n.consequent.end;
}

function classBody(body: Node): Stmt[] {
  const out: Stmt[] = [];
  for (const m of body.body) {
    if (m.type === 'MethodDefinition' && m.value) {
      out.push({
        type: 'FunctionDef',
        name: m.key && m.key.name ? m.key.name : '',
        nameFrom: m.key ? m.key.start : m.start,
        nameTo: m.key ? m.key.end : m.start,
        params: params(m.value.params),
        decorators: [],
        body: bodyOf(m.value.body),
        from: m.start,
        to: m.end
      });
    } else if (m.type === 'PropertyDefinition' && m.value) {
      out.push({
        type: 'Expr',
        value: expr(m.value),
        from: m.start,
        to: m.end
      });
    }
  }
  return out;
}

function params(list: Node[]): IParam[] {
  return list.map((p: Node) => {
    if (p.type === 'AssignmentPattern') {
      return {
        name: p.left.name ?? '',
        default: expr(p.right),
        from: p.start,
        to: p.end
      };
    }
    if (p.type === 'RestElement') {
      return { name: p.argument.name ?? '', from: p.start, to: p.end };
    }
    return { name: p.name ?? '', from: p.start, to: p.end };
  });
}

function pattern(p: Node): Expr {
  switch (p.type) {
    case 'Identifier':
      return { type: 'Name', name: p.name, from: p.start, to: p.end };
    case 'ArrayPattern':
      return {
        type: 'Seq',
        kind: 'tuple',
        elements: p.elements.filter(Boolean).map(pattern),
        from: p.start,
        to: p.end
      };
    case 'ObjectPattern':
      return {
        type: 'Seq',
        kind: 'tuple',
        elements: p.properties.map((q: Node) =>
          pattern(q.type === 'RestElement' ? q.argument : q.value)
        ),
        from: p.start,
        to: p.end
      };
    case 'AssignmentPattern':
      return pattern(p.left);
    case 'RestElement':
      return pattern(p.argument);
    default:
      return expr(p);
  }
}

function expr(n: Node): Expr {
  const from: number = n.start;
  const to: number = n.end;
  switch (n.type) {
    case 'Identifier':
      return { type: 'Name', name: n.name, from, to };
    case 'Literal':
      if (typeof n.value === 'number') {
        return { type: 'Num', value: n.value, raw: n.raw, from, to };
      }
      if (typeof n.value === 'string') {
        return { type: 'Str', value: n.value, parts: [], from, to };
      }
      if (typeof n.value === 'boolean') {
        return { type: 'Bool', value: n.value, from, to };
      }
      if (n.value === null && n.raw === 'null') {
        return { type: 'None', from, to };
      }
      return { type: 'Other', children: [], from, to };
    case 'TemplateLiteral': {
      const parts = n.expressions.map(expr);
      const value =
        parts.length === 0
          ? n.quasis.map((q: Node) => q.value.cooked ?? '').join('')
          : null;
      return { type: 'Str', value, parts, from, to };
    }
    case 'MemberExpression':
      if (!n.computed && n.property.type === 'Identifier') {
        return {
          type: 'Attr',
          object: expr(n.object),
          attr: n.property.name,
          from,
          to
        };
      }
      return {
        type: 'Subscript',
        object: expr(n.object),
        index: [expr(n.property)],
        from,
        to
      };
    case 'ChainExpression':
      return expr(n.expression);
    case 'CallExpression':
    case 'NewExpression':
      return {
        type: 'Call',
        callee: expr(n.callee),
        args: jsArgs(n.arguments),
        isNew: n.type === 'NewExpression',
        from,
        to
      };
    case 'BinaryExpression':
      if (COMPARE_OPS.has(n.operator)) {
        return {
          type: 'Compare',
          left: expr(n.left),
          ops: [n.operator],
          rights: [expr(n.right)],
          from,
          to
        };
      }
      return {
        type: 'BinOp',
        op: n.operator,
        left: expr(n.left),
        right: expr(n.right),
        from,
        to
      };
    case 'LogicalExpression': {
      if (n.operator === '??') {
        return {
          type: 'BinOp',
          op: '??',
          left: expr(n.left),
          right: expr(n.right),
          from,
          to
        };
      }
      const op = n.operator === '&&' ? 'and' : 'or';
      const left = expr(n.left);
      const values =
        left.type === 'BoolOp' && left.op === op
          ? [...left.values, expr(n.right)]
          : [left, expr(n.right)];
      return { type: 'BoolOp', op, values, from, to };
    }
    case 'UnaryExpression': {
      const operand = expr(n.argument);
      if (n.operator === '!') {
        return { type: 'Not', operand, from, to };
      }
      if (
        (n.operator === '-' || n.operator === '+') &&
        operand.type === 'Num'
      ) {
        return {
          type: 'Num',
          value: n.operator === '-' ? -operand.value : operand.value,
          raw: `${n.operator}${operand.raw}`,
          from,
          to
        };
      }
      return { type: 'Unary', op: n.operator, operand, from, to };
    }
    case 'ConditionalExpression':
      return {
        type: 'Cond',
        test: expr(n.test),
        body: expr(n.consequent),
        orelse: expr(n.alternate),
        from,
        to
      };
    case 'ArrayExpression':
      return {
        type: 'Seq',
        kind: 'list',
        elements: n.elements
          .filter(Boolean)
          .map((e: Node) => expr(e.type === 'SpreadElement' ? e.argument : e)),
        from,
        to
      };
    case 'ObjectExpression': {
      const keys: (Expr | null)[] = [];
      const values: Expr[] = [];
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') {
          keys.push(null);
          values.push(expr(p.argument));
        } else {
          keys.push(
            p.computed
              ? expr(p.key)
              : {
                  type: 'Str',
                  value: p.key.name ?? String(p.key.value),
                  parts: [],
                  from: p.key.start,
                  to: p.key.end
                }
          );
          values.push(expr(p.value));
        }
      }
      return { type: 'Dict', keys, values, from, to };
    }
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return {
        type: 'Lambda',
        params: params(n.params),
        body: n.expression ? expr(n.body) : null,
        stmts: n.expression ? [] : bodyOf(n.body),
        from,
        to
      };
    case 'AssignmentExpression':
      return {
        type: 'Walrus',
        target: pattern(n.left),
        value: expr(n.right),
        from,
        to
      };
    case 'AwaitExpression':
    case 'SpreadElement':
    case 'YieldExpression':
      return {
        type: 'Other',
        children: n.argument ? [expr(n.argument)] : [],
        from,
        to
      };
    case 'SequenceExpression':
      return {
        type: 'Seq',
        kind: 'tuple',
        elements: n.expressions.map(expr),
        from,
        to
      };
    case 'ParenthesizedExpression':
      return expr(n.expression);
    case 'TaggedTemplateExpression':
      return {
        type: 'Call',
        callee: expr(n.tag),
        args: [{ value: expr(n.quasi), from: n.quasi.start, to: n.quasi.end }],
        from,
        to
      };
    default:
      return { type: 'Other', children: [], from, to };
  }
}

/** Call arguments, in order (spread arguments marked `*`). */
function jsArgs(list: Node[]): IArg[] {
  return list.map((a: Node) =>
    a.type === 'SpreadElement'
      ? {
          star: '*' as const,
          value: expr(a.argument),
          from: a.start,
          to: a.end
        }
      : { value: expr(a), from: a.start, to: a.end }
  );
}
