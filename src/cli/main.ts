/** The `mldebt` command. */
import { DependencyFinder } from './dependencies';
import { DependencyFileError } from '../core/dependencies';
import * as os from 'os';
import { isMainThread, parentPort, workerData } from 'worker_threads';
import { ConfigError } from '../core/config';
import { severityRank } from '../core/types';
import { VERSION } from '../core/version';
import { RULES } from '../rules';
import { parseArgs, UsageError, USAGE } from './args';
import { checkFiles, FileChecker, IWorkItem, IWorkResult } from './check';
import { collectNotebooks } from './files';
import {
  formatGithub,
  formatJson,
  formatMarkdown,
  formatSarif,
  formatText,
  INotebookResult
} from '../core/report/formats';
import { manifestStatus } from '../core/report/manifest-entries';
import { rulesJson, rulesMarkdown, rulesText } from './rules-doc';

export { settingsSchema } from '../core/schema';
export { RULES } from '../rules';
// For scripts/fix-oracle.mjs, which runs the fix oracle over the corpus.
export { Engine } from '../core/engine';
export { checkFixes, PYTHON_AST_CHECK } from '../core/fix-oracle';
export { parseNotebookText } from '../core/notebook';

export { VERSION };

export interface IIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when progress may be drawn on stderr. */
  interactive: boolean;
  workerScript?: string;
}

function knownSelector(id: string): boolean {
  return RULES.some(r => r.meta.id === id || r.meta.family === id);
}

/** Runs the CLI and resolves to its exit code. */
export async function run(argv: string[], io: IIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, os.cpus().length || 1);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`mldebt: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (args.command === 'version') {
    io.stdout(`mldebt ${VERSION}\n`);
    return 0;
  }
  if (args.command === 'rules') {
    io.stdout(
      args.format === 'json'
        ? rulesJson(RULES)
        : args.format === 'markdown'
          ? rulesMarkdown(RULES)
          : rulesText(RULES)
    );
    return 0;
  }
  if (args.command === 'inputs') {
    return inputsCommand(args.paths, args.format, args.config, io);
  }
  for (const id of [...args.select, ...args.ignore]) {
    if (!knownSelector(id)) {
      io.stderr(
        `mldebt: unknown rule or family: ${id} (see \`mldebt rules\`)\n`
      );
      return 2;
    }
  }
  let checker: FileChecker;
  try {
    // Read --config once, up front, so a bad file is one clear error; the
    // same checker then analyses the files when no worker threads are used.
    checker = new FileChecker({
      config: args.config,
      select: args.select,
      ignore: args.ignore,
      requirements: args.requirements
    });
    // A bad --requirements file is one error up front, not one per notebook.
    if (args.requirements.length > 0) {
      new DependencyFinder(args.requirements).find('.');
    }
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DependencyFileError) {
      io.stderr(`mldebt: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const targets = collectNotebooks(args.paths);
  const files = targets.filter(t => !t.error).map(t => t.path);
  const showProgress = io.interactive && files.length > 1;
  const checked = await checkFiles(files, {
    checker,
    config: args.config,
    select: args.select,
    ignore: args.ignore,
    requirements: args.requirements,
    jobs: args.jobs,
    workerScript: io.workerScript,
    onProgress: showProgress
      ? (done, total, file) =>
          io.stderr(
            `\r\u001b[K[${done}/${total}] ${file.length > 60 ? '…' + file.slice(-59) : file}`
          )
      : undefined
  });
  if (showProgress) {
    io.stderr('\r\u001b[K');
  }
  // Restore the command-line order, with unreadable paths in their place.
  const byPath = new Map(checked.map(r => [r.path, r]));
  const results: INotebookResult[] = targets.map(t =>
    t.error
      ? { path: t.path, language: null, findings: [], error: t.error }
      : byPath.get(t.path)!
  );
  for (const r of results) {
    if (r.error) {
      io.stderr(`mldebt: ${r.path}: ${r.error}\n`);
    }
  }
  switch (args.format) {
    case 'json':
      io.stdout(formatJson(results));
      break;
    case 'sarif':
      io.stdout(formatSarif(results, RULES, VERSION));
      break;
    case 'github':
      io.stdout(formatGithub(results));
      break;
    case 'markdown':
      io.stdout(formatMarkdown(results, VERSION));
      break;
    default:
      io.stdout(formatText(results, args.quiet));
  }
  if (results.some(r => r.error)) {
    return 2;
  }
  if (args.failOn === 'never') {
    return 0;
  }
  const threshold = severityRank(args.failOn);
  return results.some(r =>
    r.findings.some(f => severityRank(f.severity) >= threshold)
  )
    ? 1
    : 0;
}

/** `mldebt inputs`: the data manifest of each notebook. */
function inputsCommand(
  paths: string[],
  format: 'text' | 'json',
  config: string | null,
  io: IIo
): number {
  let checker: FileChecker;
  try {
    checker = new FileChecker({ config, select: [], ignore: [] });
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`mldebt: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const results = collectNotebooks(paths).map(t =>
    t.error
      ? { path: t.path, language: null, sources: [], error: t.error }
      : checker.manifest(t.path)
  );
  for (const r of results) {
    if (r.error) {
      io.stderr(`mldebt: ${r.path}: ${r.error}\n`);
    }
  }
  if (format === 'json') {
    io.stdout(
      JSON.stringify({ version: 1, notebooks: results }, null, 2) + '\n'
    );
  } else {
    const lines: string[] = [];
    for (const r of results) {
      if (r.error) {
        continue;
      }
      lines.push(`${r.path}`);
      if (r.sources.length === 0) {
        lines.push('  (no data sources)');
      }
      for (const s of r.sources) {
        const status = manifestStatus(s);
        lines.push(
          `  cell ${s.cell.index + 1}:${s.range.start.line}  ${s.kind.padEnd(8)} ${s.reader}  ${s.source}  [${status}${s.remote ? (s.pinned ? ', remote, pinned' : ', remote, unpinned') : ''}]`
        );
      }
    }
    io.stdout(lines.join('\n') + (lines.length ? '\n' : ''));
  }
  return results.some(r => r.error) ? 2 : 0;
}

/** Worker thread: analyse the files the main thread sends. */
function workerMain(): void {
  const checker = new FileChecker(workerData.options);
  parentPort!.on('message', (batch: IWorkItem[]) => {
    const results: IWorkResult[] = batch.map(item => ({
      index: item.index,
      result: checker.check(item.file)
    }));
    parentPort!.postMessage(results);
  });
}

if (!isMainThread && workerData && workerData.mldebtWorker) {
  workerMain();
}
