/** Text helpers: offsets to 1-based line/column and back, hashing. */
import { IPosition, IRange } from './types';

/** Maps offsets in a text to 1-based lines and columns (columns count UTF-16 units). */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): IPosition {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }

  range(from: number, to: number): IRange {
    return { start: this.position(from), end: this.position(to) };
  }

  offset(position: IPosition): number {
    const start = this.lineStarts[Math.min(position.line, this.lineCount) - 1];
    return start + position.column - 1;
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[line - 1];
  }

  /** Offset of the end of a 1-based line (before its newline). */
  lineEnd(line: number): number {
    return line < this.lineCount ? this.lineStarts[line] - 1 : this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** FNV-1a 32-bit hash of a string, as 8 hex digits: short and stable. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Normalises a cell source (string or list of lines) to one string. */
export function joinSource(source: unknown): string {
  if (typeof source === 'string') {
    return source;
  }
  if (Array.isArray(source) && source.every(s => typeof s === 'string')) {
    return source.join('');
  }
  throw new TypeError('cell source must be a string or a list of strings');
}
