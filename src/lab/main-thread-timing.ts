/**
 * Spans of the extension's own main-thread work, recorded only when a
 * benchmark asks (`globalThis.__mldebtProfile = true` before JupyterLab
 * loads): the browser benchmark reads them from `globalThis.__mldebtSpans`
 * to tell the extension's long tasks from JupyterLab's own.
 */
export interface ISpan {
  name: string;
  start: number;
  duration: number;
}

/** Runs `work`, recording how long it took when profiling is on. */
export function timed<T>(name: string, work: () => T): T {
  const g = globalThis as any;
  if (g.__mldebtProfile !== true) {
    return work();
  }
  const start = performance.now();
  try {
    return work();
  } finally {
    const spans: ISpan[] = (g.__mldebtSpans ??= []);
    spans.push({ name, start, duration: performance.now() - start });
  }
}
