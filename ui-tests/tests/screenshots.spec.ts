import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import { openDemo } from './helpers';

/**
 * The panel follows JupyterLab's theme. The screenshots go to test-results,
 * and to docs/images for the README when MLDEBT_UPDATE_SCREENSHOTS=1
 * (`npm run screenshots`).
 */
const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

async function panelColours(
  page: IJupyterLabPageFixture
): Promise<{ background: string; text: string }> {
  return page.evaluate(() => {
    const panel = document.getElementById('mldebt-panel')!;
    const row = panel.querySelector('.jp-MldebtRow-title')!;
    return {
      background: getComputedStyle(panel).backgroundColor,
      text: getComputedStyle(row).color
    };
  });
}

async function shoot(
  page: IJupyterLabPageFixture,
  name: string
): Promise<void> {
  const file = test.info().outputPath(name);
  await page.screenshot({ path: file });
  if (process.env.MLDEBT_UPDATE_SCREENSHOTS === '1') {
    await page.screenshot({ path: path.join(IMAGES, name) });
  }
}

test.use({ viewport: { width: 1280, height: 760 } });

test('the panel follows the light and dark themes', async ({
  page,
  tmpPath
}) => {
  const panel = await openDemo(page, tmpPath);
  await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
  // A selected finding shows its message, fix preview and actions below the list.
  await panel
    .locator('.jp-MldebtRow[data-rule="magic-number-comparison"]')
    .click();
  await expect(panel.locator('.jp-MldebtDetail')).toBeVisible();
  await page.theme.setLightTheme();
  const light = await panelColours(page);
  await shoot(page, 'panel.png');

  await page.theme.setDarkTheme();
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    'false'
  );
  await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
  const dark = await panelColours(page);
  await shoot(page, 'panel-dark.png');

  // Colours come from the theme variables, not hard-coded values.
  expect(dark.background).not.toBe(light.background);
  expect(dark.text).not.toBe(light.text);
  await page.theme.setLightTheme();
});
