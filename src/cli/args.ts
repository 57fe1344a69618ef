/** Command-line parsing for `mldebt`. */
import { Severity } from '../core/types';

export class UsageError extends Error {}

export type CheckFormat = 'text' | 'json' | 'sarif' | 'github' | 'markdown';

export interface ICheckArgs {
  command: 'check';
  paths: string[];
  format: CheckFormat;
  select: string[];
  ignore: string[];
  failOn: Severity | 'never';
  config: string | null;
  /** `--requirements FILE`, repeatable: the dependency files to use instead of searching. */
  requirements: string[];
  jobs: number;
  quiet: boolean;
}

export interface IRulesArgs {
  command: 'rules';
  format: 'text' | 'json' | 'markdown';
}

export interface IInputsArgs {
  command: 'inputs';
  paths: string[];
  format: 'text' | 'json';
  config: string | null;
}

export type Args =
  | IInputsArgs
  | ICheckArgs
  | IRulesArgs
  | { command: 'version' }
  | { command: 'help' };

export const USAGE = `Usage:
  mldebt check [options] PATH...   analyse notebooks (files or directories)
  mldebt inputs [--format text|json] [--config FILE] PATH...
                                   the data manifest: every source read,
                                   downloaded and written, declared or not
  mldebt rules [--format text|json|markdown]
  mldebt --version | --help

Options for check:
  --format FORMAT      text|json|sarif|github|markdown (default: text)
  --select RULES       only these rule ids or families (comma-separated)
  --ignore RULES       skip these rule ids or families (comma-separated)
  --fail-on LEVEL      error|warning|info|never (default: warning)
  --config FILE        configuration file (JSON or TOML)
  --requirements FILE  dependency file (requirements.txt, pyproject.toml,
                       environment.yml, ...) to use instead of the ones found
                       beside the notebooks or above them; repeatable
  --jobs N             notebooks analysed in parallel (default: CPU count - 1)
  --quiet              print findings only, no summary

Exit codes: 0 nothing reached --fail-on, 1 some finding did, 2 a file could
not be read or is not a notebook, or the usage is wrong.`;

function list(value: string): string[] {
  return value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
}

export function parseArgs(argv: string[], cpus: number): Args {
  if (
    argv.length === 0 ||
    argv[0] === '--help' ||
    argv[0] === '-h' ||
    argv[0] === 'help'
  ) {
    return { command: 'help' };
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    return { command: 'version' };
  }
  const [command, ...rest] = argv;
  const take = (i: number, flag: string): string => {
    const v = rest[i + 1];
    if (v === undefined || v.startsWith('--')) {
      throw new UsageError(`${flag} needs a value`);
    }
    return v;
  };
  if (command === 'rules') {
    let format: IRulesArgs['format'] = 'text';
    for (let i = 0; i < rest.length; i++) {
      const [flag, inline] = rest[i].split(/=(.*)/s, 2);
      if (flag === '--format') {
        const v = inline ?? take(i++, flag);
        if (v !== 'text' && v !== 'json' && v !== 'markdown') {
          throw new UsageError(
            `--format must be text, json or markdown, not ${v}`
          );
        }
        format = v;
      } else {
        throw new UsageError(`unknown option for rules: ${rest[i]}`);
      }
    }
    return { command: 'rules', format };
  }
  if (command === 'inputs') {
    const out: IInputsArgs = {
      command: 'inputs',
      paths: [],
      format: 'text',
      config: null
    };
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (!arg.startsWith('--')) {
        out.paths.push(arg);
        continue;
      }
      const [flag, inline] = arg.split(/=(.*)/s, 2);
      const v = inline ?? take(i++, flag);
      if (flag === '--format') {
        if (v !== 'text' && v !== 'json') {
          throw new UsageError(`--format must be text or json, not ${v}`);
        }
        out.format = v;
      } else if (flag === '--config') {
        out.config = v;
      } else {
        throw new UsageError(`unknown option for inputs: ${arg}`);
      }
    }
    if (out.paths.length === 0) {
      throw new UsageError('inputs needs at least one PATH');
    }
    return out;
  }
  if (command !== 'check') {
    throw new UsageError(
      `unknown command: ${command} (expected check, inputs or rules)`
    );
  }
  const args: ICheckArgs = {
    command: 'check',
    paths: [],
    format: 'text',
    select: [],
    ignore: [],
    failOn: 'warning',
    config: null,
    requirements: [],
    // The main thread reads results and prints: it needs a core of its own
    // (measured: on 2 cores, 2 worker threads are slower than none).
    jobs: Math.max(1, cpus - 1),
    quiet: false
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('--')) {
      args.paths.push(arg);
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const value = (): string => {
      if (inline !== undefined) {
        return inline;
      }
      const v = take(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '--format': {
        const v = value();
        if (!['text', 'json', 'sarif', 'github', 'markdown'].includes(v)) {
          throw new UsageError(
            `--format must be text, json, sarif, github or markdown, not ${v}`
          );
        }
        args.format = v as CheckFormat;
        break;
      }
      case '--select':
        args.select.push(...list(value()));
        break;
      case '--ignore':
        args.ignore.push(...list(value()));
        break;
      case '--fail-on': {
        const v = value();
        if (!['error', 'warning', 'info', 'never'].includes(v)) {
          throw new UsageError(
            `--fail-on must be error, warning, info or never, not ${v}`
          );
        }
        args.failOn = v as ICheckArgs['failOn'];
        break;
      }
      case '--config':
        args.config = value();
        break;
      case '--requirements':
        args.requirements.push(value());
        break;
      case '--jobs': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) {
          throw new UsageError(
            `--jobs must be a whole number of at least 1, not ${v}`
          );
        }
        args.jobs = n;
        break;
      }
      case '--quiet':
        args.quiet = true;
        break;
      default:
        throw new UsageError(`unknown option: ${arg}`);
    }
  }
  if (args.paths.length === 0) {
    throw new UsageError('check needs at least one PATH');
  }
  return args;
}
