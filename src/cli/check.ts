/** `mldebt check`: analyse notebook files, in parallel worker threads when there are many. */
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ConfigError, IMldebtConfig, mergeConfigs } from '../core/config';
import { Engine } from '../core/engine';
import { FactsCache } from '../core/facts';
import { NotebookFormatError, parseNotebookText } from '../core/notebook';
import {
  IManifestEntry,
  manifestEntries
} from '../core/report/manifest-entries';
import { IFinding } from '../core/types';

export interface IManifestResult {
  path: string;
  language: string | null;
  sources: IManifestEntry[];
  error?: string;
}
import { RULES } from '../rules';
import { PyprojectFinder, readConfigFile } from './config-file';
import { DependencyFinder } from './dependencies';
import { DependencyFileError } from '../core/dependencies';
import { INotebookResult } from '../core/report/formats';

export interface ICheckOptions {
  config: string | null;
  select: string[];
  ignore: string[];
  /** Dependency files given by `--requirements`; otherwise they are looked for. */
  requirements?: string[];
}

/**
 * Cells whose facts the CLI keeps between files: identical cells recur across
 * a project's notebooks (imports, set-up), but the facts of every cell of
 * every file would grow with the files checked.
 */
const SHARED_FACTS = 2000;

/** Analyses files one by one; one instance per thread, with its own caches. */
export class FileChecker {
  /**
   * Shared by the engines of all files. Each file gets an engine of its own:
   * the incremental machinery of one engine pays off for edits of one
   * notebook, and between unrelated files it only compares and keeps state.
   */
  private readonly facts = new FactsCache(SHARED_FACTS);
  private readonly finder = new PyprojectFinder();
  private readonly dependencyFinder: DependencyFinder;
  private readonly configs = new Map<string, IMldebtConfig>();
  private readonly explicit: IMldebtConfig;

  constructor(private readonly options: ICheckOptions) {
    this.explicit = options.config ? readConfigFile(options.config, RULES) : {};
    this.dependencyFinder = new DependencyFinder(options.requirements ?? []);
  }

  configFor(file: string): IMldebtConfig {
    const pyproject = this.finder.find(path.dirname(file));
    let base: IMldebtConfig = {};
    if (pyproject) {
      if (!this.configs.has(pyproject)) {
        this.configs.set(pyproject, readConfigFile(pyproject, RULES));
      }
      base = this.configs.get(pyproject)!;
    }
    // Rules named in --select run even when they are off by default.
    const selected: IMldebtConfig = { rules: {} };
    for (const id of this.options.select) {
      if (RULES.some(r => r.meta.id === id)) {
        selected.rules![id] = { enabled: true };
      }
    }
    return mergeConfigs(base, this.explicit, selected);
  }

  check(file: string): INotebookResult {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return {
        path: file,
        language: null,
        findings: [],
        error:
          code === 'EISDIR'
            ? 'is a directory'
            : `cannot read file (${code ?? 'error'})`
      };
    }
    try {
      const notebook = parseNotebookText(text);
      const config = this.configFor(file);
      const dependencies = this.dependencyFinder.find(path.dirname(file));
      const analysis = new Engine(RULES, this.facts).analyse(notebook, config, {
        dependencies
      });
      return {
        path: file,
        language: analysis.language,
        findings: analysis.findings.filter(f => this.wanted(f)),
        sources: analysis.supported
          ? manifestEntries(analysis.model, config)
          : [],
        fileText: text
      };
    } catch (e) {
      if (
        e instanceof NotebookFormatError ||
        e instanceof ConfigError ||
        e instanceof DependencyFileError
      ) {
        return { path: file, language: null, findings: [], error: e.message };
      }
      return {
        path: file,
        language: null,
        findings: [],
        error: `internal error: ${String((e as Error)?.message ?? e).split('\n')[0]}`
      };
    }
  }

  /** The data manifest of a notebook file, or an error. */
  manifest(file: string): IManifestResult {
    const { path, language, sources, error } = this.check(file);
    return error
      ? { path, language, sources: [], error }
      : { path, language, sources: sources ?? [] };
  }

  private wanted(f: IFinding): boolean {
    const { select, ignore } = this.options;
    if (
      select.length > 0 &&
      !select.includes(f.rule) &&
      !select.includes(f.family)
    ) {
      return false;
    }
    return !ignore.includes(f.rule) && !ignore.includes(f.family);
  }
}

/** A file sent to a worker thread, and what comes back. */
export interface IWorkItem {
  index: number;
  file: string;
}

export interface IWorkResult {
  index: number;
  result: INotebookResult;
}

export interface IRunOptions extends ICheckOptions {
  jobs: number;
  /** Called after each file, for the progress indicator. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Path of the script that runs as a worker (the CLI bundle itself). */
  workerScript?: string;
  /** A checker already made for these options (used when no workers run). */
  checker?: FileChecker;
}

/** Analyses files; results keep the order of `files` whatever the parallelism. */
export async function checkFiles(
  files: string[],
  options: IRunOptions
): Promise<INotebookResult[]> {
  const results: INotebookResult[] = new Array(files.length);
  const workers = Math.min(options.jobs, files.length);
  if (workers <= 1 || !options.workerScript || files.length < 4) {
    const checker = options.checker ?? new FileChecker(options);
    files.forEach((f, i) => {
      results[i] = checker.check(f);
      options.onProgress?.(i + 1, files.length, f);
    });
    return results;
  }
  let next = 0;
  let done = 0;
  const { config, select, ignore, requirements } = options;
  // Files go out in batches, two in flight per worker: one file per message
  // left workers waiting on the main thread, slower than one thread in all.
  const batchSize = (): number =>
    Math.max(1, Math.min(64, Math.ceil((files.length - next) / (workers * 4))));
  await Promise.all(
    Array.from(
      { length: workers },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(options.workerScript!, {
            workerData: {
              mldebtWorker: true,
              options: { config, select, ignore, requirements }
            }
          });
          let inFlight = 0;
          const feed = (): void => {
            if (next >= files.length) {
              if (inFlight === 0) {
                void worker.terminate().then(() => resolve());
              }
              return;
            }
            const batch: IWorkItem[] = [];
            for (let n = batchSize(); n > 0 && next < files.length; n--) {
              batch.push({ index: next, file: files[next] });
              next++;
            }
            inFlight++;
            worker.postMessage(batch);
          };
          worker.on('message', (msg: IWorkResult[]) => {
            inFlight--;
            for (const r of msg) {
              results[r.index] = r.result;
              done++;
              options.onProgress?.(done, files.length, r.result.path);
            }
            feed();
          });
          worker.on('error', reject);
          feed();
          feed();
        })
    )
  );
  return results;
}
