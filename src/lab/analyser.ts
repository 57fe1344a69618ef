/**
 * The main thread's side of the analysis: it sends each notebook's changed
 * cells to the worker and hands back its findings. When no worker can start
 * (a browser or page without `Worker`, a worker that fails to load or
 * crashes) the same analysis runs on the main thread in slices between which
 * the browser paints and handles typing.
 */
import { IDeclaredDependencies } from '../core/dependencies';
import { IMldebtConfig } from '../core/config';
import { INotebookInput } from '../core/types';
import {
  IAnalyseRequest,
  IAnalysisResult,
  ISyncCell
} from '../analysis/protocol';
import { AnalysisService } from '../analysis/service';
import { cellText } from '../core/notebook';
import { timed } from './main-thread-timing';

export type AnalyserMode = 'worker' | 'main-thread';

/** A cell as last sent: metadata as JSON, to compare. */
interface ISentCell {
  id: string | null;
  type: string;
  source: string;
  metadata: string;
  count: number | null;
}

/** What was last sent of a session's cells, to send only what changed. */
class SessionSync {
  private cells = new Map<string, ISentCell>();
  private metadata: string | null = null;
  private sent = false;

  reset(): void {
    this.cells.clear();
    this.metadata = null;
    this.sent = false;
  }

  /** The update from the last state sent to `input`. */
  update(
    input: INotebookInput
  ): Pick<IAnalyseRequest, 'reset' | 'cells' | 'metadata'> {
    const reset = !this.sent;
    this.sent = true;
    const next = new Map<string, ISentCell>();
    const cells: ISyncCell[] = [];
    input.cells.forEach((cell, index) => {
      let key = cell.id ? cell.id : `#${index}`;
      // Duplicate ids (a hand-edited file): each copy still gets a key of its own.
      while (next.has(key)) {
        key = `${key}#${index}`;
      }
      const now = {
        id: cell.id ?? null,
        type: cell.cell_type,
        source: cellText(cell),
        metadata: JSON.stringify(cell.metadata ?? {}),
        count: cell.execution_count ?? null
      };
      next.set(key, now);
      const old = this.cells.get(key);
      const sync: ISyncCell = { key };
      if (!old || old.id !== now.id) {
        sync.id = now.id;
      }
      if (!old || old.type !== now.type) {
        sync.type = now.type as ISyncCell['type'];
      }
      if (!old || old.source !== now.source) {
        sync.source = now.source;
      }
      if (!old || old.metadata !== now.metadata) {
        sync.metadata = cell.metadata ?? {};
      }
      if (!old || old.count !== now.count) {
        sync.executionCount = now.count;
      }
      cells.push(sync);
    });
    this.cells = next;
    const metadata = JSON.stringify(input.metadata ?? {});
    const changed = metadata !== this.metadata;
    this.metadata = metadata;
    return {
      reset,
      cells,
      metadata: changed ? (input.metadata ?? {}) : undefined
    };
  }
}

export interface IAnalyserOptions {
  /** Starts the worker; without it (or when it throws) analysis stays on the main thread. */
  startWorker?: () => Worker | Promise<Worker>;
  /** Milliseconds of parsing per main-thread slice (default 12). */
  sliceMs?: number;
}

export class Analyser {
  private worker: Worker | null = null;
  private service: AnalysisService | null = null;
  private readonly syncs = new Map<string, SessionSync>();
  private readonly pending = new Map<
    number,
    {
      resolve: (r: IAnalysisResult) => void;
      request: IAnalyseRequest;
      input: INotebookInput;
      sent: number;
    }
  >();
  private generation = 0;
  /** Main-thread jobs run one after another, like the worker's messages. */
  private queue: Promise<unknown> = Promise.resolve();

  /** Set while the worker starts: requests wait for it. */
  private starting: Promise<void> | null = null;

  constructor(private readonly options: IAnalyserOptions = {}) {
    if (options.startWorker && typeof Worker !== 'undefined') {
      this.starting = Promise.resolve()
        .then(options.startWorker)
        .then(
          worker => {
            this.worker = worker;
            worker.onmessage = e => this.answer(e.data as IAnalysisResult);
            worker.onerror = e => {
              e.preventDefault?.();
              this.fallBack(String(e.message || 'worker error'));
            };
          },
          e => this.fallBack(String((e as Error)?.message ?? e))
        )
        .finally(() => {
          this.starting = null;
        });
    }
  }

  /** Where the analysis runs now. */
  get mode(): AnalyserMode {
    return this.worker || this.starting ? 'worker' : 'main-thread';
  }

  /** Resolves once the worker has started or the analysis fell back. */
  get ready(): Promise<void> {
    return this.starting ?? Promise.resolve();
  }

  /** Analyses a notebook: `session` names it from one call to the next. */
  analyse(
    session: string,
    input: INotebookInput,
    config: IMldebtConfig,
    dependencies?: IDeclaredDependencies
  ): Promise<IAnalysisResult> {
    let sync = this.syncs.get(session);
    if (!sync) {
      sync = new SessionSync();
      this.syncs.set(session, sync);
    }
    const request: IAnalyseRequest = {
      kind: 'analyse',
      session,
      generation: ++this.generation,
      config,
      dependencies,
      ...sync.update(input)
    };
    return new Promise(resolve => {
      this.pending.set(request.generation, {
        resolve,
        request,
        input,
        sent: performance.now()
      });
      this.send(request);
    });
  }

  /** Drops a notebook's state (it was closed). */
  forget(session: string): void {
    this.syncs.delete(session);
    if (this.worker) {
      this.worker.postMessage({ kind: 'forget', session });
    } else {
      this.service?.forget(session);
    }
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(request: IAnalyseRequest): void {
    if (this.starting) {
      const waiting = this.starting;
      void waiting.then(() => this.send(request));
      return;
    }
    if (this.worker) {
      try {
        this.worker.postMessage(request);
        return;
      } catch (e) {
        this.fallBack(String((e as Error)?.message ?? e));
        return;
      }
    }
    this.queue = this.queue.then(() => this.runHere(request));
  }

  private answer(result: IAnalysisResult): void {
    const waiting = this.pending.get(result.generation);
    if (waiting && (globalThis as any).__mldebtProfile === true) {
      const spans = ((globalThis as any).__mldebtRoundTrips ??= []);
      spans.push({
        roundTrip: performance.now() - waiting.sent,
        analysis: result.durationMs
      });
    }
    if (waiting) {
      this.pending.delete(result.generation);
      waiting.resolve(result);
    }
  }

  /** Runs one request on the main thread, parsing in slices. */
  private runHere(request: IAnalyseRequest): Promise<void> {
    this.service ??= new AnalysisService();
    const job = this.service.begin(request);
    const slice = this.options.sliceMs ?? 12;
    return new Promise(done => {
      const step = (): void => {
        const result = timed('main-thread analysis', () => job.step(slice));
        if (result) {
          this.answer(result);
          done();
        } else {
          setTimeout(step, 0);
        }
      };
      step();
    });
  }

  /**
   * The worker is gone: the main thread takes over. It has none of the
   * worker's cells, so every session starts again from its full state, and
   * requests still waiting are sent again whole.
   */
  private fallBack(reason: string): void {
    console.warn(
      `jupyterlab-mldebt: analysis worker unavailable (${reason}); analysing on the main thread`
    );
    if (!this.worker) {
      // It never started: requests waiting for it run here, in order, as sent.
      return;
    }
    this.worker.terminate();
    this.worker = null;
    for (const sync of this.syncs.values()) {
      sync.reset();
    }
    const waiting = [...this.pending.values()].sort(
      (a, b) => a.request.generation - b.request.generation
    );
    for (const { request, input } of waiting) {
      const whole: IAnalyseRequest = {
        ...request,
        ...new SessionSync().update(input)
      };
      this.queue = this.queue.then(() => this.runHere(whole));
    }
    // The next request of each session is complete again.
    for (const sync of this.syncs.values()) {
      sync.reset();
    }
  }
}
