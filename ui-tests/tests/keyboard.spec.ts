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
  test('Enter, Space, arrows and pages in the list never edit the notebook', async ({
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

    const list = panel.locator('.jp-MldebtList');
    const selected = panel.locator('.jp-mod-selected');
    /** Selects a line with a click (the list takes the focus), then presses a key. */
    const press = async (line: Locator, key: string): Promise<void> => {
      await line.click();
      await expect(list).toBeFocused();
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
    for (const key of [
      ' ',
      'ArrowDown',
      'ArrowUp',
      'Home',
      'End',
      'PageDown',
      'PageUp'
    ]) {
      await press(threshold, key);
    }

    // Arrow keys move the selection; the list keeps the focus.
    await press(threshold, 'ArrowDown');
    const index = Number(await threshold.getAttribute('data-index'));
    await expect(selected).toHaveAttribute('data-index', String(index + 1));
    await page.keyboard.press('ArrowUp');
    await expect(selected).toHaveAttribute('data-index', String(index));
    await expect(list).toHaveAttribute(
      'aria-activedescendant',
      (await threshold.getAttribute('id'))!
    );

    // The data-dependencies rows jump to their read the same way.
    await panel.locator('.jp-MldebtData-title').click();
    const data = panel.locator('.jp-MldebtData-row').first();
    for (const key of ['Enter', ' ', 'ArrowDown']) {
      await data.focus();
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
      expect(await notebookState(page)).toEqual(before);
    }

    // Group headers fold and unfold without touching the notebook.
    await list.focus();
    await page.keyboard.press('Home');
    const header = panel.locator('.jp-MldebtGroup-header').first();
    await expect(header).toHaveClass(/jp-mod-selected/);
    await page.keyboard.press('Enter');
    await expect(header).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Enter');
    await expect(header).toHaveAttribute('aria-expanded', 'true');
    expect(await notebookState(page)).toEqual(before);
  });
});
