/**
 * The analysis behind the panel, wherever it runs: it keeps each notebook's
 * cells as the updates describe them (so the caller sends changed cells only),
 * runs the engine with its per-cell cache and incremental memo, and answers
 * with plain data. No DOM or JupyterLab imports: the same class runs in the
 * Web Worker, on the main thread when workers are unavailable, and in tests.
 */
import { IMldebtConfig } from '../core/config';
import { IDeclaredDependencies } from '../core/dependencies';
import { Engine } from '../core/engine';
import { FactsCache } from '../core/facts';
import { manifestEntries } from '../core/report/manifest-entries';
import { IRule } from '../core/rule';
import { ICellInput, INotebookInput } from '../core/types';
import { RULES } from '../rules';
import { IAnalyseRequest, IAnalysisResult } from './protocol';

interface ISession {
  engine: Engine;
  order: string[];
  cells: Map<string, ICellInput>;
  metadata: Record<string, any>;
  /** Bumped by every change of cells, metadata, settings or dependencies. */
  version: number;
  config: string;
  dependencies: string;
  last: { version: number; result: IAnalysisResult } | null;
}

/** One analysis in progress: `step` parses within a budget, then runs the rules. */
export interface IAnalysisJob {
  /** The result once done; null when parsing needs another slice. */
  step(budgetMs: number): IAnalysisResult | null;
}

/** Notebooks kept at once: the panel follows one; exports may ask for others. */
const MAX_SESSIONS = 4;

export class AnalysisService {
  /** Parsed cells by text, shared by every session. */
  private readonly cache = new FactsCache();
  private readonly sessions = new Map<string, ISession>();

  constructor(private readonly rules: readonly IRule[] = RULES) {}

  /** Forgets a notebook (closed, or replaced by a reset). */
  forget(session: string): void {
    this.sessions.delete(session);
  }

  /** Applies a request's update at once, and returns the analysis to run. */
  begin(request: IAnalyseRequest): IAnalysisJob {
    let session: ISession;
    let input: INotebookInput;
    try {
      session = this.session(request);
      input = {
        nbformat: 4,
        cells: session.order.map(key => session.cells.get(key)!),
        metadata: session.metadata as INotebookInput['metadata']
      };
    } catch (e) {
      const failed = this.failure(request, e);
      return { step: () => failed };
    }
    if (session.last && session.last.version === session.version) {
      const result: IAnalysisResult = {
        ...session.last.result,
        generation: request.generation,
        durationMs: 0,
        reused: true
      };
      return { step: () => result };
    }
    const config = request.config;
    const dependencies = request.dependencies;
    let spent = 0;
    return {
      step: budgetMs => {
        const started = now();
        try {
          if (!session.engine.prepare(input, budgetMs)) {
            spent += now() - started;
            return null;
          }
          const result = this.run(
            session,
            input,
            request,
            config,
            dependencies
          );
          result.durationMs = spent + now() - started;
          session.last = { version: session.version, result };
          return result;
        } catch (e) {
          return this.failure(request, e);
        }
      }
    };
  }

  /** Runs a request to the end (in the worker nothing else waits). */
  analyse(request: IAnalyseRequest): IAnalysisResult {
    return this.begin(request).step(Infinity)!;
  }

  private run(
    session: ISession,
    input: INotebookInput,
    request: IAnalyseRequest,
    config: IMldebtConfig,
    dependencies: IDeclaredDependencies | undefined
  ): IAnalysisResult {
    // Ignored findings are kept: the panel counts them and can show them.
    const analysis = session.engine.analyse(input, config, {
      keepSuppressed: true,
      dependencies
    });
    return {
      kind: 'result',
      session: request.session,
      generation: request.generation,
      language: analysis.language,
      supported: analysis.supported,
      findings: analysis.findings,
      sources: analysis.supported
        ? manifestEntries(analysis.model, config)
        : [],
      durationMs: 0,
      reused: false
    };
  }

  private failure(request: IAnalyseRequest, e: unknown): IAnalysisResult {
    const message = String((e as Error)?.message ?? e).split('\n')[0];
    return {
      kind: 'result',
      session: request.session,
      generation: request.generation,
      language: '',
      supported: true,
      findings: [],
      sources: [],
      error: message,
      durationMs: 0,
      reused: false
    };
  }

  /** The session with the request's update applied. */
  private session(request: IAnalyseRequest): ISession {
    let session = this.sessions.get(request.session);
    if (!session || request.reset) {
      session = {
        engine: new Engine(this.rules, this.cache),
        order: [],
        cells: new Map(),
        metadata: {},
        version: 0,
        config: '',
        dependencies: '',
        last: null
      };
      this.sessions.set(request.session, session);
      while (this.sessions.size > MAX_SESSIONS) {
        this.sessions.delete(this.sessions.keys().next().value!);
      }
    } else {
      // Most recently used last, so the oldest is dropped first.
      this.sessions.delete(request.session);
      this.sessions.set(request.session, session);
    }
    let changed = request.reset;
    const order: string[] = [];
    const cells = new Map<string, ICellInput>();
    for (const sync of request.cells) {
      const old = session.cells.get(sync.key);
      if (
        !old ||
        sync.source !== undefined ||
        sync.type !== undefined ||
        sync.metadata !== undefined ||
        sync.executionCount !== undefined ||
        sync.id !== undefined
      ) {
        changed = true;
        // A new object per change: nothing downstream sees a cell mutate.
        const cell: ICellInput = {
          cell_type: sync.type ?? old?.cell_type ?? 'code',
          source: sync.source ?? (old ? old.source : ''),
          metadata: sync.metadata ?? old?.metadata ?? {},
          execution_count:
            sync.executionCount !== undefined
              ? sync.executionCount
              : (old?.execution_count ?? null)
        };
        const id = sync.id !== undefined ? sync.id : old?.id;
        if (id) {
          cell.id = id;
        }
        cells.set(sync.key, cell);
      } else {
        cells.set(sync.key, old);
      }
      order.push(sync.key);
    }
    if (
      order.length !== session.order.length ||
      order.some((key, i) => key !== session!.order[i])
    ) {
      changed = true;
    }
    session.order = order;
    session.cells = cells;
    if (request.metadata !== undefined) {
      session.metadata = request.metadata;
      changed = true;
    }
    const config = JSON.stringify(request.config);
    const dependencies = dependenciesKey(request.dependencies);
    if (config !== session.config || dependencies !== session.dependencies) {
      session.config = config;
      session.dependencies = dependencies;
      changed = true;
    }
    if (changed) {
      session.version++;
    }
    return session;
  }
}

function dependenciesKey(d: IDeclaredDependencies | undefined): string {
  if (!d) {
    return '';
  }
  return [
    d.files.join('\u0001'),
    [...d.packages].sort().join('\u0001'),
    [...d.localModules].sort().join('\u0001')
  ].join('\u0000');
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
