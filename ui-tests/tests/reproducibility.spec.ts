import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { openDemo } from './helpers';

const REQUIREMENTS = path.resolve(
  __dirname,
  '..',
  '..',
  'examples',
  'requirements.txt'
);

test.describe('Reproducibility family', () => {
  test('reads the requirements file beside the notebook through the contents API, and follows its edits', async ({
    page,
    tmpPath
  }) => {
    // numpy and pandas are declared there, scikit-learn is not.
    await page.contents.uploadFile(REQUIREMENTS, `${tmpPath}/requirements.txt`);
    const panel = await openDemo(page, tmpPath);
    const rows = panel.locator('.jp-MldebtRow[data-rule="undeclared-package"]');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute(
      'data-family',
      'reproducibility'
    );
    // The row names the import; its whole message (on hover) the distribution.
    await expect(rows.first()).toContainText('sklearn');
    await expect(rows.first()).toHaveAttribute('title', /scikit-learn/);
    await expect(rows.first()).toHaveAttribute('title', /requirements\.txt/);
    // Saved in JupyterLab (as the file editor does): the row goes away.
    await page.evaluate(async (file: string) => {
      await (window as any).jupyterapp.serviceManager.contents.save(file, {
        type: 'file',
        format: 'text',
        content: 'numpy\npandas\nscikit-learn==1.5.2\n'
      });
    }, `${tmpPath}/requirements.txt`);
    await expect(rows).toHaveCount(0);
  });

  test('says nothing about packages when the folder has no dependency file', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    await expect(
      panel.locator('.jp-MldebtRow[data-rule="undeclared-package"]')
    ).toHaveCount(0);
  });
});
