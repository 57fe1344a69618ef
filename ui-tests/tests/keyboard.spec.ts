import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import { cellSources, openDemo } from './helpers';

/** The notebook's cell sources and dirty flag, as JupyterLab holds them. */
async function notebookState(
  page: import('@jupyterlab/galata').IJupyterLabPageFixture
): Promise<{ sources: string[]; dirty: boolean }> {
  return {
    sources: await cellSources(page),
    dirty: await page.evaluate(
      () => (window as any).jupyterapp.shell.currentWidget.context.model.dirty
    )
  };
}

test.describe('ML Debt panel keyboard', () => {
  test('Enter, Space and arrow keys on rows never edit the notebook', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(threshold).toHaveCount(1);
    // The kernel writes its language_info into the metadata once it is up:
    // wait for that, then save, so the notebook starts clean.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const nb = (window as any).jupyterapp.shell.currentWidget;
            return (
              nb.sessionContext.session?.kernel?.status === 'idle' &&
              !!nb.content.model.sharedModel.getMetadata('language_info')
                ?.version
            );
          }),
        { timeout: 60000 }
      )
      .toBe(true);
    await page.notebook.save();
    await expect
      .poll(async () => (await notebookState(page)).dirty)
      .toBe(false);
    const before = await notebookState(page);

    const press = async (row: Locator, key: string): Promise<void> => {
      await row.focus();
      await expect(row).toBeFocused();
      await page.keyboard.press(key);
      // Give any stray key event time to reach an editor.
      await page.waitForTimeout(150);
      expect(await notebookState(page)).toEqual(before);
    };

    // Enter jumps to the code: the cursor lands on the literal, nothing typed.
    await press(threshold, 'Enter');
    const cellIndex = Number(await threshold.getAttribute('data-cell-index'));
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget.content
              .activeCellIndex
        )
      )
      .toBe(cellIndex);
    await press(threshold, ' ');
    await press(threshold, 'ArrowDown');
    await press(threshold, 'ArrowUp');
    await press(threshold, 'Home');
    await press(threshold, 'End');

    // Arrow keys move between rows.
    const rows = panel.locator('.jp-MldebtRow');
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(rows.first()).toBeFocused();

    // The data-dependencies rows jump to their read the same way.
    const data = panel.locator('.jp-MldebtData-row').first();
    await press(data, 'Enter');
    await press(data, ' ');
    await press(data, 'ArrowDown');

    // Group headers toggle on Enter without touching the notebook.
    const header = panel.locator('.jp-MldebtGroup-header').first();
    await press(header, 'Enter');
    await press(header, 'Enter');
    expect(await notebookState(page)).toEqual(before);
  });
});
