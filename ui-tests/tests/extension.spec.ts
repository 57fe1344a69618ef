import { expect, test } from '@jupyterlab/galata';

/**
 * Don't load JupyterLab webpage before running the tests: the console
 * messages of the plugin activation must be captured.
 */
test.use({ autoGoto: false });

test.describe('jupyterlab-mldebt foundation', () => {
  test('the plugin activates without console errors', async ({ page }) => {
    const logs: string[] = [];
    const errors: string[] = [];
    page.on('console', message => {
      logs.push(message.text());
      if (message.type() === 'error' && /mldebt/i.test(message.text())) {
        errors.push(message.text());
      }
    });
    await page.goto();
    await expect
      .poll(
        () =>
          logs.filter(s => s.includes('jupyterlab-mldebt:plugin activated'))
            .length
      )
      .toBe(1);
    expect(errors).toEqual([]);
  });

  test('the plugin is activated in the running app', async ({ page }) => {
    await page.goto();
    const ids = await page.evaluate(() => {
      const app = (window as any).jupyterapp;
      return app && app.isPluginActivated('jupyterlab-mldebt:plugin')
        ? ['jupyterlab-mldebt:plugin']
        : [];
    });
    expect(ids).toContain('jupyterlab-mldebt:plugin');
  });

  test('the command palette finds the open-panel command', async ({ page }) => {
    await page.goto();
    await page.keyboard.press('Control+Shift+c');
    const input = page.locator('#command-palette .lm-CommandPalette-input');
    await expect(input).toBeVisible();
    await input.fill('ML Debt');
    await expect(
      page.locator('#command-palette .lm-CommandPalette-item', {
        hasText: 'Open ML Debt Panel'
      })
    ).toBeVisible();
    expect(
      await page.evaluate(() =>
        (window as any).jupyterapp.commands.hasCommand('mldebt:open-panel')
      )
    ).toBe(true);
  });
});
