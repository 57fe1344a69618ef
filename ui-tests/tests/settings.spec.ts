import { expect, test } from '@jupyterlab/galata';
import { openDemo, runCommand } from './helpers';

const field = (rest: string) =>
  `[id="jp-SettingsEditor-jupyterlab-mldebt:plugin_${rest}"]`;

test.describe('Settings Editor', () => {
  test('a rule toggled off loses its rows at once, and they come back', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const rows = panel.locator(
      '.jp-MldebtRow[data-rule="magic-number-comparison"]'
    );
    await expect(rows).toHaveCount(1);
    await runCommand(page, 'settingeditor:open', { query: 'ML Debt' });
    const toggle = page.locator(field('rules_magic-number-comparison_enabled'));
    await expect(toggle).toBeChecked();
    await toggle.uncheck();
    await expect(rows).toHaveCount(0);
    await toggle.check();
    await expect(rows).toHaveCount(1);
  });

  test('a family toggled off removes the whole family', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const dataRows = panel.locator(
      '.jp-MldebtRow[data-family="undeclared-data"]'
    );
    await expect(dataRows).not.toHaveCount(0);
    await runCommand(page, 'settingeditor:open', { query: 'ML Debt' });
    await page.locator(field('families_undeclared-data')).uncheck();
    await expect(dataRows).toHaveCount(0);
    await expect(
      panel.locator('.jp-MldebtRow[data-family="dead-code"]').first()
    ).toBeVisible();
  });

  test('Disable rule in the panel turns it off in the settings', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const rows = panel.locator('.jp-MldebtRow[data-rule="commented-out-code"]');
    await expect(rows.first()).toBeVisible();
    await rows.first().locator('[data-action="disable-rule"]').click();
    await expect(rows).toHaveCount(0);
    await runCommand(page, 'settingeditor:open', { query: 'ML Debt' });
    await expect(
      page.locator(field('rules_commented-out-code_enabled'))
    ).not.toBeChecked();
  });
});
