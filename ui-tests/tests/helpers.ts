/** Shared steps of the browser tests. */
import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import * as path from 'path';

export const DEMO = path.resolve(
  __dirname,
  '..',
  '..',
  'examples',
  'demo.ipynb'
);

/** Opens the demo notebook in a fresh folder, and the ML Debt panel. */
export async function openDemo(
  page: IJupyterLabPageFixture,
  tmpPath: string
): Promise<Locator> {
  await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
  await page.notebook.activate('demo.ipynb');
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('mldebt:open-panel');
  });
  return page.locator('#mldebt-panel');
}

/** The current notebook's cell sources, as JupyterLab's model holds them. */
export function cellSources(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (
      window as any
    ).jupyterapp.shell.currentWidget.content.model.sharedModel.cells.map(
      (c: any) => c.getSource() as string
    )
  );
}

/** Runs a JupyterLab command in the page and returns its result. */
export async function runCommand(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, unknown> = {}
): Promise<unknown> {
  return page.evaluate(
    ({ id, args }) => (window as any).jupyterapp.commands.execute(id, args),
    { id, args }
  );
}

/**
 * Records the URLs the page opens instead of opening them: an nbconvert
 * export opens `…/nbconvert/<format>/<path>?download=true` in a new tab.
 */
export async function recordOpenedUrls(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as any).mldebtOpened = [];
    window.open = ((url: string) => {
      (window as any).mldebtOpened.push(String(url));
      return null;
    }) as typeof window.open;
  });
}

export async function openedUrls(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).mldebtOpened as string[]);
}
