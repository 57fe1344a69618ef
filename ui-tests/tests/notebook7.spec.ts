/**
 * Notebook 7 loads the same prebuilt extension: the panel in its right
 * sidebar, and the review before export. Plain Playwright (Galata's fixtures
 * drive JupyterLab only).
 */
import { expect, test } from '@playwright/test';
import * as fs from 'fs';
import { DEMO, openedUrls, recordOpenedUrls } from './helpers';

const NAME = 'notebook7-demo.ipynb';

test.beforeAll(async ({ request }) => {
  // Upload the demo through the contents API of the Notebook 7 server.
  const response = await request.put(`/api/contents/${NAME}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: JSON.parse(fs.readFileSync(DEMO, 'utf8'))
    }
  });
  expect(response.ok()).toBe(true);
});

test('the ML Debt panel and the export review work in Notebook 7', async ({
  page
}) => {
  await page.goto(`/notebooks/${NAME}`);
  await expect(page.locator('.jp-Notebook .jp-Cell').first()).toBeVisible({
    timeout: 60000
  });
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('mldebt:open-panel')
  );
  const panel = page.locator('#mldebt-panel');
  await expect(panel).toBeVisible();
  await expect(panel.locator('.jp-MldebtPanel-title')).toHaveText(NAME);
  await expect(
    panel.locator('.jp-MldebtRow[data-rule="constant-condition"]')
  ).toHaveCount(1);

  await recordOpenedUrls(page);
  // Not awaited: the command waits for the dialog's answer.
  void page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('notebook:export-to-format', {
      format: 'html',
      label: 'HTML'
    })
  );
  const dialog = page.locator('.jp-Dialog', {
    hasText: 'Review ML debt before exporting?'
  });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Export anyway' }).click();
  await expect
    .poll(() => openedUrls(page))
    .toEqual([expect.stringMatching(/\/nbconvert\/html\/.*notebook7-demo/)]);
});
