/**
 * Property-based tests (fast-check, fixed seed, bounded runs): for random and
 * mutated notebooks the engine never throws, its output is deterministic,
 * every range lies inside its cell's text, and it never mutates its input.
 */
import fc from 'fast-check';
import { RULES } from '../rules';
import { Engine } from './engine';
import { NotebookFormatError, parseNotebookText } from './notebook';
import { LineIndex, joinSource } from './text';
import { INotebookInput, IRange } from './types';

const SEED = Number(process.env.MLDEBT_PROPERTY_SEED ?? 20261202);
const RUNS = Number(process.env.MLDEBT_PROPERTY_RUNS ?? 150);

/** Real code to start from: every rule's documented examples. */
const SNIPPETS = RULES.flatMap(r => [
  ...r.meta.examples.bad,
  ...r.meta.examples.good
]).map(e => e.code);

const NASTY = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\r\n',
  '\r',
  '\t',
  '(',
  ')',
  '[',
  '"',
  "'",
  '"""',
  '`',
  '\\',
  '%%',
  '!',
  '?',
  '#',
  ':',
  '\u200b',
  '\ufeff',
  '😀',
  'x'.repeat(5000)
];

/** A cell's text: a snippet, random text, or a mutation of a snippet. */
const cellText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SNIPPETS),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom(...SNIPPETS),
      fc.nat(),
      fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }),
      fc.boolean()
    )
    .map(([snippet, at, inserts, truncate]) => {
      const cut = at % (snippet.length + 1);
      const head = snippet.slice(0, cut);
      return truncate
        ? head + inserts.join('')
        : head + inserts.join('') + snippet.slice(cut);
    })
);

/** Any JSON value, for metadata fields of the wrong type. */
const anyJson = fc.jsonValue({ maxDepth: 2 });

const cellMetadata = fc.oneof(
  fc.constant({}),
  fc.record(
    {
      tags: fc.oneof(
        fc.array(fc.constantFrom('parameters', 'skip', 'x'), { maxLength: 2 }),
        anyJson
      ),
      mldebt: fc.oneof(
        fc.record(
          {
            ignore: fc.oneof(
              fc.array(
                fc.record(
                  {
                    rule: fc.oneof(
                      fc.constantFrom(...RULES.map(r => r.meta.id)),
                      anyJson
                    ),
                    line: fc.oneof(fc.integer({ min: -2, max: 20 }), anyJson),
                    reason: anyJson
                  },
                  { requiredKeys: [] }
                ),
                { maxLength: 2 }
              ),
              anyJson
            )
          },
          { requiredKeys: [] }
        ),
        anyJson
      )
    },
    { requiredKeys: [] }
  )
);

const cell = fc.record({
  cell_type: fc.constantFrom('code', 'code', 'code', 'markdown', 'raw'),
  id: fc.oneof(fc.constantFrom('a', 'b', 'dup'), fc.string({ maxLength: 5 })),
  source: fc.oneof(
    cellText,
    cellText.map(t => t.split(/(?<=\n)/))
  ),
  metadata: cellMetadata,
  execution_count: fc.oneof(
    fc.constant(null),
    fc.integer({ min: -1, max: 50 }),
    anyJson
  )
});

const notebookValue = fc.record({
  nbformat: fc.constantFrom(4, 4, 4, 3),
  nbformat_minor: fc.constantFrom(0, 4, 5),
  metadata: fc.oneof(
    fc.constant({}),
    fc.record(
      {
        kernelspec: fc.oneof(
          fc.record({
            name: fc.constantFrom('python3', 'javascript', 'ir', 'deno'),
            language: fc.constantFrom(
              'python',
              'javascript',
              'R',
              'typescript'
            ),
            display_name: fc.constant('k')
          }),
          anyJson
        ),
        mldebt: fc.oneof(
          fc.record(
            {
              inputs: fc.oneof(
                fc.array(fc.string(), { maxLength: 2 }),
                anyJson
              ),
              ignore: anyJson
            },
            { requiredKeys: [] }
          ),
          anyJson
        )
      },
      { requiredKeys: [] }
    )
  ),
  cells: fc.array(cell, { maxLength: 6 })
});

/** Reads a generated value as a file would be read: valid or one NotebookFormatError. */
function read(value: unknown): INotebookInput | null {
  try {
    return parseNotebookText(JSON.stringify(value));
  } catch (e) {
    expect(e).toBeInstanceOf(NotebookFormatError);
    expect(String((e as Error).message)).not.toContain('\n');
    return null;
  }
}

function inside(range: IRange, text: string): boolean {
  const lines = new LineIndex(text);
  const ok = (p: IRange['start']): boolean =>
    p.line >= 1 &&
    p.line <= lines.lineCount &&
    p.column >= 1 &&
    p.column <= lines.lineText(p.line).length + 1;
  const ordered =
    range.start.line < range.end.line ||
    (range.start.line === range.end.line &&
      range.start.column <= range.end.column);
  return ok(range.start) && ok(range.end) && ordered;
}

describe('the engine on random and mutated notebooks', () => {
  const warm = new Engine(RULES);

  it('never throws, is deterministic, keeps ranges inside their cells and never mutates its input', () => {
    let analysed = 0;
    let findings = 0;
    fc.assert(
      fc.property(notebookValue, value => {
        const nb = read(value);
        if (!nb) {
          return;
        }
        const before = JSON.stringify(nb);
        const fresh = new Engine(RULES).analyse(nb, {});
        analysed++;
        findings += fresh.findings.length;
        const again = new Engine(RULES).analyse(nb, {});
        const cached = warm.analyse(nb, {});
        expect(JSON.stringify(nb)).toBe(before);
        expect(JSON.stringify(again.findings)).toBe(
          JSON.stringify(fresh.findings)
        );
        expect(JSON.stringify(cached.findings)).toBe(
          JSON.stringify(fresh.findings)
        );
        for (const f of fresh.findings) {
          const text = joinSource(nb.cells[f.cell.index].source);
          expect([f.rule, inside(f.range, text)]).toEqual([f.rule, true]);
          for (const e of f.fix ?? []) {
            if (e.newCell) {
              continue;
            }
            const target = e.cell ? e.cell.index : f.cell.index;
            const targetText = joinSource(nb.cells[target].source);
            expect([f.rule, 'fix', inside(e.range, targetText)]).toEqual([
              f.rule,
              'fix',
              true
            ]);
          }
          // No rule crashed on it.
          expect(f.message).not.toMatch(/failed on this notebook/);
        }
      }),
      { seed: SEED, numRuns: RUNS }
    );
    // The generator reaches the engine, and the engine finds things.
    expect(analysed).toBeGreaterThan(RUNS / 2);
    expect(findings).toBeGreaterThan(RUNS / 2);
  });
});

describe('counterexamples fast-check found, kept as plain tests', () => {
  const engine = new Engine(RULES);
  const crashes = (nb: INotebookInput) =>
    engine
      .analyse(nb, {})
      .findings.filter(f => /failed on this notebook/.test(f.message));

  it('a keyword argument cut short by error recovery (`f(p =`) in Python', () => {
    const nb = parseNotebookText(
      JSON.stringify({
        nbformat: 4,
        metadata: {},
        cells: [
          {
            cell_type: 'code',
            source: 'const keep = preds.filter(p =',
            metadata: {}
          }
        ]
      })
    );
    expect(() => engine.analyse(nb, {})).not.toThrow();
    expect(crashes(nb)).toEqual([]);
  });

  it('an import acorn-loose recovers without a local name, in JavaScript', () => {
    const nb = parseNotebookText(
      JSON.stringify({
        nbformat: 4,
        metadata: { kernelspec: { name: 'js', language: 'javascript' } },
        cells: [
          {
            cell_type: 'code',
            source:
              'import p"andas as pd\ntrain = pd.read_csv("/data/train.csv")',
            metadata: {}
          }
        ]
      })
    );
    expect(crashes(nb)).toEqual([]);
  });
});
