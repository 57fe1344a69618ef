/** Helpers shared by rules. */
import { dottedName, Expr } from '../core/ast';

/**
 * The truth value of an expression when it is a constant (`False`, `0`,
 * `not True`, `False and x`), or null when it depends on run time.
 */
export function constantTruth(
  e: Expr,
  env?: (name: string) => boolean | null
): boolean | null {
  const truth = (x: Expr): boolean | null => constantTruth(x, env);
  switch (e.type) {
    case 'Name':
      return env ? env(e.name) : null;
    case 'Bool':
      return e.value;
    case 'None':
      return false;
    case 'Num':
      return e.value !== 0 && !Number.isNaN(e.value);
    case 'Str':
      return e.value === null
        ? e.parts.length === 0
          ? false
          : null
        : e.value.length > 0;
    case 'Seq':
      return e.elements.length === 0 ? false : null;
    case 'Dict':
      return e.keys.length === 0 ? false : null;
    case 'Not': {
      const inner = truth(e.operand);
      return inner === null ? null : !inner;
    }
    case 'BoolOp': {
      const values = e.values.map(truth);
      if (e.op === 'and') {
        if (values.some(v => v === false)) {
          return false;
        }
        return values.every(v => v === true) ? true : null;
      }
      if (values.some(v => v === true)) {
        return true;
      }
      return values.every(v => v === false) ? false : null;
    }
    default:
      return null;
  }
}

/** A short readable name for an expression, for messages (`proba`, `df.age`, `len(x)`). */
export function describeExpr(e: Expr, text: string, max = 40): string {
  const dotted = dottedName(e);
  if (dotted) {
    return dotted;
  }
  const raw = text.slice(e.from, e.to).replace(/\s+/g, ' ').trim();
  return raw.length > max ? raw.slice(0, max - 1) + '…' : raw;
}

/** The first line of a piece of code, shortened for a message. */
export function firstLine(text: string, max = 50): string {
  const line = text.split('\n')[0].trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

/** Pluralises a count: `2 statements`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const optionSets = new WeakMap<object, Map<string, Set<unknown>>>();

/**
 * A list option as a set, built once per options object (and kept while it
 * is), not once per cell: rules look words up in it for every node they visit.
 */
export function optionSet<T>(options: object, name: string): Set<T> {
  let byName = optionSets.get(options);
  if (!byName) {
    byName = new Map();
    optionSets.set(options, byName);
  }
  let set = byName.get(name);
  if (!set) {
    set = new Set((options as Record<string, unknown[]>)[name]);
    byName.set(name, set);
  }
  return set as Set<T>;
}
