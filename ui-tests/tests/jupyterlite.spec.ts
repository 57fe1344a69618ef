/**
 * The extension in JupyterLite (frontend only, no Jupyter server): a static
 * site built by scripts/lite-site.sh with examples/demo.ipynb as content.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { cellSources } from './helpers';

async function openDemo(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', e => errors.push(`uncaught: ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error') {
      errors.push(m.text());
    }
  });
  await page.goto('/lab/index.html?path=demo.ipynb');
  await page.waitForFunction(() => !!(window as any).jupyterapp?.shell);
  // There is no kernel in this site: JupyterLite asks for one.
  const dialog = page.locator('.jp-Dialog');
  await dialog.waitFor({ timeout: 30000 });
  await dialog.getByRole('button', { name: 'No Kernel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.waitForFunction(
    () =>
      (window as any).jupyterapp.shell.currentWidget?.context?.isReady === true
  );
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('mldebt:open-panel')
  );
  return errors;
}

test('the panel shows the findings, a fix applies, a setting turns a rule off', async ({
  page
}) => {
  const errors = await openDemo(page);
  const panel = page.locator('#mldebt-panel');
  await expect(panel.locator('.jp-MldebtPanel-title')).toHaveText('demo.ipynb');
  const threshold = panel.locator(
    '.jp-MldebtRow[data-rule="magic-number-comparison"]'
  );
  await expect(threshold).toHaveCount(1);
  await expect(
    panel.locator('.jp-MldebtPanel-toolbar').getByRole('button', {
      name: '⚠ 13'
    })
  ).toBeVisible();
  // JupyterLite has workers too: the analysis runs in one.
  await expect(panel).toHaveAttribute('data-analyser', 'worker');

  await threshold.click();
  await panel.locator('.jp-MldebtDetail [data-action="fix"]').click();
  await expect(threshold).toHaveCount(0);
  const sources = await cellSources(page);
  expect(sources.some(s => s.includes('X_test[proba > PROBA_THRESHOLD]'))).toBe(
    true
  );
  expect(sources.some(s => s.includes('PROBA_THRESHOLD = 0.37'))).toBe(true);

  const flag = panel.locator('.jp-MldebtRow[data-rule="unchanged-flag"]');
  await expect(flag).toHaveCount(1);
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('settingeditor:open', {
      query: 'ML Debt'
    })
  );
  const toggle = page.locator(
    '[id="jp-SettingsEditor-jupyterlab-mldebt:plugin_rules_unchanged-flag_enabled"]'
  );
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(flag).toHaveCount(0);
  await toggle.check();
  await expect(flag).toHaveCount(1);

  // Export Debt Report saves through JupyterLite's in-browser contents.
  await panel.locator('[data-action="export-report"]').click();
  const chooser = page.locator('.jp-Dialog', {
    hasText: 'Export Debt Report'
  });
  await chooser.getByRole('button', { name: 'Export' }).click();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        try {
          const m = await (
            window as any
          ).jupyterapp.serviceManager.contents.get('demo.mldebt.md', {
            content: true
          });
          return String(m.content).split('\n')[0];
        } catch {
          return null;
        }
      })
    )
    .toBe('# ML technical debt report');

  // Nothing errors: no uncaught exception, no console error but the
  // static server's 404 for a file JupyterLite probes for.
  expect(
    errors.filter(e => !/^Failed to load resource: .* 404/.test(e))
  ).toEqual([]);
});
