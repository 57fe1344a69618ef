import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import { openDemo, openedUrls, recordOpenedUrls, runCommand } from './helpers';

/** Clicks File › Save and Export Notebook As › HTML, as a user does. */
async function exportAsHtmlFromMenu(
  page: IJupyterLabPageFixture
): Promise<void> {
  await page.menu.clickMenuItem('File>Save and Export Notebook As>HTML');
}

const dialog = (page: IJupyterLabPageFixture) =>
  page.locator('.jp-Dialog', { hasText: 'Review ML debt before exporting?' });

test.describe('Review before export', () => {
  test('the File menu has each export entry once', async ({ page }) => {
    await page.notebook.createNew('menu.ipynb');
    await page.menu.open('File');
    const menu = page.locator('.lm-Menu').last();
    for (const label of [
      'Download',
      'Save and Export Notebook As',
      'Export Debt Report…'
    ]) {
      await expect(
        menu.locator('.lm-Menu-itemLabel', {
          hasText: new RegExp(`^${label}$`)
        })
      ).toHaveCount(1);
    }
    await page.menu.closeAll();
  });

  test('File › Save and Export asks first; Cancel and Review stop the export', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    await recordOpenedUrls(page);

    await exportAsHtmlFromMenu(page);
    await expect(dialog(page)).toBeVisible();
    // Counts per family and the top findings.
    await expect(
      dialog(page).locator('.jp-MldebtExportReview-families li')
    ).not.toHaveCount(0);
    await expect(
      dialog(page).locator('.jp-MldebtExportReview-top li')
    ).toHaveCount(5);
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog(page)).toHaveCount(0);
    expect(await openedUrls(page)).toEqual([]);

    // Review: the panel comes forward, nothing is exported.
    await page.evaluate(() => (window as any).jupyterapp.shell.collapseRight());
    await expect(panel).toBeHidden();
    await exportAsHtmlFromMenu(page);
    await dialog(page).getByRole('button', { name: 'Review' }).click();
    await expect(dialog(page)).toHaveCount(0);
    await expect(panel).toBeVisible();
    expect(await openedUrls(page)).toEqual([]);
  });

  test('Export anyway runs the original export', async ({ page, tmpPath }) => {
    await openDemo(page, tmpPath);
    await recordOpenedUrls(page);
    await exportAsHtmlFromMenu(page);
    await dialog(page).getByRole('button', { name: 'Export anyway' }).click();
    await expect
      .poll(() => openedUrls(page))
      .toEqual([
        expect.stringMatching(
          new RegExp(`/nbconvert/html/${tmpPath}/demo\\.ipynb\\?download=true$`)
        )
      ]);
  });

  test('a notebook without debt is exported without a dialog', async ({
    page
  }) => {
    await page.notebook.createNew('clean.ipynb');
    await page.notebook.setCell(0, 'code', 'x = 1\nprint(x)');
    await page.notebook.save();
    await recordOpenedUrls(page);
    await exportAsHtmlFromMenu(page);
    await expect
      .poll(() => openedUrls(page))
      .toEqual([expect.stringMatching(/\/nbconvert\/html\/.*clean\.ipynb/)]);
    await expect(dialog(page)).toHaveCount(0);
  });

  test('Download asks first, and Export anyway downloads the file', async ({
    page,
    tmpPath
  }) => {
    await openDemo(page, tmpPath);
    const downloads: string[] = [];
    page.on('download', d => downloads.push(d.suggestedFilename()));
    await page.menu.clickMenuItem('File>Download');
    await dialog(page).getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog(page)).toHaveCount(0);
    const started = page.waitForEvent('download');
    // Not awaited: the command waits for the dialog's answer.
    void runCommand(page, 'docmanager:download').catch(() => undefined);
    await dialog(page).getByRole('button', { name: 'Export anyway' }).click();
    expect((await started).suggestedFilename()).toBe('demo.ipynb');
    expect(downloads).toEqual(['demo.ipynb']);
  });
});

test.describe('Review turned off', () => {
  test.use({
    mockSettings: {
      ...galata.DEFAULT_SETTINGS,
      'jupyterlab-mldebt:plugin': { reviewBeforeExport: false }
    }
  });

  test('exports a notebook with debt without a dialog', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    await recordOpenedUrls(page);
    await exportAsHtmlFromMenu(page);
    await expect.poll(() => openedUrls(page)).toHaveLength(1);
    await expect(dialog(page)).toHaveCount(0);
  });
});

test.describe('Export debt report', () => {
  test('the panel button saves a Markdown report beside the notebook, which opens', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await panel.locator('[data-action="export-report"]').click();
    const chooser = page.locator('.jp-Dialog', {
      hasText: 'Export Debt Report'
    });
    await expect(chooser).toBeVisible();
    await chooser.getByRole('button', { name: 'Export' }).click();
    await expect
      .poll(() => page.contents.fileExists(`${tmpPath}/demo.mldebt.md`))
      .toBe(true);
    await page.filebrowser.open(`${tmpPath}/demo.mldebt.md`);
    await expect(
      page.getByRole('tab', { name: /demo\.mldebt\.md/ })
    ).toBeVisible();
    await expect(page.locator('.jp-FileEditor .cm-content')).toContainText(
      '# ML technical debt report'
    );
  });

  test('the palette command writes JSON and SARIF with the CLI contract', async ({
    page,
    tmpPath
  }) => {
    await openDemo(page, tmpPath);
    for (const format of ['json', 'sarif']) {
      await runCommand(page, 'mldebt:export-report', { format });
    }
    const read = (name: string) =>
      page.evaluate(
        async path =>
          (
            await (window as any).jupyterapp.serviceManager.contents.get(path, {
              content: true,
              type: 'file',
              format: 'text'
            })
          ).content as string,
        `${tmpPath}/${name}`
      );
    const json = JSON.parse(await read('demo.mldebt.json'));
    expect(json.version).toBe(1);
    expect(json.notebooks[0].path).toBe(`${tmpPath}/demo.ipynb`);
    expect(json.notebooks[0].findings.length).toBeGreaterThan(0);
    expect(json.notebooks[0].dataSources.length).toBeGreaterThan(0);
    expect(json.summary.findings).toBe(json.notebooks[0].findings.length);
    const sarif = JSON.parse(await read('demo.mldebt.sarif'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(json.summary.findings);
  });
});
