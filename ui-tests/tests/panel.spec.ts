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
    // A click shows the code; the keyboard stays in the list.
    await threshold.click();
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
    await read.click();
    await panel
      .locator('.jp-MldebtDetail [data-action="declare-input"]')
      .click();
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
    await threshold.click();
    await expect(panel.locator('.jp-MldebtDetail-fix')).toContainText('- 0.37');
    await panel.locator('.jp-MldebtDetail [data-action="fix"]').click();
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

    // Undo: Z in the list (as in command mode) reverts the fix in one step.
    await expect(panel.locator('.jp-MldebtList')).toBeFocused();
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
    const index = Number(await read.getAttribute('data-index'));
    await read.click();
    // D is the shortcut of Declare input in the list.
    await page.keyboard.press('d');
    await expect(read).toHaveCount(0);
    // The list keeps the focus, on the line that took the declared one's place.
    const list = panel.locator('.jp-MldebtList');
    await expect(list).toBeFocused();
    await expect(
      panel.locator('.jp-MldebtRow.jp-mod-selected')
    ).toHaveAttribute('data-index', String(index));
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
  });

  test('rows are one line: a short title with code as code, and the location', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(threshold.locator('code')).toHaveText('0.37');
    await expect(threshold.locator('.jp-MldebtRow-title')).not.toContainText(
      '`'
    );
    await expect(threshold.locator('.jp-MldebtRow-location')).toHaveText('8:2');
    // The whole message on hover, and in the detail pane once selected.
    await expect(threshold).toHaveAttribute(
      'title',
      /0\.37[^`]*\ncell 8, line 2/
    );
    const rowHeights = await panel
      .locator('.jp-MldebtRow')
      .evaluateAll(rows => rows.map(r => r.getBoundingClientRect().height));
    expect(Math.max(...rowHeights)).toBeLessThanOrEqual(24);
    await expect(panel.locator('.jp-MldebtDetail')).toBeHidden();
    await threshold.click();
    const detail = panel.locator('.jp-MldebtDetail');
    await expect(detail).toBeVisible();
    await expect(detail.locator('.jp-MldebtDetail-location')).toHaveText(
      /^cell 8, line 2 · magic-number-comparison/
    );
    // The location stays inside the panel, however narrow.
    const panelBox = (await panel.boundingBox())!;
    const box = (await threshold
      .locator('.jp-MldebtRow-location')
      .boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(
      panelBox.x + panelBox.width + 1
    );
    // Editor tooltips are plain text: no backticks there either.
    const mark = page.locator('.jp-MldebtMark[title*="0.37"]').first();
    await page.notebook.selectCells(7);
    await expect(mark).toBeAttached();
    expect(await mark.getAttribute('title')).not.toContain('`');
  });

  test('the right-click menu acts on the row under the pointer', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const threshold = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await threshold.click({ button: 'right' });
    const menu = page.locator('.lm-Menu');
    await expect(menu).toBeVisible();
    const labels = await menu
      .locator('.lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel')
      .allTextContents();
    expect(labels).toEqual(
      expect.arrayContaining([
        'Go to Finding',
        'Apply Fix',
        'Ignore Here…',
        'Disable Rule magic-number-comparison',
        'Explain Rule',
        'Copy Finding'
      ])
    );
    await menu.getByText('Explain Rule').click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('magic-number-comparison');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await threshold.click({ button: 'right' });
    await menu.getByText('Apply Fix').click();
    await expect(threshold).toHaveCount(0);
    expect((await cellSources(page)).join('\n')).toContain('PROBA_THRESHOLD');
  });

  test('the toolbar toggles severities and families, with their counts', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const toolbar = panel.locator('.jp-MldebtPanel-toolbar');
    const dead = toolbar.getByRole('button', { name: /^Dead 6$/ });
    await expect(toolbar.getByRole('button', { name: '⚠ 13' })).toBeVisible();
    await expect(dead).toHaveAttribute('aria-pressed', 'true');
    await dead.click();
    await expect(dead).toHaveAttribute('aria-pressed', 'false');
    await expect(
      panel.locator('.jp-MldebtRow[data-family="dead-code"]')
    ).toHaveCount(0);
    await expect(panel.locator('[data-count="filtered"]')).toContainText(
      'Showing 7 of 13'
    );
    await dead.click();
    await expect(
      panel.locator('.jp-MldebtRow[data-family="dead-code"]')
    ).toHaveCount(6);
    // Grouping sits beside the title.
    await panel
      .locator('.jp-MldebtPanel-actions')
      .getByRole('button', { name: 'By family' })
      .click();
    await expect(panel.locator('.jp-MldebtGroup-label').first()).toHaveText(
      /^Cell \d+$/
    );
  });

  test('the status bar counts the current notebook only, not other tabs', async ({
    page,
    tmpPath
  }) => {
    await openDemo(page, tmpPath);
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
