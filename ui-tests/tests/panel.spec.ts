import { expect, test } from '@jupyterlab/galata';
import { cellSources, DEMO, openDemo } from './helpers';

test.describe('ML Debt panel', () => {
  test('lists the demo notebook findings and jumps to the code', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel).toBeVisible();
    await expect(panel.locator('.jp-MldebtPanel-title')).toHaveText(
      'demo.ipynb'
    );
    const rows = panel.locator('.jp-MldebtRow');
    await expect(rows.first()).toBeVisible();
    await expect(
      panel.locator('.jp-MldebtRow[data-rule="constant-condition"]')
    ).toHaveCount(1);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(threshold).toHaveAttribute(
      'data-family',
      'hardcoded-threshold'
    );
    const cellIndex = Number(await threshold.getAttribute('data-cell-index'));
    await threshold.locator('.jp-MldebtRow-location').click();
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as any).jupyterapp.shell.currentWidget?.content
              ?.activeCellIndex
        )
      )
      .toBe(cellIndex);
  });

  test('Declare input records the source in the notebook metadata and the row goes away', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const read = panel.locator('.jp-MldebtRow[data-rule="shell-download"]');
    await expect(read).toHaveCount(1);
    await read.locator('[data-action="declare-input"]').click();
    await expect(read).toHaveCount(0);
    const inputs = await page.evaluate(() =>
      (
        window as any
      ).jupyterapp.shell.currentWidget.content.model.sharedModel.getMetadata(
        'mldebt'
      )
    );
    expect(inputs).toEqual({
      inputs: ['https://example.com/data/churn_2023.csv']
    });
  });

  test('Apply fix extracts a threshold to the parameters cell, and Z undoes it', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(threshold).toHaveCount(1);
    await threshold.locator('[data-action="fix"]').click();
    await expect(threshold).toHaveCount(0);
    const sources = await cellSources(page);
    expect(
      sources.some((s: string) =>
        s.includes('RANDOM_SEED = 42\nPROBA_THRESHOLD = 0.37')
      )
    ).toBe(true);
    expect(
      sources.some((s: string) => s.includes('X_test[proba > PROBA_THRESHOLD]'))
    ).toBe(true);

    // Undo: Z in command mode (Edit › Undo Cell Operation) reverts the fix in one step.
    await page.keyboard.press('z');
    await expect(threshold).toHaveCount(1);
    const undone = await cellSources(page);
    expect(undone.some((s: string) => s.includes('PROBA_THRESHOLD'))).toBe(
      false
    );
    expect(undone.some((s: string) => s.includes('proba > 0.37'))).toBe(true);
  });

  test('typing new debt adds a row, marks it in the editor, and the status bar counts it', async ({
    page
  }) => {
    await page.notebook.createNew('typed.ipynb');
    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute('mldebt:open-panel');
    });
    const panel = page.locator('#mldebt-panel');
    await expect(panel.locator('.jp-MldebtPanel-clean')).toBeVisible();
    await page.notebook.setCell(0, 'code', 'if False:\n    x = 1');
    await expect(
      panel.locator('.jp-MldebtRow[data-rule="constant-condition"]')
    ).toHaveCount(1);
    await expect(page.locator('.jp-MldebtMark').first()).toBeAttached();
    await expect(page.locator('#mldebt-status')).toContainText('1');
  });

  test('switching notebooks switches the findings', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
    await page.notebook.createNew('clean.ipynb');
    await page.notebook.setCell(0, 'code', 'x = 1');
    await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute('mldebt:open-panel');
    });
    const panel = page.locator('#mldebt-panel');
    await expect(panel.locator('.jp-MldebtPanel-title')).toHaveText(
      'demo.ipynb'
    );
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    await page.notebook.activate('clean.ipynb');
    await expect(panel.locator('.jp-MldebtPanel-title')).toHaveText(
      'clean.ipynb'
    );
    await expect(panel.locator('.jp-MldebtRow')).toHaveCount(0);
    await expect(panel.locator('.jp-MldebtPanel-clean')).toBeVisible();
  });

  test('Declare input tells what it did, can be undone, and keeps the keyboard on the list', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const read = panel.locator('.jp-MldebtRow[data-rule="shell-download"]');
    await expect(read).toHaveCount(1);
    const rows = panel.locator('.jp-MldebtRow');
    const keys = (): Promise<string[]> =>
      rows.evaluateAll(list =>
        list.map(r => (r as HTMLElement).dataset.focusKey!)
      );
    const index = (await keys()).indexOf(
      (await read.getAttribute('data-focus-key'))!
    );
    await read.locator('[data-action="declare-input"]').focus();
    await page.keyboard.press('Enter');
    await expect(read).toHaveCount(0);
    // The row that took its place has the focus, not one of its buttons.
    const focused = page.locator(':focus');
    await expect(focused).toHaveClass(/jp-MldebtRow/);
    await expect(focused).toHaveAttribute(
      'data-focus-key',
      (await keys())[index]
    );
    const toast = page.locator('.Toastify__toast', {
      hasText: 'Declared input: https://example.com/data/churn_2023.csv'
    });
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(read).toHaveCount(1);
    expect(
      await page.evaluate(() =>
        (
          window as any
        ).jupyterapp.shell.currentWidget.content.model.sharedModel.getMetadata(
          'mldebt'
        )
      )
    ).toBeUndefined();
    await expect(rows.first()).toBeVisible();
  });

  test('messages show code as code, and a narrow panel cuts the rule id, not the location', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(threshold.locator('code').first()).toHaveText('0.37');
    await expect(threshold.locator('.jp-MldebtRow-text')).not.toContainText(
      '`'
    );
    const location = threshold.locator('.jp-MldebtRow-location');
    await expect(location).toHaveText(/^cell 8, line 2 · /);
    await expect(location).toHaveAttribute('title', /^cell 8, line 2 · /);
    expect(await location.evaluate(e => getComputedStyle(e).textOverflow)).toBe(
      'ellipsis'
    );
    // Whatever the width, the location line stays inside the panel.
    const panelBox = (await panel.boundingBox())!;
    const box = (await location.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(
      panelBox.x + panelBox.width + 1
    );
    // Editor tooltips are plain text: no backticks there either.
    const mark = page.locator('.jp-MldebtMark[title*="0.37"]').first();
    await page.notebook.selectCells(7);
    await expect(mark).toBeAttached();
    expect(await mark.getAttribute('title')).not.toContain('`');
  });

  test('the status bar counts the current notebook only, not other tabs', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    // Counts in words, zero severities left out.
    await expect(panel.locator('[data-count="severity"]')).toHaveText(
      '13 warnings'
    );
    await expect(panel.locator('[data-count="family"]')).toHaveText(
      'Dead code 6 · Hard-coded thresholds 5 · Undeclared data 2'
    );
    const status = page.locator('#mldebt-status');
    await expect(status).toBeVisible();
    await expect(status).toContainText('ML Debt: 13');
    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute(
        'fileeditor:create-new'
      );
    });
    await expect(status).toBeHidden();
    await page.notebook.activate('demo.ipynb');
    await expect(status).toBeVisible();
    await expect(status).toContainText('ML Debt: 13');
  });
});
