/**
 * The notebook's data manifest: every source it reads, downloads and writes,
 * resolved through simple assignments across cells, and whether it is
 * declared (built from parameters-cell names, listed in the notebook's
 * `mldebt.inputs`/`outputs` metadata, or in settings / `[tool.mldebt]`).
 */
import {
  Expr,
  forEachStmtBody,
  forEachStmtExpr,
  IArg,
  Stmt,
  walkExpr
} from '../ast';
import { IAnalysedCell, NameQuery, NotebookModel } from '../model';
import { derive } from '../facts';
import { DataKind, IReaderMatch, matchReader } from './readers';

export interface IDataSource {
  kind: DataKind;
  /** The reader as written: `pd.read_csv`, `open`, `!wget`. */
  reader: string;
  /** The source: resolved text (`{NAME}` stands for a parameter), or the expression as written. */
  source: string;
  /** True when the source resolved to text. */
  resolved: boolean;
  declared: boolean;
  declaredBy?: 'parameters' | 'metadata' | 'settings';
  remote: boolean;
  pinned: boolean;
  /** Read back after the notebook itself wrote it (not an external input). */
  producedHere?: boolean;
  /** Set for a reader inside a function whose path is a parameter of it. */
  helperParameter?: { name: string; fn: string };
  cell: IAnalysedCell;
  /** Offsets of the source expression in the cell (of the call when none). */
  from: number;
  to: number;
  shell: boolean;
}

export interface IManifestOptions {
  declaredInputs: string[];
  declaredOutputs: string[];
  extraReaders: string[];
}

interface IResolved {
  text: string | null;
  params: boolean;
  helper?: { name: string; fn: string };
}

const MAX_DEPTH = 8;

const BUFFERS = /^(io\.(StringIO|BytesIO)|StringIO|BytesIO|open|io\.open)$/;

class Resolver {
  constructor(private readonly model: NotebookModel) {}

  /** Is the expression an in-memory buffer or an open handle (`io.StringIO(...)`)? */
  isBuffer(
    e: Expr,
    cell: IAnalysedCell,
    at: number,
    fn: string | null
  ): boolean {
    let value: Expr | null = e;
    if (e.type === 'Name') {
      const local = fn
        ? (cell.facts!.bindingsByName.get(e.name) ?? [])
            .filter(b => b.inFunction === fn && b.from < at)
            .pop()
        : undefined;
      const global = this.model
        .bindings(e.name)
        .filter(
          b =>
            b.item.inFunction === null &&
            (b.cell.index < cell.index || (b.cell === cell && b.item.from < at))
        )
        .pop();
      value = local ? local.value : global ? global.item.value : null;
    }
    return (
      !!value &&
      value.type === 'Call' &&
      BUFFERS.test(this.model.resolve(value.callee) ?? '')
    );
  }

  resolve(
    e: Expr,
    cell: IAnalysedCell,
    at: number,
    fn: string | null,
    depth = 0
  ): IResolved {
    if (depth > MAX_DEPTH) {
      return { text: null, params: false };
    }
    switch (e.type) {
      case 'Str':
        if (e.value !== null) {
          return { text: e.value, params: false };
        }
        return this.fstring(e, cell, at, fn, depth);
      case 'BinOp':
        if (e.op === '+' || e.op === '/') {
          const a = this.resolve(e.left, cell, at, fn, depth + 1);
          const b = this.resolve(e.right, cell, at, fn, depth + 1);
          return join(a, b, e.op === '/' ? '/' : '');
        }
        return { text: null, params: false };
      case 'Call': {
        const callee = this.model.resolve(e.callee) ?? '';
        const args = e.args
          .filter((a: IArg) => !a.name && !a.star)
          .map(a => a.value);
        if (
          /^(os\.path\.join|posixpath\.join|pathlib\.Path|Path|pathlib\.PurePath|str|os\.fspath|os\.path\.expanduser)$/.test(
            callee
          ) &&
          args.length > 0
        ) {
          let acc = this.resolve(args[0], cell, at, fn, depth + 1);
          for (const a of args.slice(1)) {
            acc = join(acc, this.resolve(a, cell, at, fn, depth + 1), '/');
          }
          return acc;
        }
        return { text: null, params: false };
      }
      case 'Name':
        return this.name(e.name, cell, at, fn, depth);
      default:
        return { text: null, params: false };
    }
  }

  private fstring(
    e: Expr & { type: 'Str' },
    cell: IAnalysedCell,
    at: number,
    fn: string | null,
    depth: number
  ): IResolved {
    const raw = cell.text.slice(e.from, e.to);
    const open = /^[rRbBuUfF]*('''|"""|'|"|`)/.exec(raw);
    if (!open) {
      return { text: null, params: false };
    }
    let text = '';
    let params = false;
    let pos = e.from + open[0].length;
    const end = e.to - open[1].length;
    for (const part of e.parts) {
      const brace = cell.text.lastIndexOf(
        open[1] === '`' ? '${' : '{',
        part.from
      );
      text += cell.text.slice(pos, brace);
      const r = this.resolve(part, cell, at, fn, depth + 1);
      if (r.text === null) {
        return { text: null, params: false, helper: r.helper };
      }
      text += r.text;
      params = params || r.params;
      const close = cell.text.indexOf('}', part.to);
      pos = close < 0 ? part.to : close + 1;
    }
    text += cell.text.slice(pos, end);
    return { text, params };
  }

  private name(
    name: string,
    cell: IAnalysedCell,
    at: number,
    fn: string | null,
    depth: number
  ): IResolved {
    if (fn) {
      // A parameter of the enclosing function: a helper reader.
      const param = cell
        .facts!.bindingsByName.get(name)
        ?.find(b => b.kind === 'param' && b.inFunction === fn);
      if (param) {
        return { text: null, params: false, helper: { name, fn } };
      }
    }
    if (fn) {
      // A local of the enclosing function, assigned before this use.
      const locals = (cell.facts!.bindingsByName.get(name) ?? []).filter(
        b => b.inFunction === fn && b.kind === 'assign' && b.from < at
      );
      const local = locals[locals.length - 1];
      if (local) {
        return local.value && !local.conditional
          ? this.resolve(local.value, cell, local.from, fn, depth + 1)
          : { text: null, params: false };
      }
    }
    if (this.model.isParameter(name)) {
      return { text: `{${name}}`, params: true };
    }
    // The nearest module-level binding before this use, in document order.
    const bindings = this.model
      .bindings(name)
      .filter(
        b =>
          b.item.inFunction === null &&
          (b.cell.index < cell.index || (b.cell === cell && b.item.from < at))
      );
    const last = bindings[bindings.length - 1];
    if (
      !last ||
      last.item.kind !== 'assign' ||
      !last.item.value ||
      last.item.conditional
    ) {
      return { text: null, params: false };
    }
    return this.resolve(
      last.item.value,
      last.cell,
      last.item.from,
      null,
      depth + 1
    );
  }
}

function join(a: IResolved, b: IResolved, sep: string): IResolved {
  if (a.text === null || b.text === null) {
    return { text: null, params: false, helper: a.helper ?? b.helper };
  }
  const left = sep && a.text.endsWith(sep) ? a.text.slice(0, -1) : a.text;
  const right = sep && b.text.startsWith(sep) ? b.text.slice(1) : b.text;
  return {
    text: sep ? `${left}${sep}${right}` : left + right,
    params: a.params || b.params
  };
}

/** Is the source text covered by a declared entry (path, glob with `*`/`**`, or URL prefix)? */
export function matchesDeclared(
  source: string,
  entries: readonly string[]
): boolean {
  const norm = (s: string): string => s.replace(/^\.\//, '');
  const text = norm(source);
  return entries.some(raw => {
    const entry = norm(raw.trim());
    if (!entry) {
      return false;
    }
    if (entry === text) {
      return true;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.endsWith('/')) {
      if (text.startsWith(entry)) {
        return true;
      }
    }
    if (/[*?]/.test(entry)) {
      const re = new RegExp(
        '^' +
          entry
            .split('**')
            .map(part =>
              part
                .replace(/[.+^${}()|[\]\\]/g, '\\$&')
                .replace(/\*/g, '[^/]*')
                .replace(/\?/g, '[^/]')
            )
            .join('.*') +
          '$'
      );
      return re.test(text);
    }
    return false;
  });
}

const LOCAL_SERVICE =
  /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0)([:/]|$)/i;
const REMOTE = /^(https?|s3|s3a|gs|gcs|hf|az|abfss?|ftp):\/\//i;
const PINNED =
  /[?&](version|versionId|rev|revision|ref|sha|sha256|md5|hash|generation)=|\/(v\d+(\.\d+)*|\d{4}-\d{2}-\d{2}|[0-9a-f]{40})(\/|$)|\/(resolve|blob|raw|tree)\/[0-9a-f]{7,40}\/|@(v?\d[\w.]*|[0-9a-f]{7,40})|#(sha256|md5)=|^https?:\/\/tfhub\.dev\/.+\/\d+$|^https?:\/\/www\.kaggle\.com\/models\/.+\/\d+$/i;
const PIN_KEYWORDS = new Set([
  'revision',
  'version',
  'sha256',
  'md5',
  'md5_hash',
  'file_hash',
  'checksum',
  'hash',
  'commit_hash',
  'known_hash'
]);

/** Shell commands that download data, and how to find their source. */
function shellSources(command: string): { reader: string; source: string }[] {
  const words = command.trim().split(/\s+/);
  const tool = words[0];
  const args = words.slice(1).filter(w => !w.startsWith('-'));
  const urls = words.filter(w => REMOTE.test(w.replace(/^["']|["']$/g, '')));
  switch (tool) {
    case 'wget':
    case 'curl':
    case 'aria2c':
      return urls.map(u => ({
        reader: `!${tool}`,
        source: u.replace(/^["']|["']$/g, '')
      }));
    case 'gsutil':
    case 'gcloud':
      return words.includes('cp') || words.includes('rsync')
        ? args
            .filter(a => /^gs:\/\//.test(a))
            .map(s => ({ reader: `!${tool} cp`, source: s }))
        : [];
    case 'aws':
      return words.includes('s3') &&
        (words.includes('cp') || words.includes('sync'))
        ? args
            .filter(a => /^s3:\/\//.test(a))
            .map(s => ({ reader: '!aws s3 cp', source: s }))
        : [];
    case 'kaggle':
      if (words.includes('download')) {
        const i = words.findIndex(
          w =>
            w === '-c' ||
            w === '-d' ||
            w === '--competition' ||
            w === '--dataset'
        );
        const name = i >= 0 ? words[i + 1] : args[args.length - 1];
        const what = words.includes('competitions')
          ? 'competitions'
          : 'datasets';
        return name
          ? [{ reader: '!kaggle download', source: `kaggle://${what}/${name}` }]
          : [];
      }
      return [];
    case 'git':
      return words[1] === 'clone' && args.length > 1
        ? [{ reader: '!git clone', source: args[1] }]
        : [];
    case 'gdown':
      return args.length > 0 ? [{ reader: '!gdown', source: args[0] }] : [];
    default:
      return [];
  }
}

/** `{NAME}` / `$NAME` in a shell line, when NAME is a parameter, counts as declared. */
function shellParams(model: NotebookModel, source: string): boolean {
  const names = [
    ...source.matchAll(/\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g)
  ].map(m => m[1] ?? m[2]);
  return names.length > 0 && names.every(n => model.isParameter(n));
}

const manifests = new WeakMap<
  NotebookModel,
  Map<string, { sources: IDataSource[]; names: [string, NameQuery][] }>
>();

/**
 * What of a cell the manifest reads directly (beyond names it looks up
 * through the model): the cell's text when it has a reader call or a shell
 * line, else nothing. The data rules' cell signature.
 */
export function dataSignature(
  model: NotebookModel,
  cell: IAnalysedCell,
  extraReaders: string[]
): string {
  return cell.facts!.shellLines.length > 0 ||
    readerCalls(model, cell, extraReaders).length > 0
    ? cell.text
    : '';
}

/** The data manifest of a notebook (memoised per analysis and options). */
export function dataManifest(
  model: NotebookModel,
  options: IManifestOptions
): IDataSource[] {
  const key = JSON.stringify(options);
  let byKey = manifests.get(model);
  if (!byKey) {
    byKey = new Map();
    manifests.set(model, byKey);
  }
  const hit = byKey.get(key);
  if (hit) {
    // Several rules share the manifest: each is told the names it depends on.
    const queries = model.nameQueries;
    if (queries) {
      for (const [name, kind] of hit.names) {
        queries(name, kind);
      }
    }
    return hit.sources;
  }
  const names: [string, NameQuery][] = [];
  const outer = model.nameQueries;
  model.nameQueries = (name, kind) => {
    names.push([name, kind]);
    outer?.(name, kind);
  };
  try {
    const sources = buildManifest(model, options);
    byKey.set(key, { sources, names });
    return sources;
  } finally {
    model.nameQueries = outer;
  }
}

function buildManifest(
  model: NotebookModel,
  options: IManifestOptions
): IDataSource[] {
  const meta = model.notebook.metadata?.mldebt ?? {};
  const metaInputs = Array.isArray(meta.inputs)
    ? meta.inputs.filter((x): x is string => typeof x === 'string')
    : [];
  const metaOutputs = Array.isArray(meta.outputs)
    ? meta.outputs.filter((x): x is string => typeof x === 'string')
    : [];
  const resolver = new Resolver(model);
  const out: IDataSource[] = [];
  const declare = (
    kind: DataKind,
    text: string
  ): IDataSource['declaredBy'] | undefined => {
    const meta = kind === 'write' ? metaOutputs : metaInputs;
    const settings =
      kind === 'write' ? options.declaredOutputs : options.declaredInputs;
    return matchesDeclared(text, meta)
      ? 'metadata'
      : matchesDeclared(text, settings)
        ? 'settings'
        : undefined;
  };
  for (const cell of model.codeCells) {
    const facts = cell.facts!;
    for (const { m, fn } of readerCalls(model, cell, options.extraReaders)) {
      // A list of sources (`TFRecordDataset(["a.tfrecord", "b.tfrecord"])`): one entry each.
      const sources: (Expr | null)[] =
        m.source && m.source.type === 'Seq' && m.source.elements.length > 0
          ? m.source.elements
          : [m.source];
      for (const src of sources) {
        if (
          src &&
          (readsAnotherSource(model, src, options.extraReaders) ||
            resolver.isBuffer(src, cell, src.from, fn))
        ) {
          continue; // a stream from another reader, or an in-memory buffer
        }
        // A dataset fetched by name (`fetch_openml("mnist_784")`): the call is the source.
        const r: IResolved = m.name
          ? { text: m.name, params: false }
          : src
            ? resolver.resolve(src, cell, src.from, fn)
            : {
                text: cell.text
                  .slice(m.call.from, m.call.to)
                  .replace(/\s+/g, ' '),
                params: false
              };
        const text = r.text;
        if (text !== null && LOCAL_SERVICE.test(text)) {
          continue; // a call to a service on this machine, not a data source
        }
        const shown =
          text ?? (src ? cell.text.slice(src.from, src.to) : `${m.reader}()`);
        const remote = !!m.remote || (text !== null && REMOTE.test(text));
        const pinnedByArgs = m.call.args.some(
          a => a.name && PIN_KEYWORDS.has(a.name)
        );
        let declaredBy: IDataSource['declaredBy'] = r.params
          ? 'parameters'
          : undefined;
        if (!declaredBy && text !== null) {
          declaredBy = declare(m.kind, text);
        }
        out.push({
          kind: m.kind,
          reader: m.reader,
          source: shown,
          resolved: text !== null,
          declared: !!declaredBy,
          declaredBy,
          remote,
          pinned: pinnedByArgs || (text !== null && PINNED.test(text)),
          helperParameter: r.helper,
          cell,
          from: src ? src.from : m.call.from,
          to: src ? src.to : m.call.to,
          shell: false
        });
      }
    }
    for (const line of facts.shellLines) {
      if (line.kind !== 'shell' && !/^(sx|system)\b/.test(line.command)) {
        continue;
      }
      const command = line.command.replace(/^(sx|system)\s+/, '');
      for (const s of shellSources(command)) {
        const at = cell.text.indexOf(s.source, line.from);
        const params = shellParams(model, s.source);
        const declaredBy: IDataSource['declaredBy'] = params
          ? 'parameters'
          : declare('download', s.source);
        out.push({
          kind: 'download',
          reader: s.reader,
          source: s.source,
          resolved: true,
          declared: !!declaredBy,
          declaredBy,
          remote: true,
          pinned: PINNED.test(s.source),
          cell,
          from: at >= 0 ? at : line.from,
          to: at >= 0 ? at + s.source.length : line.to,
          shell: true
        });
      }
    }
  }
  // A file read back after this notebook wrote it is not an external input.
  const written = new Set<string>();
  for (const s of out
    .slice()
    .sort((a, b) => a.cell.index - b.cell.index || a.from - b.from)) {
    if (s.kind === 'write' && s.resolved) {
      written.add(s.source);
    } else if (s.kind === 'read' && s.resolved && written.has(s.source)) {
      s.producedHere = true;
    }
  }
  return out;
}

const readerKeys = new Map<string, string>();
/** The last key `readerKey` built, and what it was built from. */
let lastReaderKey: { imports: string; extra: string[]; key: string } | null =
  null;

/**
 * The memo key of a cell's reader calls: the notebook's imports and the
 * extra readers, interned so that looking a cell up compares pointers. The
 * last one is kept: every cell of an analysis asks for the same key.
 */
function readerKey(model: NotebookModel, extraReaders: string[]): string {
  const last = lastReaderKey;
  if (
    last &&
    last.imports === model.importsKey &&
    (last.extra === extraReaders ||
      last.extra.join(',') === extraReaders.join(','))
  ) {
    return last.key;
  }
  const full = `readers\u0000${model.importsKey}\u0000${extraReaders.join(',')}`;
  let key = readerKeys.get(full);
  if (!key) {
    if (readerKeys.size > 1000) {
      readerKeys.clear();
    }
    readerKeys.set(full, full);
    key = full;
  }
  lastReaderKey = { imports: model.importsKey, extra: extraReaders, key };
  return key;
}

/**
 * The reader calls of one cell, with their enclosing function: memoised with
 * the cell's facts (per imports and extra readers), so a keystroke matches
 * calls in the edited cell only.
 */
function readerCalls(
  model: NotebookModel,
  cell: IAnalysedCell,
  extraReaders: string[]
): { m: IReaderMatch; fn: string | null }[] {
  return derive(cell.facts!, readerKey(model, extraReaders), facts => {
    const out: { m: IReaderMatch; fn: string | null }[] = [];
    visitCalls(facts.body, null, (call, fn) => {
      const m = matchReader(model, call, extraReaders);
      if (m) {
        out.push({ m, fn });
      }
    });
    return out;
  });
}

/** `Image.open(requests.get(url).raw)`: the inner call is the source already. */
function readsAnotherSource(
  model: NotebookModel,
  e: Expr,
  extraReaders: string[]
): boolean {
  let found = false;
  walkExpr(e, x => {
    if (!found && x.type === 'Call' && matchReader(model, x, extraReaders)) {
      found = true;
    }
  });
  return found;
}

/** Calls in statements, with the name of the enclosing function. */
function visitCalls(
  body: Stmt[],
  fn: string | null,
  visit: (call: Expr & { type: 'Call' }, fn: string | null) => void
): void {
  const onExpr = (x: Expr): void => {
    if (x.type === 'Call') {
      visit(x, fn);
    }
  };
  const inBody = (e: Expr): void => walkExpr(e, onExpr);
  for (const s of body) {
    forEachStmtExpr(s, inBody);
    const inner = s.type === 'FunctionDef' ? s.name : fn;
    forEachStmtBody(s, b => visitCalls(b, inner, visit));
  }
}
