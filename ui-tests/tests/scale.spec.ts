import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import { openDemo } from './helpers';

/** A notebook of one cell with `n` dead branches: n findings. */
function manyFindings(n: number): string {
  const source = Array.from(
    { length: n },
    (_, i) => `if False:\n    x_${i} = ${i}\n`
  ).join('');
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: {
        name: 'python3',
        language: 'python',
        display_name: 'Python 3'
      }
    },
    cells: [
      {
        cell_type: 'code',
        id: 'many',
        source,
        metadata: {},
        outputs: [],
        execution_count: null
      }
    ]
  });
}

async function openMany(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  n: number
) {
  await page.contents.uploadContent(
    manyFindings(n),
    'text',
    `${tmpPath}/many.ipynb`
  );
  await page.notebook.openByPath(`${tmpPath}/many.ipynb`);
  await page.notebook.activate('many.ipynb');
  await page.evaluate(() =>
    (window as any).jupyterapp.commands.execute('mldebt:open-panel')
  );
  const panel = page.locator('#mldebt-panel');
  await expect(
    panel.locator('.jp-MldebtPanel-toolbar').getByRole('button', {
      name: `\u26a0 ${n}`
    })
  ).toBeVisible({ timeout: 30000 });
  return panel;
}

test.describe('ML Debt panel at scale', () => {
  test.use({ viewport: { width: 1280, height: 1000 } });

  test('2,000 findings: the DOM keeps only the lines in view, and scrolls to the end', async ({
    page,
    tmpPath
  }) => {
    const panel = await openMany(page, tmpPath, 2000);
    const rows = panel.locator('.jp-MldebtRow');
    const list = panel.locator('.jp-MldebtList');
    // At least 20 findings in view in a 900-pixel panel.
    const panelHeight = (await panel.boundingBox())!.height;
    expect(panelHeight).toBeGreaterThanOrEqual(880);
    const inView = await list.evaluate(l => {
      const box = l.getBoundingClientRect();
      return [...l.querySelectorAll('.jp-MldebtRow')].filter(r => {
        const b = r.getBoundingClientRect();
        return b.top >= box.top && b.bottom <= box.bottom;
      }).length;
    });
    expect(inView).toBeGreaterThanOrEqual(20);
    expect(await rows.count()).toBeLessThan(80);
    await list.evaluate(l => (l.scrollTop = l.scrollHeight));
    await expect(rows.last()).toHaveAttribute('data-index', '2000');
    expect(await rows.count()).toBeLessThan(80);
    // End and Home with the keyboard, too.
    await rows.last().click();
    await page.keyboard.press('Home');
    await expect(panel.locator('.jp-mod-selected')).toHaveAttribute(
      'data-index',
      '0'
    );
    await page.keyboard.press('End');
    await expect(panel.locator('.jp-mod-selected')).toHaveAttribute(
      'data-index',
      '2000'
    );
    expect(await rows.count()).toBeLessThan(80);
  });

  test('a hidden panel does no work, and catches up when shown', async ({
    page,
    tmpPath
  }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    const analyses = Number(await panel.getAttribute('data-analyses'));
    // Hide the right side bar, then type new debt.
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute(
        'application:toggle-right-area'
      )
    );
    await expect(panel).toBeHidden();
    await page.notebook.setCell(1, 'code', 'if False:\n    hidden = 1');
    await page.waitForTimeout(1500);
    expect(Number(await panel.getAttribute('data-analyses'))).toBe(analyses);
    // The status bar says its counts wait for the panel.
    const status = page.locator('#mldebt-status');
    await expect(status).toHaveClass(/jp-mod-outOfDate/);
    await page.evaluate(() =>
      (window as any).jupyterapp.commands.execute('mldebt:open-panel')
    );
    await expect(panel).toBeVisible();
    await expect
      .poll(async () => Number(await panel.getAttribute('data-analyses')))
      .toBe(analyses + 1);
    await expect(
      panel.locator('.jp-MldebtRow[data-rule="constant-condition"]')
    ).toHaveCount(2);
    await expect(status).not.toHaveClass(/jp-mod-outOfDate/);
  });

  test('JupyterLab analyses in the worker', async ({ page, tmpPath }) => {
    const panel = await openDemo(page, tmpPath);
    await expect(panel.locator('.jp-MldebtRow').first()).toBeVisible();
    await expect(panel).toHaveAttribute('data-analyser', 'worker');
    const workers = page.workers().map(w => w.url());
    expect(workers.length).toBeGreaterThanOrEqual(1);
  });
});

test.describe('ML Debt without Web Workers', () => {
  test('falls back to the main thread and finds the same debt', async ({
    page,
    tmpPath
  }) => {
    await page.addInitScript(() => {
      delete (window as any).Worker;
    });
    await page.goto();
    const panel = await openDemo(page, tmpPath);
    await expect(panel).toHaveAttribute('data-analyser', 'main-thread');
    await expect(
      panel.locator('.jp-MldebtPanel-toolbar').getByRole('button', {
        name: '\u26a0 13'
      })
    ).toBeVisible();
    await expect(
      panel.locator('.jp-MldebtRow[data-rule="magic-number-comparison"]')
    ).toHaveCount(1);
  });
});
