/**
 * Parsers side by side on the same code: @lezer/python (the engine's) and
 * web-tree-sitter with tree-sitter-python's WebAssembly grammar. Parse time
 * alone, parse plus a walk over every node (what fact extraction needs), and
 * whether modern Python parses without error nodes.
 */
import { parser as lezerPython } from '@lezer/python';
import * as path from 'path';
import { normaliseFloats } from '../src/core/python/frontend';

/** Constructs of Python 3.10–3.13 a parser for notebooks must read. */
export const MODERN_PYTHON: Record<string, string> = {
  'match statement':
    'match cmd:\n    case Point(x=0, y=y) if y > 2:\n        pass\n    case [a, *rest]:\n        pass\n    case {"k": v, **kw}:\n        pass\n    case _:\n        pass\n',
  'nested f-strings (PEP 701)':
    'width = 5\nx = f"{name!r:>{width}} {f"{a + b}"} {", ".join(f"{k}={v}" for k, v in d.items())}"\n',
  'walrus in a comprehension':
    'ys = [y for x in data if (y := f(x)) is not None]\n',
  'type parameters (PEP 695)':
    'type Pair[T] = tuple[T, T]\n\ndef first[T: (int, str)](xs: list[T]) -> T:\n    return xs[0]\n\nclass Box[T]:\n    item: T\n',
  'except* (PEP 654)':
    'try:\n    run()\nexcept* ValueError as eg:\n    log(eg)\n',
  'async comprehension and await':
    'async def main():\n    rows = [r async for r in stream() if await ok(r)]\n    return rows\n',
  'decorators with expressions (PEP 614)':
    '@buttons[0].clicked.connect\ndef on_click():\n    pass\n'
};

export interface IParserFigures {
  name: string;
  parseMs: number;
  walkMs: number;
  /** Corpus cells with an error node. */
  errorCells: number;
  /** Names of MODERN_PYTHON snippets parsed with an error node. */
  modernFailures: string[];
}

function lezerHasError(code: string): boolean {
  let error = false;
  lezerPython.parse(code).iterate({
    enter: n => {
      if (n.type.isError) {
        error = true;
      }
    }
  });
  return error;
}

function lezerWalk(code: string): number {
  let n = 0;
  lezerPython.parse(code).iterate({
    enter: () => {
      n++;
    }
  });
  return n;
}

/** Both parsers on `cells`; tree-sitter is skipped (null) when its packages are absent. */
export async function compareParsers(
  cells: string[],
  time: (f: () => void) => number
): Promise<{ lezer: IParserFigures; treeSitter: IParserFigures | null }> {
  const modern = Object.entries(MODERN_PYTHON);
  // What the engine gives @lezer/python: trailing-dot floats (`1.`) rewritten,
  // which it does not accept.
  const lezerCells = cells.map(normaliseFloats);
  lezerCells.forEach(lezerWalk); // warm-up, as for tree-sitter below
  const lezer: IParserFigures = {
    name: '@lezer/python',
    parseMs: time(() => lezerCells.forEach(c => lezerPython.parse(c))),
    walkMs: time(() => lezerCells.forEach(lezerWalk)),
    errorCells: lezerCells.filter(lezerHasError).length,
    modernFailures: modern
      .filter(([, code]) => lezerHasError(normaliseFloats(code)))
      .map(([k]) => k)
  };
  let treeSitter: IParserFigures | null = null;
  try {
    // Loaded at run time: the WebAssembly files sit beside the packages.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Parser, Language } = require('web-tree-sitter');
    await Parser.init();
    const grammar = path.join(
      path.dirname(require.resolve('tree-sitter-python/package.json')),
      'tree-sitter-python.wasm'
    );
    const ts = new Parser();
    ts.setLanguage(await Language.load(grammar));
    const hasError = (code: string): boolean => {
      const tree = ts.parse(code);
      const error = tree.rootNode.hasError as boolean;
      tree.delete();
      return error;
    };
    const walk = (code: string): number => {
      const tree = ts.parse(code);
      const cursor = tree.walk();
      let n = 0;
      let done = false;
      while (!done) {
        n++;
        if (cursor.gotoFirstChild()) {
          continue;
        }
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            done = true;
            break;
          }
        }
      }
      cursor.delete();
      tree.delete();
      return n;
    };
    cells.forEach(walk); // warm-up: V8 and the WebAssembly module
    treeSitter = {
      name: 'web-tree-sitter + tree-sitter-python',
      parseMs: time(() => cells.forEach(c => ts.parse(c).delete())),
      walkMs: time(() => cells.forEach(walk)),
      errorCells: cells.filter(hasError).length,
      modernFailures: modern
        .filter(([, code]) => hasError(code))
        .map(([k]) => k)
    };
  } catch (e) {
    console.log(
      `(tree-sitter not measured: ${String((e as Error).message ?? e).split('\n')[0]})`
    );
  }
  return { lezer, treeSitter };
}
