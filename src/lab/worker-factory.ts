/**
 * Starts the analysis worker from its bundled script (a string module
 * loaded on demand, so JupyterLab's start-up does not wait for it). A Blob
 * URL needs no file from the server: the same in JupyterLab, Notebook 7 and
 * JupyterLite, and no network.
 */
export async function startAnalysisWorker(): Promise<Worker> {
  const { default: source } = await import('../analysis/worker-source');
  const url = URL.createObjectURL(
    new Blob([source], { type: 'text/javascript' })
  );
  try {
    return new Worker(url, { name: 'mldebt-analysis' });
  } finally {
    // The worker has fetched its script by now; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
}
