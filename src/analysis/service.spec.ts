/** The analysis service: incremental updates give what a fresh analysis gives. */
import { deserialize, serialize } from 'v8';
import { Engine } from '../core/engine';
import { INotebookInput } from '../core/types';
import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { IAnalyseRequest, ISyncCell } from './protocol';
import { AnalysisService } from './service';

/** A complete update: every field of every cell. */
function whole(input: INotebookInput): ISyncCell[] {
  return input.cells.map((c, i) => ({
    key: c.id ?? `#${i}`,
    id: c.id ?? null,
    type: c.cell_type,
    source: Array.isArray(c.source) ? c.source.join('') : c.source,
    metadata: c.metadata ?? {},
    executionCount: c.execution_count ?? null
  }));
}

function request(
  cells: ISyncCell[],
  extra: Partial<IAnalyseRequest> = {}
): IAnalyseRequest {
  return {
    kind: 'analyse',
    session: 'nb',
    generation: 1,
    reset: false,
    cells,
    config: {},
    ...extra
  };
}

function fresh(input: INotebookInput) {
  return new Engine(RULES).analyse(input, {}, { keepSuppressed: true })
    .findings;
}

const CELLS = [
  'import numpy as np\nimport pandas as pd',
  'x = np.zeros(3)\nif x.mean() > 0.37:\n    pass',
  'if False:\n    y = 1',
  'df = pd.read_csv("data/a.csv")'
];

describe('AnalysisService', () => {
  it('answers a complete update with what the engine finds, as plain data', () => {
    const input = notebook(CELLS);
    const service = new AnalysisService();
    const result = service.analyse(
      request(whole(input), { reset: true, metadata: input.metadata })
    );
    expect(result.error).toBeUndefined();
    expect(result.findings).toEqual(fresh(input));
    expect(result.sources.map(s => s.source)).toEqual(['data/a.csv']);
    // Everything crosses postMessage: structured clone keeps it whole.
    expect(deserialize(serialize(result))).toEqual(result);
  });

  it('applies updates that carry only what changed', () => {
    const input = notebook(CELLS);
    const service = new AnalysisService();
    service.analyse(
      request(whole(input), { reset: true, metadata: input.metadata })
    );
    // One cell's text changes: the others are sent by key alone.
    const edited = notebook([...CELLS.slice(0, 2), 'y = 1', CELLS[3]]);
    const keys: ISyncCell[] = edited.cells.map(c => ({ key: c.id! }));
    keys[2] = { key: 'c2', source: 'y = 1' };
    const result = service.analyse(request(keys, { generation: 2 }));
    expect(result.generation).toBe(2);
    expect(result.findings).toEqual(fresh(edited));
    // A cell removed, the rest moved: order follows the update.
    const moved = service.analyse(
      request([{ key: 'c3' }, { key: 'c0' }, { key: 'c1' }], {
        generation: 3
      })
    );
    const expected = notebook([CELLS[3], CELLS[0], CELLS[1]]);
    expected.cells = [input.cells[3], input.cells[0], input.cells[1]];
    expected.cells = expected.cells.map((c, i) => ({ ...c, id: c.id }));
    expect(moved.findings.map(f => [f.rule, f.cell.index, f.cell.id])).toEqual(
      fresh(expected).map(f => [f.rule, f.cell.index, f.cell.id])
    );
  });

  it('reuses its last result when nothing changed, and re-runs on new settings', () => {
    const input = notebook(CELLS);
    const service = new AnalysisService();
    const first = service.analyse(
      request(whole(input), { reset: true, metadata: input.metadata })
    );
    expect(first.reused).toBe(false);
    const keys = input.cells.map(c => ({ key: c.id! }));
    const again = service.analyse(request(keys, { generation: 2 }));
    expect(again.reused).toBe(true);
    expect(again.findings).toBe(first.findings);
    const off = service.analyse(
      request(keys, {
        generation: 3,
        config: { rules: { 'constant-condition': { enabled: false } } }
      })
    );
    expect(off.reused).toBe(false);
    expect(off.findings.some(f => f.rule === 'constant-condition')).toBe(false);
  });

  it('keeps notebooks apart, and a reset forgets the old cells', () => {
    const service = new AnalysisService();
    const a = notebook(['if False:\n    a = 1']);
    const b = notebook(['x = 2\nif x > 0.37:\n    pass']);
    service.analyse(request(whole(a), { reset: true, session: 'a' }));
    const rb = service.analyse(
      request(whole(b), { reset: true, session: 'b' })
    );
    const ra = service.analyse(request([{ key: 'c0' }], { session: 'a' }));
    expect(ra.findings.map(f => f.rule)).toEqual(['constant-condition']);
    expect(rb.findings.map(f => f.rule)).toEqual(['magic-number-comparison']);
    // After a reset a cell sent by key alone is new: an empty code cell.
    const reset = service.analyse(
      request([{ key: 'c0' }], { reset: true, session: 'a' })
    );
    expect(reset.findings).toEqual([]);
  });

  it('parses in slices when asked, and the result is the same', () => {
    const cells = Array.from(
      { length: 30 },
      (_, i) => `w_${i} = ${i}\nif w_${i} > ${i}.5:\n    pass`
    );
    const input = notebook(cells);
    const job = new AnalysisService().begin(
      request(whole(input), { reset: true, metadata: input.metadata })
    );
    let slices = 1;
    let result = job.step(0);
    while (!result) {
      slices++;
      result = job.step(0);
    }
    expect(slices).toBeGreaterThan(1);
    expect(result.findings).toEqual(fresh(input));
  });

  it('answers a broken request with a one-line error instead of throwing', () => {
    const service = new AnalysisService();
    const bad = request([{ key: 'c0', source: 42 as unknown as string }], {
      reset: true
    });
    const result = service.analyse(bad);
    expect(result.error).toBeDefined();
    expect(result.error).not.toContain('\n');
    expect(result.findings).toEqual([]);
  });
});
