import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo.ipynb');

test.describe('ML Debt panel', () => {
  test('lists the demo notebook findings and jumps to the code', async ({
    page,
    tmpPath
  }) => {
    await page.contents.uploadFile(DEMO, `${tmpPath}/demo.ipynb`);
    await page.notebook.openByPath(`${tmpPath}/demo.ipynb`);
    await page.notebook.activate('demo.ipynb');
    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute('mldebt:open-panel');
    });
    const panel = page.locator('#mldebt-panel');
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
});
