/** dead-code: runs of comment lines that are code, and cells disabled by quoting. */
import { dottedName, Expr, Stmt } from '../core/ast';
import { IComment } from '../core/parse';
import { parseJavaScript } from '../core/javascript/frontend';
import { parsePython } from '../core/python/frontend';
import { maskIPython } from '../core/python/mask';
import { BoundedMemo } from '../core/memo';
import { IAnalysedCell } from '../core/model';
import { IRule } from '../core/rule';
import { isDirectiveComment } from '../core/suppression';
import { plural } from './util';

type Language = 'python' | 'javascript';

interface ILine {
  /** Offsets of the whole comment line, from its indentation to its end. */
  from: number;
  to: number;
  /** The comment text without its marker. */
  body: string;
  line: number;
}

const NOT_CODE = [
  /^\s*$/,
  /^(todo|fixme|note|xxx|hack|bug|nb|warning|optional)\b/i,
  /^(noqa|type:|pylint:|fmt:|isort:|flake8|pragma|mldebt:|eslint|prettier-ignore|@ts-|istanbul|jshint|global\s)/i,
  /^-\*-.*coding|^(vim?|ex):/,
  /^[-=#*~_+.\s<>|/\\]{3,}$/,
  /^https?:\/\/\S+$/,
  /^[A-Za-z_]\w*[.:!?]?$/,
  /^[-+]?\d[\d.,_]*%?$/
];

/** Statements that show real code structure (not a lone name or number). */
function hasStructure(body: Stmt[]): boolean {
  if (body.length === 0) {
    return false;
  }
  return body.every(s => {
    switch (s.type) {
      case 'Assign':
        // `count = count + 2 = 3` is worked arithmetic in a comment, not code.
        return s.value !== null && s.targets.every(assignable);
      case 'AugAssign':
      case 'Import':
      case 'FunctionDef':
      case 'ClassDef':
      case 'For':
      case 'While':
      case 'If':
      case 'With':
      case 'Try':
      case 'Return':
      case 'Delete':
      case 'Assert':
        return true;
      case 'Expr':
        return (
          s.value.type === 'Call' ||
          (s.value.type === 'Other' &&
            s.value.children.some(c => c.type === 'Call'))
        );
      default:
        return false;
    }
  });
}

function assignable(e: Expr): boolean {
  return (
    e.type === 'Name' ||
    e.type === 'Attr' ||
    e.type === 'Subscript' ||
    (e.type === 'Seq' && e.elements.every(assignable)) ||
    e.type === 'Other'
  );
}

/**
 * What a commented-out block is, read as a reviewer would: code left behind,
 * debug output (`# print(x)`, `# display(df)`, `# plt.show()`), an exercise
 * scaffold (`# X = ____`, `# q_1.hint()`), or a setup instruction
 * (`# !pip install …`, "uncomment to install").
 */
export type BlockKind = 'code' | 'debug' | 'scaffold' | 'install';

const DEBUG_CALL =
  /^(print|display|pprint|pp|IPython\.display\.\w+|(plt|pyplot|sns|seaborn|px|ax\w*|axs|axes|fig)\.\w+)$|\.(show|head|tail|info|describe|plot|hist|summary|value_counts|set_[a-z]+lim|set_title|legend|savefig|imshow)$/;

const SCAFFOLD_CALL =
  /\.(hint|solution|check|solution_plot|assert_check_passed)$/;

const INSTALL =
  /^[!%]\s*(pip3?|conda|mamba|uv|apt(-get)?|brew|npm|yarn)\s+(install|add)\b/;

const blockKinds = new BoundedMemo<BlockKind>();

/**
 * `blockKind`, memoised like `looksLikeCode`: a block is parsed once, not on
 * every analysis of its cell.
 */
function cachedBlockKind(code: string[], language: Language): BlockKind {
  return blockKinds.get(`${language}\u0000${code.join('\n')}`, () =>
    blockKind(code, language)
  );
}

export function blockKind(code: string[], language: Language): BlockKind {
  const lines = code.map(l => l.trim()).filter(Boolean);
  if (lines.some(l => /(^|[^\w])_{3,}([^\w]|$)/.test(l))) {
    return 'scaffold';
  }
  if (lines.every(l => INSTALL.test(l))) {
    return 'install';
  }
  if (language !== 'python') {
    return 'code';
  }
  const masked = maskIPython(dedent(code));
  const parsed = parsePython(masked.code);
  if (parsed.error !== null || parsed.body.length === 0) {
    return 'code';
  }
  const calls = parsed.body.map(s =>
    s.type === 'Expr' && s.value.type === 'Call'
      ? (dottedName(s.value.callee) ??
        (s.value.callee.type === 'Attr' ? `.${s.value.callee.attr}` : ''))
      : null
  );
  if (calls.every(c => c !== null && SCAFFOLD_CALL.test(c))) {
    return 'scaffold';
  }
  if (
    masked.shellLines.length === 0 &&
    parsed.body.every(
      (s, i) =>
        (calls[i] !== null && DEBUG_CALL.test(calls[i]!)) ||
        (s.type === 'Expr' &&
          (s.value.type === 'Name' || s.value.type === 'Attr'))
    )
  ) {
    return 'debug';
  }
  return 'code';
}

const parseCache = new BoundedMemo<boolean>();

const PROSE_CALL = /^[A-Za-z_][\w.]*\s+\([^()]*\)\s*[.:]?$/;

/**
 * Python text with structure (see `hasStructure`) has one of these: an
 * assignment, a call, a statement keyword, or a shell or help line. Most
 * prose comments have none and need no parse.
 */
const MAY_HAVE_STRUCTURE =
  /[=(!%?]|\b(import|def|class|for|while|if|with|try|return|del|assert)\b/;

/** Does this text (comment markers removed, dedented) parse as code with structure? */
function looksLikeCode(text: string, language: Language): boolean {
  return parseCache.get(`${language}\u0000${text}`, () =>
    parsesAsCode(text, language)
  );
}

function parsesAsCode(text: string, language: Language): boolean {
  let result = false;
  if (
    PROSE_CALL.test(text.trim()) ||
    // `%tensorflow_version only exists in Colab.`: a sentence, not a magic.
    /^[%!]+\s*[\w-]+(\s+[A-Za-z]+){2,}\.$/.test(text.trim())
  ) {
    // `Parameters (papermill)`: a word and a parenthetical is prose, not a call.
    result = false;
  } else if (language === 'python' && !MAY_HAVE_STRUCTURE.test(text)) {
    result = false;
  } else if (language === 'python') {
    const masked = maskIPython(text);
    if (
      masked.shellLines.length > 0 &&
      masked.code.trim().replace(/_/g, '') === ''
    ) {
      // `# !wget …`, `# %pip install …`: commented-out shell and magic lines.
      result = true;
    } else {
      const parsed = parsePython(masked.code);
      result = parsed.error === null && hasStructure(parsed.body);
    }
  } else {
    const parsed = parseJavaScript(text);
    result = parsed.error === null && hasStructure(parsed.body);
  }
  return result;
}

function dedent(lines: string[]): string {
  const indents = lines
    .filter(l => l.trim())
    .map(l => /^\s*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map(l => l.slice(cut)).join('\n');
}

/** A header (`for x in y:`) alone does not parse: give it a body to test it. */
function withBody(text: string, language: Language): string {
  const t = text.trimEnd();
  if (language === 'python' && t.endsWith(':')) {
    return t + ' pass';
  }
  if (language === 'javascript' && t.endsWith('{')) {
    return t + '}';
  }
  return t;
}

/** Whole-line comments of a cell, one entry per line. */
function commentLines(
  cell: IAnalysedCell,
  comments: IComment[],
  language: Language
): ILine[] {
  const facts = cell.facts!;
  const lines: ILine[] = [];
  for (const c of comments) {
    if (isDirectiveComment(c.text)) {
      continue;
    }
    const start = facts.lines.position(c.from);
    const before = facts.lines.lineText(start.line).slice(0, start.column - 1);
    if (before.trim() !== '') {
      continue; // a trailing inline comment
    }
    if (language === 'python') {
      if (start.line === 1 && /^#!\//.test(c.text)) {
        continue; // a shebang
      }
      lines.push({
        from: c.from - before.length,
        to: c.to,
        body: c.text.replace(/^#+ ?/, ''),
        line: start.line
      });
      continue;
    }
    if (c.text.startsWith('//')) {
      lines.push({
        from: c.from - before.length,
        to: c.to,
        body: c.text.replace(/^\/\/+ ?/, ''),
        line: start.line
      });
      continue;
    }
    // A block comment: each line, without `/*`, `*/` and leading `*`.
    const parts = c.text
      .replace(/^\/\*+/, '')
      .replace(/\*+\/$/, '')
      .split('\n');
    let offset = c.from;
    parts.forEach((p, i) => {
      const pos = facts.lines.position(offset);
      lines.push({
        from: offset,
        to: Math.min(c.to, facts.lines.lineEnd(pos.line)),
        body: p.replace(/^\s*\* ?/, ''),
        line: pos.line
      });
      offset = facts.lines.lineStart(
        Math.min(pos.line + 1, facts.lines.lineCount)
      );
      if (i === parts.length - 1) {
        lines[lines.length - 1].to = c.to;
      }
    });
  }
  return lines;
}

/** Splits comment lines into runs of consecutive lines. */
function runs(lines: ILine[]): ILine[][] {
  const out: ILine[][] = [];
  for (const l of lines) {
    const last = out[out.length - 1];
    if (
      last &&
      last[last.length - 1].line + 1 >= l.line &&
      last[last.length - 1].line !== l.line
    ) {
      last.push(l);
    } else if (last && last[last.length - 1].line === l.line) {
      continue;
    } else {
      out.push([l]);
    }
  }
  return out;
}

/** Marks the lines of a run that hold code; multi-line statements are joined. */
function codeLines(run: ILine[], language: Language): boolean[] {
  const isCode = run.map(() => false);
  let i = 0;
  while (i < run.length) {
    const body = run[i].body;
    if (NOT_CODE.some(re => re.test(body.trim()))) {
      i++;
      continue;
    }
    // Grow a statement over following lines while brackets are open.
    let j = i;
    let depth = bracketDepth(body);
    while (depth > 0 && j + 1 < run.length && j - i < 30) {
      j++;
      depth += bracketDepth(run[j].body);
    }
    const text = dedent(run.slice(i, j + 1).map(l => l.body));
    if (depth <= 0 && looksLikeCode(withBody(text, language), language)) {
      for (let k = i; k <= j; k++) {
        isCode[k] = true;
      }
      i = j + 1;
      continue;
    }
    i++;
  }
  // Indented lines and blank comment lines between code lines belong to the block.
  for (let k = 1; k < run.length - 1; k++) {
    if (
      !isCode[k] &&
      isCode[k - 1] &&
      isCode.slice(k + 1).some(Boolean) &&
      /^\s+\S|^\s*$/.test(run[k].body)
    ) {
      isCode[k] = true;
    }
  }
  return isCode;
}

const PREVIEW_CHARS = 60;

/** The first code line as an inline code span, cut to a readable length, `…` when more follows. */
function previewOf(code: ILine[]): string {
  let text = code[0].body.trim();
  let more = code.length > 1;
  if (text.length > PREVIEW_CHARS) {
    text = text.slice(0, PREVIEW_CHARS - 1).trimEnd();
    more = true;
  }
  return codeSpan(text) + (more ? ' \u2026' : '');
}

/** Markdown inline code that survives backticks in the code itself. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(r => r.length));
  if (longest === 0) {
    return `\`${text}\``;
  }
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${text} ${fence}`;
}

function bracketDepth(text: string): number {
  let d = 0;
  // Character codes, not one-character strings: this runs on every comment line.
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote) {
      if (ch === 92 /* \\ */) {
        i++;
      } else if (ch === quote) {
        quote = 0;
      }
    } else if (ch === 34 /* " */ || ch === 39 /* ' */ || ch === 96 /* ` */) {
      quote = ch;
    } else if (ch === 35 /* # */) {
      break;
    } else if (ch === 40 /* ( */ || ch === 91 /* [ */ || ch === 123 /* { */) {
      d++;
    } else if (ch === 41 /* ) */ || ch === 93 /* ] */ || ch === 125 /* } */) {
      d--;
    }
  }
  return d;
}

export const commentedOutCode: IRule = {
  meta: {
    id: 'commented-out-code',
    family: 'dead-code',
    severity: 'warning',
    title: 'Commented-out code',
    description:
      'A block of comment lines (consecutive, or split only by blank lines) that parses as code with real structure (an assignment, a call, an import, a `def`/`class`/`for`/`if` header, a `return`), including commented-out shell and magic lines (`# !wget …`, `# %pip …`), and a cell whose whole body is a quoted string holding code. Prose, headings, TODO/NOTE lines, URLs, pragmas (`# noqa`, `# type:`, `# fmt: off`, `# mldebt: …`), separators, single words, worked arithmetic (`# count = count + 2 = 3`), sentences after a magic (`# %tensorflow_version only exists in Colab.`), course-exercise scaffolds (`# X = ____`, `# q_1.hint()`), commented-out install instructions (`# !pip install …`) and trailing inline comments are not reported. Blocks that only print, display or plot are reported as commented-out debug output at info severity (the `debugOutput` option).',
    rationale:
      'Commented-out alternatives are experiments nobody runs or updates; they go stale silently and make readers wonder which version produced the results. Version control keeps old code; the notebook should show the code that runs.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/commented-out-code.tsv): 98 findings, 75 true, 0 false, 23 debatable; precision 1.00 over the judged ones. Debug output (print/display/plot) is reported at info; exercise scaffolds, install hints, worked arithmetic and sentences after a magic are not reported. The two false ones the review found (`# %tensorflow_version only exists in Colab.`, a sentence after a magic name) are fixed; debatable ones are mostly course exercises meant to be uncommented.',
    paper: '§5 Dead Experimental Codepaths',
    options: {
      debugOutput: {
        type: 'string',
        default: 'info',
        title: 'Commented-out debug output',
        description:
          'Severity for blocks that only print, display or plot (`# print(x)`, `# display(df)`, `# plt.show()`): `info` (default), `warning`, or `off`.'
      }
    },
    coversBlock: true,
    examples: {
      bad: [
        {
          code: 'df = load()\n# df = df[df.country == "DE"]\n# df = df.sample(frac=0.1)'
        },
        { code: '# for lr in [0.1, 0.01]:\n#     model = fit(X, y, lr=lr)' },
        { code: '# !wget https://example.com/data.csv' },
        { code: '"""\nmodel = train(X, y)\nmodel.save("m.pkl")\n"""' },
        {
          code: '// const model = train(data);\nconst model = load();',
          language: 'javascript'
        }
      ],
      good: [
        { code: '# Load the data and train the model.\ndf = load()' },
        {
          code: '# TODO: use the new split\n# ---------------------\nx = f(a)  # , b=2)'
        },
        {
          code: 'import numpy as np  # noqa: F401\n# type: ignore\n# https://example.com/docs'
        },
        {
          code: 'def f(x):\n    """Square a number.\n\n    >>> f(2)\n    4\n    """\n    return x * x'
        }
      ]
    }
  },
  checkCell({ cell, options, report }) {
    const facts = cell.facts!;
    const language = facts.language;
    const debugOutput = String(options.debugOutput ?? 'info');
    // A cell disabled by quoting: its whole body is one string holding code.
    const body = facts.body;
    if (
      body.length === 1 &&
      body[0].type === 'Expr' &&
      body[0].value.type === 'Str' &&
      body[0].value.value !== null &&
      facts.comments.length === 0
    ) {
      const inner = body[0].value.value;
      const raw = cell.text.slice(body[0].from, body[0].to);
      if (
        (raw.startsWith('"""') ||
          raw.startsWith("'''") ||
          raw.startsWith('`')) &&
        inner.includes('\n') &&
        looksLikeCode(dedent(inner.split('\n')), language)
      ) {
        report({
          from: body[0].from,
          to: body[0].to,
          message:
            'This cell is disabled by quoting: its whole body is a string holding code, which never runs. Delete the cell, or restore the code if it is still needed.',
          fix: [{ from: 0, to: cell.text.length, text: '' }]
        });
        return;
      }
    }
    // The code lines of each run; blocks split only by blank lines are one block.
    const blocks: { lines: ILine[]; code: ILine[] }[] = [];
    for (const run of runs(commentLines(cell, facts.comments, language))) {
      const isCode = codeLines(run, language);
      const first = isCode.indexOf(true);
      if (first < 0) {
        continue;
      }
      const last = isCode.lastIndexOf(true);
      const lines = run.slice(first, last + 1);
      const code = run.filter((_, k) => isCode[k]);
      // Worked arithmetic (`# total = 2 * 5 = 10`, `# count = 1`): more
      // equations that are not code than lines that are.
      const equations = run.filter(
        (l, k) => !isCode[k] && /\S\s*=\s*\S/.test(l.body)
      ).length;
      if (equations > code.length) {
        continue;
      }
      const prev = blocks[blocks.length - 1];
      if (
        prev &&
        cell.text
          .slice(prev.lines[prev.lines.length - 1].to, lines[0].from)
          .trim() === ''
      ) {
        prev.lines.push(...lines);
        prev.code.push(...code);
      } else {
        blocks.push({ lines, code });
      }
    }
    for (const { lines, code } of blocks) {
      const codeCount = code.length;
      const from = lines[0].from;
      const to = lines[lines.length - 1].to;
      const wholeCell =
        cell.text.slice(0, from).trim() === '' &&
        cell.text.slice(to).trim() === '';
      // Delete whole lines, with their line break.
      const end = cell.text[to] === '\n' ? to + 1 : to;
      const preview = previewOf(code);
      const kind = cachedBlockKind(
        code.map(l => l.body),
        language
      );
      if (
        kind === 'scaffold' ||
        kind === 'install' ||
        (kind === 'debug' && debugOutput === 'off')
      ) {
        continue;
      }
      if (kind === 'debug') {
        report({
          from,
          to,
          severity: debugOutput === 'warning' ? 'warning' : 'info',
          message: `${codeCount === 1 ? 'A line' : plural(codeCount, 'line')} of commented-out debug output (${preview}): delete ${codeCount === 1 ? 'it' : 'them'} before sharing the notebook.`,
          fix: [
            { from: facts.lines.lineStart(lines[0].line), to: end, text: '' }
          ]
        });
        continue;
      }
      report({
        from,
        to,
        message: wholeCell
          ? `This whole cell is commented-out code (${plural(codeCount, 'line')}: ${preview}): delete the cell, or restore the code if it is still needed.`
          : `${plural(codeCount, 'line')} of commented-out code (${preview}): delete ${codeCount === 1 ? 'it' : 'them'} (version control remembers old code), or restore ${codeCount === 1 ? 'it' : 'them'} if still needed.`,
        fix: [{ from: facts.lines.lineStart(lines[0].line), to: end, text: '' }]
      });
    }
  }
};
