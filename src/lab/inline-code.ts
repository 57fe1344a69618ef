/**
 * Messages mark code with Markdown backticks (`proba > 0.37`). The panel, the
 * export review and Explain draw those spans as <code>; editor tooltips (plain
 * `title` text) drop the backticks. Always as text nodes, never as HTML.
 */

export interface ISegment {
  text: string;
  code: boolean;
}

/**
 * Splits a message into prose and code spans. A run of N backticks opens a
 * span that the next run of exactly N backticks closes (as in CommonMark), so
 * code holding a backtick can be written with a longer fence; an unclosed
 * run stays as it is.
 */
export function splitInlineCode(text: string): ISegment[] {
  const out: ISegment[] = [];
  let prose = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '`') {
      prose += text[i++];
      continue;
    }
    let n = 0;
    while (text[i + n] === '`') {
      n++;
    }
    const close = findFence(text, i + n, n);
    if (close < 0) {
      prose += text.slice(i, i + n);
      i += n;
      continue;
    }
    if (prose) {
      out.push({ text: prose, code: false });
      prose = '';
    }
    let code = text.slice(i + n, close);
    // `` `a` `` keeps the backticks it was fenced to show.
    if (/^ .*[^ ].* $/.test(code)) {
      code = code.slice(1, -1);
    }
    out.push({ text: code, code: true });
    i = close + n;
  }
  if (prose) {
    out.push({ text: prose, code: false });
  }
  return out;
}

function findFence(text: string, from: number, n: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '`') {
      continue;
    }
    let m = 0;
    while (text[i + m] === '`') {
      m++;
    }
    if (m === n) {
      return i;
    }
    i += m - 1;
  }
  return -1;
}

/** The message as plain text: code spans keep their text, without backticks. */
export function stripInlineCode(text: string): string {
  return splitInlineCode(text)
    .map(s => s.text)
    .join('');
}

/** Appends the message to an element: prose as text, code spans as <code>. */
export function appendInlineCode(parent: HTMLElement, text: string): void {
  for (const s of splitInlineCode(text)) {
    if (s.code) {
      const code = document.createElement('code');
      code.className = 'jp-MldebtCode';
      code.textContent = s.text;
      parent.appendChild(code);
    } else {
      parent.appendChild(document.createTextNode(s.text));
    }
  }
}
