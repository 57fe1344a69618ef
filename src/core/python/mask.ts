/**
 * Masks IPython syntax (magics, shell escapes, help) so that the rest of the
 * cell parses as Python. Every replacement keeps the length of what it
 * replaces, so offsets, lines and columns in the masked text are the cell's own.
 */

export interface IShellLine {
  /** 1-based line in the cell. */
  line: number;
  /** Offsets of the command text (after `!`, `%cmd` or the cell magic line). */
  from: number;
  to: number;
  /** `shell` for `!cmd` and bash-like cell magics, `magic` for `%cmd`. */
  kind: 'shell' | 'magic';
  /** The command text without the `!` / `%` marker. */
  command: string;
}

export interface ICellMagic {
  name: string;
  args: string;
  /** True when the body is Python (`%%time`), false for `%%bash`, `%%sql`... */
  pythonBody: boolean;
}

export interface IMaskResult {
  code: string;
  shellLines: IShellLine[];
  cellMagic: ICellMagic | null;
}

/** Cell magics whose body is Python code run by the kernel. */
export const PYTHON_CELL_MAGICS = new Set([
  'time',
  'timeit',
  'capture',
  'prun',
  'memit',
  'mprun',
  'debug',
  'python',
  'python3',
  'py',
  'pypy',
  'px',
  'cache',
  'snakeviz',
  'scalene',
  'skip'
]);

/** Cell magics whose body is a shell script. */
const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'script', 'system', 'sx']);

/** Line magics whose argument is a Python statement kept visible. */
const EXPRESSION_LINE_MAGICS = new Set(['time', 'timeit', 'prun']);

const MASK_CHAR = '_';

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** `_` followed by spaces, as long as `text`. */
function placeholder(text: string): string {
  return text.length === 0 ? '' : MASK_CHAR + ' '.repeat(text.length - 1);
}

interface IScanState {
  depth: number;
  /** The quote that opened a string still open at the end of a line. */
  openString: string | null;
  continued: boolean;
}

/** Updates bracket depth and open triple-quoted strings across one line. */
function scanLine(line: string, state: IScanState): void {
  let i = 0;
  state.continued = false;
  while (i < line.length) {
    if (state.openString) {
      const q = state.openString;
      if (line[i] === '\\') {
        i += 2;
        continue;
      }
      if (line.startsWith(q, i)) {
        state.openString = null;
        i += q.length;
        continue;
      }
      i++;
      continue;
    }
    const ch = line[i];
    if (ch === '#') {
      return;
    }
    if (ch === '"' || ch === "'") {
      const triple = line.startsWith(ch.repeat(3), i);
      const q = triple ? ch.repeat(3) : ch;
      state.openString = q;
      i += q.length;
      if (!triple) {
        // A single-quoted string ends on its line (or is an error).
        while (i < line.length && state.openString) {
          if (line[i] === '\\') {
            i += 2;
            continue;
          }
          if (line[i] === ch) {
            state.openString = null;
          }
          i++;
        }
        state.openString = null;
      }
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') {
      state.depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      state.depth = Math.max(0, state.depth - 1);
    } else if (ch === '\\' && i === line.length - 1) {
      state.continued = true;
    }
    i++;
  }
}

const ASSIGN_MAGIC =
  /^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)([!%].*)$/;

/** Cheap test: could any line hold IPython syntax at all? */
const MAYBE_IPYTHON = /^\s*[!%?]|\?\s*$|=\s*[!%]/m;

export function maskIPython(text: string): IMaskResult {
  if (!MAYBE_IPYTHON.test(text)) {
    return { code: text, shellLines: [], cellMagic: null };
  }
  const shellLines: IShellLine[] = [];
  const lines = text.split('\n');
  const out: string[] = [];
  let cellMagic: ICellMagic | null = null;
  let offset = 0;
  let start = 0;

  // A cell magic must open the cell (blank lines before it are allowed).
  while (start < lines.length && lines[start].trim() === '') {
    start++;
  }
  const first = lines[start] ?? '';
  const cellMatch = /^%%([\w.-]+)\s*(.*)$/.exec(first);
  if (cellMatch) {
    const name = cellMatch[1];
    const args = cellMatch[2];
    const scriptShell = name === 'script' && /^(ba|z|)sh\b/.test(args.trim());
    const pythonBody =
      PYTHON_CELL_MAGICS.has(name) ||
      (name === 'script' && /^python/.test(args.trim()));
    cellMagic = { name, args, pythonBody };
    if (!pythonBody) {
      // Foreign body: nothing is parsed as Python, shell bodies stay visible.
      const shellBody =
        (SHELL_CELL_MAGICS.has(name) && name !== 'script') || scriptShell;
      let off = 0;
      lines.forEach((line, i) => {
        if (shellBody && i > start && line.trim() !== '') {
          shellLines.push({
            line: i + 1,
            from: off,
            to: off + line.length,
            kind: 'shell',
            command: line.trim()
          });
        }
        off += line.length + 1;
      });
      return { code: blank(text), shellLines, cellMagic };
    }
  }

  const state: IScanState = { depth: 0, openString: null, continued: false };
  let magicContinues = false;
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    let masked = line;
    const atStatementStart =
      state.depth === 0 && !state.openString && !state.continued;
    if (magicContinues) {
      // A magic or shell line ending in `\` continues on this line.
      masked = blank(line);
      magicContinues = /\\\s*$/.test(line);
    } else if (cellMagic && i === start) {
      masked = blank(line);
    } else if (atStatementStart) {
      masked = maskStatementLine(line, lineNo, offset, shellLines);
      if (masked !== line) {
        magicContinues = /\\\s*$/.test(line);
      }
    }
    if (masked === line || !magicContinues) {
      scanLine(masked, state);
    }
    out.push(masked);
    offset += line.length + 1;
  });
  return { code: out.join('\n'), shellLines, cellMagic };
}

function maskStatementLine(
  line: string,
  lineNo: number,
  offset: number,
  shellLines: IShellLine[]
): string {
  const indent = /^\s*/.exec(line)![0];
  const body = line.slice(indent.length);
  if (body.startsWith('!') || body.startsWith('%')) {
    const isShell = body.startsWith('!') || /^%%?(sx|system)\b/.test(body);
    const marker = body.startsWith('!!') || body.startsWith('%%') ? 2 : 1;
    const command = body.slice(marker);
    shellLines.push({
      line: lineNo,
      from: offset + indent.length + marker,
      to: offset + line.length,
      kind: isShell ? 'shell' : 'magic',
      command: command.trim()
    });
    const magicName = /^%([\w.]+)(\s+)(.*)$/.exec(body);
    if (
      magicName &&
      EXPRESSION_LINE_MAGICS.has(magicName[1]) &&
      magicName[3].trim() !== '' &&
      !magicName[3].trim().startsWith('-')
    ) {
      // `%time f()` → `_;   f()`: the timed statement stays analysable.
      const head = '%' + magicName[1] + magicName[2];
      return indent + '_;' + ' '.repeat(head.length - 2) + magicName[3];
    }
    return indent + placeholder(body);
  }
  const assign = ASSIGN_MAGIC.exec(line);
  if (assign) {
    const rhs = assign[2];
    const isShell = rhs.startsWith('!') || /^%(sx|system)\b/.test(rhs);
    const magicName = /^%([\w.]+)(\s+)(.*)$/.exec(rhs);
    shellLines.push({
      line: lineNo,
      from: offset + assign[1].length + 1,
      to: offset + line.length,
      kind: isShell ? 'shell' : 'magic',
      command: rhs.slice(1).trim()
    });
    if (
      magicName &&
      EXPRESSION_LINE_MAGICS.has(magicName[1]) &&
      magicName[3].trim() !== '' &&
      !magicName[3].trim().startsWith('-')
    ) {
      // `x = %time f()` → `x =       f()`
      return (
        assign[1] +
        ' '.repeat(magicName[1].length + 1 + magicName[2].length) +
        magicName[3]
      );
    }
    return assign[1] + placeholder(rhs);
  }
  // Help: `obj?`, `obj??`, `??obj`.
  const help = /^([A-Za-z_][\w.]*(?:\(\))?)(\?\??)\s*$/.exec(body);
  if (help) {
    return (
      indent +
      help[1] +
      ' '.repeat(help[2].length) +
      line.slice(indent.length + body.length)
    );
  }
  const helpBefore = /^\?\?([A-Za-z_][\w.]*)\s*$/.exec(body);
  if (helpBefore) {
    return indent + '_;' + body.slice(2);
  }
  return line;
}
