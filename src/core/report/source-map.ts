/**
 * Maps a (cell, line) of a notebook to the line of its .ipynb file, so SARIF
 * and GitHub annotations point into the file itself. Works on the usual
 * nbformat layout (one source line per JSON line); falls back to the line of
 * the cell's "source" key.
 */
export class NotebookFileMap {
  private readonly cellSourceLines: { line: number; list: boolean }[] = [];

  constructor(fileText: string) {
    const lines = fileText.split('\n');
    let inCell = -1;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (/^\s*"cell_type"\s*:/.test(l)) {
        inCell++;
      }
      const m = /^\s*"source"\s*:\s*(\[)?/.exec(l);
      if (m && inCell >= 0 && this.cellSourceLines[inCell] === undefined) {
        const list = !!m[1] && !/\]\s*,?\s*$/.test(l.slice(m[0].length));
        this.cellSourceLines[inCell] = { line: i + 1, list };
      }
    }
    // "source" may come before "cell_type" in a cell: then indices are off by
    // one cell; detect by count and fall back to ordering by occurrence.
    if (this.cellSourceLines.length === 0) {
      let k = 0;
      lines.forEach((l, i) => {
        if (/^\s*"source"\s*:/.test(l)) {
          this.cellSourceLines[k++] = { line: i + 1, list: /\[\s*$/.test(l) };
        }
      });
    }
  }

  /** 1-based file line of a 1-based line of cell `index`. */
  fileLine(index: number, line: number): number {
    const entry = this.cellSourceLines[index];
    if (!entry) {
      return 1;
    }
    return entry.list ? entry.line + line : entry.line;
  }
}
