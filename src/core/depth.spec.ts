import { FRAGMENT_RULES } from '../testing/rules';
/**
 * Hostile and generated cells: nesting thousands deep must cost that cell one
 * note, never the notebook (no recursion overflow anywhere after parsing).
 */
import { notebook } from '../testing/notebook';
import { Engine } from './engine';

const engine = new Engine(FRAGMENT_RULES);

const shapes: Record<string, (n: number) => string> = {
  parentheses: n => `x = ${'('.repeat(n)}1${')'.repeat(n)}`,
  lists: n => `x = ${'['.repeat(n)}1${']'.repeat(n)}`,
  calls: n => `x = ${'f('.repeat(n)}1${')'.repeat(n)}`,
  unary: n => `x = ${'-'.repeat(n)}1`,
  sums: n => `x = 1${' + 1'.repeat(n)}`,
  indentation: n =>
    Array.from({ length: Math.min(n, 90) }, (_, i) => `${' '.repeat(i)}if x:`)
      .concat(`${' '.repeat(Math.min(n, 90))}pass`)
      .join('\n')
};

const jsShapes: Record<string, (n: number) => string> = {
  parentheses: n => `const x = ${'('.repeat(n)}1${')'.repeat(n)};`,
  arrays: n => `const x = ${'['.repeat(n)}1${']'.repeat(n)};`,
  calls: n => `const x = ${'f('.repeat(n)}1${')'.repeat(n)};`,
  sums: n => `const x = 1${' + 1'.repeat(n)};`
};

function analyse(cell: string, language = 'python') {
  const other =
    language === 'python'
      ? 'if False:\n    y = 1'
      : 'if (false) {\n  y = 1;\n}';
  return engine.analyse(notebook([cell, other], language), {}).findings;
}

describe.each([
  ['python', shapes],
  ['javascript', jsShapes]
] as const)('%s cells nested deeply', (language, table) => {
  describe.each(Object.entries(table))('%s', (_name, make) => {
    it.each([10, 200, 1000, 100000])('%i levels', n => {
      const findings = analyse(make(n), language);
      // The other cell is always analysed.
      expect(
        findings.some(
          f => f.rule === 'constant-condition' && f.cell.index === 1
        )
      ).toBe(true);
      // No rule crashed on the deep cell.
      expect(
        findings.filter(f => /failed on this notebook/.test(f.message))
      ).toEqual([]);
      const notes = findings.filter(
        f => f.cell.index === 0 && f.rule === 'syntax-error'
      );
      expect(notes.length).toBeLessThanOrEqual(1);
      if (notes.length) {
        expect(notes[0].message).toMatch(/nested .*deep|nested too deeply/);
      }
    });
  });
});

it('analyses a deep but reasonable cell normally', () => {
  const cell = `x = ${'('.repeat(150)}df.proba${')'.repeat(150)}\nif x > 0.37:\n    pass`;
  const findings = analyse(cell);
  expect(findings.filter(f => f.cell.index === 0).map(f => f.rule)).toEqual([
    'magic-number-comparison'
  ]);
});

it('names the depth in one note for a cell beyond the budget', () => {
  const [note] = analyse(shapes.parentheses(1000)).filter(
    f => f.rule === 'syntax-error'
  );
  // The count when the parser built the tree; where the parser itself ran
  // out of stack (it depends on the engine's stack size), the budget.
  expect(note.message).toMatch(
    /^This cell is nested (\d+ levels deep, beyond the 500 that are analysed|too deeply to analyse \(beyond 500 levels\)): its code was not analysed; every other cell was\.$/
  );
});
