/**
 * The browser benchmark (`npm run bench:browser`): the generated 1,000-cell
 * notebook opened and typed in, in Chromium, with the analysis on the main
 * thread (as before the worker: no `Worker` in the page) and in the worker.
 * Prints, per mode, the longest main-thread task of the extension's own work
 * (its recorded spans, contiguous ones summed as one task), the longest long
 * task of the whole page (JupyterLab's rendering included), the time from a
 * typing pause to updated rows, and the analysis round trip.
 */
import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { generatedNotebook } from '../../bench/generated';

interface IFigures {
  openTask: number;
  openPageTask: number;
  openToRows: number;
  typingTask: number;
  typingPageTask: number;
  pauseToRows: number;
  roundTrip: number;
  analysis: number;
  /** The longest span of each kind of the extension's work, opening and typing. */
  spans: string;
}

const figures = new Map<string, IFigures>();

/** Spans closer than this are one task (a result handled in the same turn). */
const SAME_TASK_MS = 1;

async function measure(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  withWorker: boolean
): Promise<IFigures> {
  await page.addInitScript((worker: boolean) => {
    (window as any).__mldebtProfile = true;
    if (!worker) {
      delete (window as any).Worker;
    }
    (window as any).__longTasks = [];
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) {
        (window as any).__longTasks.push({
          start: e.startTime,
          duration: e.duration
        });
      }
    }).observe({ type: 'longtask', buffered: true });
  }, withWorker);
  await page.goto();
  const name = `bench-${withWorker ? 'worker' : 'main'}.ipynb`;
  await page.contents.uploadContent(
    JSON.stringify(generatedNotebook(1000)),
    'text',
    `${tmpPath}/${name}`
  );
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('mldebt:open-panel')
  );
  const panel = page.locator('#mldebt-panel');
  await expect(panel).toHaveAttribute(
    'data-analyser',
    withWorker ? 'worker' : 'main-thread'
  );

  // Opening: from the command to the first rows.
  const opened = await page.evaluate(() => performance.now());
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible({
    timeout: 60000
  });
  const openToRows = (await page.evaluate(() => performance.now())) - opened;
  await page.waitForTimeout(1000);
  const open = await tasksSince(page, opened);

  // Typing: 22 keys into cell 500, then the pause until the rows change.
  // Keystrokes as the editor sends them to the shared model, one every 40 ms
  // (the notebook is windowed: cell 500's editor may not exist).
  const typed = await page.evaluate(() => performance.now());
  const analysesBefore = Number(await panel.getAttribute('data-analyses'));
  await page.evaluate(async () => {
    const nb = (window as any).jupyterapp.shell.currentWidget.content;
    const cell = nb.model.cells.get(500).sharedModel;
    for (const ch of '\nif False:\n    zz = 1') {
      const end = cell.getSource().length;
      cell.updateSource(end, end, ch);
      await new Promise(resolve => setTimeout(resolve, 40));
    }
  });
  const lastKey = await page.evaluate(() => performance.now());
  await expect
    .poll(async () => Number(await panel.getAttribute('data-analyses')), {
      intervals: [5],
      timeout: 30000
    })
    .toBeGreaterThan(analysesBefore);
  const rowsAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(500);
  const typing = await tasksSince(page, typed);
  const trips = await page.evaluate(
    () =>
      ((window as any).__mldebtRoundTrips ?? []) as {
        roundTrip: number;
        analysis: number;
      }[]
  );
  const last = trips[trips.length - 1];
  return {
    openTask: open.extension,
    openPageTask: open.page,
    openToRows,
    typingTask: typing.extension,
    typingPageTask: typing.page,
    pauseToRows: rowsAt - lastKey,
    roundTrip: last?.roundTrip ?? NaN,
    analysis: last?.analysis ?? NaN,
    spans: [open.byName, typing.byName]
      .map(b =>
        Object.entries(b)
          .map(([k, v]) => `${k} ${v.toFixed(1)}`)
          .join(', ')
      )
      .join(' | ')
  };
}

/** The longest extension task and the longest page task since `since`. */
async function tasksSince(
  page: IJupyterLabPageFixture,
  since: number
): Promise<{
  extension: number;
  page: number;
  byName: Record<string, number>;
}> {
  return page.evaluate(
    ({ since, gap }) => {
      const spans = (((window as any).__mldebtSpans ?? []) as any[])
        .filter(s => s.start >= since)
        .sort((a, b) => a.start - b.start);
      // Spans nest (rendering includes the marks) and follow each other
      // within one task: a task is a run of spans with gaps under `gap`.
      let longest = 0;
      let runStart = -Infinity;
      let runEnd = -Infinity;
      for (const s of spans) {
        if (s.start - runEnd >= gap) {
          runStart = s.start;
        }
        runEnd = Math.max(runEnd, s.start + s.duration);
        longest = Math.max(longest, runEnd - runStart);
      }
      const tasks = ((window as any).__longTasks as any[]).filter(
        t => t.start + t.duration >= since
      );
      const byName: Record<string, number> = {};
      for (const s of spans) {
        byName[s.name] = Math.max(byName[s.name] ?? 0, s.duration);
      }
      return {
        extension: longest,
        page: Math.max(0, ...tasks.map(t => t.duration)),
        byName
      };
    },
    { since, gap: SAME_TASK_MS }
  );
}

test.describe.configure({ mode: 'serial' });

test('main thread (before the worker)', async ({ page, tmpPath }) => {
  test.setTimeout(300000);
  figures.set('main thread', await measure(page, tmpPath, false));
});

test('worker', async ({ page, tmpPath }) => {
  test.setTimeout(300000);
  figures.set('worker', await measure(page, tmpPath, true));
});

test.afterAll(() => {
  const before = figures.get('main thread');
  const after = figures.get('worker');
  if (!before || !after) {
    return;
  }
  const rows: [string, Exclude<keyof IFigures, 'spans'>][] = [
    ['longest extension task while opening (ms)', 'openTask'],
    ['longest extension task while typing (ms)', 'typingTask'],
    ['longest page task while opening, all sources (ms)', 'openPageTask'],
    ['longest page task while typing, all sources (ms)', 'typingPageTask'],
    ['open to first rows (ms)', 'openToRows'],
    ['typing pause to updated rows (ms, 300 ms debounce incl.)', 'pauseToRows'],
    ['analysis round trip, last edit (ms)', 'roundTrip'],
    ['  of which the analysis itself (ms)', 'analysis']
  ];
  const width = Math.max(...rows.map(r => r[0].length));
  const lines = [
    'Browser benchmark: generated 1,000-cell notebook in Chromium',
    `${''.padEnd(width)}  main thread    worker   ratio`,
    ...rows.map(
      ([label, key]) =>
        `${label.padEnd(width)}  ${before[key].toFixed(1).padStart(11)}  ${after[key].toFixed(1).padStart(8)}  ${(after[key] / before[key]).toFixed(2).padStart(6)}`
    ),
    `longest span per kind, opening | typing (ms): main thread: ${before.spans}; worker: ${after.spans}`,
    'target: longest extension task <= 50 ms while opening and typing (worker)'
  ];
  console.log('\n' + lines.join('\n'));
});
