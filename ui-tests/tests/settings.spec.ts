import { expect, test } from '@jupyterlab/galata';
import { openDemo, runCommand } from './helpers';

/** The user's own ML Debt settings, as saved on the server. */
async function userSettings(
  page: import('@jupyterlab/galata').IJupyterLabPageFixture
): Promise<unknown> {
  return page.evaluate(async () => {
    const s = await (window as any).jupyterapp.serviceManager.settings.fetch(
      'jupyterlab-mldebt:plugin'
    );
    const raw = (s.raw ?? '').trim();
    // JupyterLab stores `{}` or a commented template when nothing is set.
    const body = raw.replace(/^\s*\/\/.*$/gm, '').trim();
    return body ? JSON.parse(body) : {};
  });
}

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
    await rows.first().click();
    await panel
      .locator('.jp-MldebtDetail [data-action="disable-rule"]')
      .click();
    await expect(rows).toHaveCount(0);
    // Only the changed key is written: later default changes still reach the user.
    expect(await userSettings(page)).toEqual({
      rules: { 'commented-out-code': { enabled: false } }
    });
    await runCommand(page, 'settingeditor:open', { query: 'ML Debt' });
    await expect(
      page.locator(field('rules_commented-out-code_enabled'))
    ).not.toBeChecked();
  });

  test('Disable rule can be undone from its notification', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    const rows = panel.locator('.jp-MldebtRow[data-rule="commented-out-code"]');
    await expect(rows.first()).toBeVisible();
    await rows.first().click();
    await panel
      .locator('.jp-MldebtDetail [data-action="disable-rule"]')
      .click();
    await expect(rows).toHaveCount(0);
    await page
      .locator('.Toastify__toast', { hasText: 'commented-out-code is off' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await expect(rows).toHaveCount(1);
    expect(await userSettings(page)).toEqual({});
  });

  test('panel options come first, and the vocabulary is one text list', async ({
    page
  }) => {
    await runCommand(page, 'settingeditor:open', { query: 'ML Debt' });
    const side = page.locator(field('panelSide'));
    const rulesSection = page.locator(
      field('rules_constant-condition_enabled')
    );
    await expect(side).toBeVisible();
    const sideBox = (await side.boundingBox())!;
    await rulesSection.scrollIntoViewIfNeeded();
    const rulesTop = await rulesSection.evaluate(
      e =>
        e.getBoundingClientRect().top +
        (e.closest('.jp-SettingsPanel') ?? document.body).scrollTop
    );
    expect(sideBox.y).toBeLessThan(rulesTop);
    const vocabulary = page.locator(
      field('rules_literal-hyperparameter_options_vocabulary')
    );
    await vocabulary.scrollIntoViewIfNeeded();
    await expect(vocabulary).toHaveJSProperty('tagName', 'TEXTAREA');
    expect((await vocabulary.inputValue()).split('\n')).toContain(
      'learning_rate'
    );
    // One input box per word is gone: no array items under the vocabulary.
    await expect(
      page.locator(field('rules_literal-hyperparameter_options_vocabulary_0'))
    ).toHaveCount(0);
    await vocabulary.press('Control+End');
    await vocabulary.type('\nmy_knob');
    await expect
      .poll(async () => {
        const user = (await userSettings(page)) as any;
        return user.rules?.[
          'literal-hyperparameter'
        ]?.options?.vocabulary?.slice(-1);
      })
      .toEqual(['my_knob']);
  });
});
