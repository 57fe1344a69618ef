import { expect, test } from '@jupyterlab/galata';
import { DEMO, openDemo } from './helpers';

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
    const read = panel.locator('.jp-MldebtRow[data-rule="undeclared-read"]');
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
      inputs: ['/home/alice/projects/churn/data/churn_2023.csv']
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
    const sources = await page.evaluate(() =>
      (
        window as any
      ).jupyterapp.shell.currentWidget.content.model.sharedModel.cells.map(
        (c: any) => c.getSource()
      )
    );
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
    const undone = await page.evaluate(() =>
      (
        window as any
      ).jupyterapp.shell.currentWidget.content.model.sharedModel.cells.map(
        (c: any) => c.getSource()
      )
    );
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
});
