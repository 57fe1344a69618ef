/** The main thread's analyser: what it sends the worker, and its fallback. */
import { deserialize, serialize } from 'v8';
import { INotebookInput } from '../core/types';
import { notebook } from '../testing/notebook';
import { IAnalyseRequest, IRequest } from '../analysis/protocol';
import { AnalysisService } from '../analysis/service';
import { Analyser } from './analyser';

/**
 * A worker in this process: messages are structured-cloned both ways and
 * answered on a later turn, as a real worker does.
 */
class FakeWorker {
  readonly received: IRequest[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  /** When set, the next message makes the worker fail. */
  crashNext = false;
  private readonly service = new AnalysisService();

  postMessage(message: IRequest): void {
    const request = deserialize(serialize(message)) as IRequest;
    this.received.push(request);
    setTimeout(() => {
      if (this.terminated) {
        return;
      }
      if (this.crashNext) {
        this.crashNext = false;
        this.onerror?.({ message: 'out of memory' } as ErrorEvent);
        return;
      }
      if (request.kind === 'analyse') {
        const result = deserialize(serialize(this.service.analyse(request)));
        this.onmessage?.({ data: result } as MessageEvent);
      } else {
        this.service.forget(request.session);
      }
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

const CELLS = [
  'import numpy as np',
  'x = np.zeros(3)\nif x.mean() > 0.37:\n    pass',
  'if False:\n    y = 1'
];

function withSource(input: INotebookInput, index: number, source: string) {
  const cells = input.cells.map((c, i) => (i === index ? { ...c, source } : c));
  return { ...input, cells };
}

describe('Analyser', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    (global as any).Worker = FakeWorker;
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    delete (global as any).Worker;
    warn.mockRestore();
  });

  it('analyses on the main thread when no worker is offered', async () => {
    const analyser = new Analyser();
    expect(analyser.mode).toBe('main-thread');
    const result = await analyser.analyse('nb', notebook(CELLS), {});
    expect(result.findings.map(f => f.rule).sort()).toEqual([
      'constant-condition',
      'magic-number-comparison'
    ]);
  });

  it('sends the worker every cell once, then only what changed', async () => {
    const worker = new FakeWorker();
    const analyser = new Analyser({ startWorker: () => worker as any });
    expect(analyser.mode).toBe('worker');
    const input = notebook(CELLS);
    const first = await analyser.analyse('nb', input, {});
    const edited = withSource(input, 2, 'y = 1');
    const second = await analyser.analyse('nb', edited, {});
    const [a, b] = worker.received as IAnalyseRequest[];
    expect(a.reset).toBe(true);
    expect(a.cells.every(c => c.source !== undefined)).toBe(true);
    expect(b.reset).toBe(false);
    expect(b.metadata).toBeUndefined();
    expect(b.cells).toEqual([
      { key: 'c0' },
      { key: 'c1' },
      { key: 'c2', source: 'y = 1' }
    ]);
    expect(first.findings.map(f => f.rule)).toContain('constant-condition');
    expect(second.findings.map(f => f.rule)).toEqual([
      'magic-number-comparison'
    ]);
    // The same answers as the main thread gives.
    const here = await new Analyser().analyse('nb', edited, {});
    expect(second.findings).toEqual(here.findings);
    analyser.forget('nb');
    expect(worker.received[2]).toEqual({ kind: 'forget', session: 'nb' });
  });

  it('gives duplicate cell ids keys of their own', async () => {
    const worker = new FakeWorker();
    const analyser = new Analyser({ startWorker: () => worker as any });
    const input = notebook(['if False:\n    a = 1', 'if False:\n    b = 1']);
    input.cells[1].id = input.cells[0].id;
    const result = await analyser.analyse('nb', input, {});
    const keys = (worker.received[0] as IAnalyseRequest).cells.map(c => c.key);
    expect(new Set(keys).size).toBe(2);
    expect(result.findings.map(f => f.cell.index)).toEqual([0, 1]);
  });

  it('falls back to the main thread when the worker cannot start', async () => {
    const analyser = new Analyser({
      startWorker: () => Promise.reject(new Error('blocked by policy'))
    });
    const result = await analyser.analyse('nb', notebook(CELLS), {});
    expect(analyser.mode).toBe('main-thread');
    expect(result.findings).toHaveLength(2);
    expect(warn.mock.calls[0][0]).toMatch(
      /worker unavailable \(blocked by policy\)/
    );
  });

  it('falls back when the worker fails, and re-sends what was waiting in full', async () => {
    const worker = new FakeWorker();
    const analyser = new Analyser({ startWorker: () => worker as any });
    const input = notebook(CELLS);
    await analyser.analyse('nb', input, {});
    worker.crashNext = true;
    const edited = withSource(input, 2, 'y = 1');
    const result = await analyser.analyse('nb', edited, {});
    expect(worker.terminated).toBe(true);
    expect(analyser.mode).toBe('main-thread');
    expect(result.findings.map(f => f.rule)).toEqual([
      'magic-number-comparison'
    ]);
    // And it carries on from there.
    const next = await analyser.analyse(
      'nb',
      withSource(edited, 0, 'x = 1'),
      {}
    );
    expect(next.error).toBeUndefined();
  });
});
