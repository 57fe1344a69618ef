/** The re-registered export commands, with the review in front, on a fake app. */
import * as fs from 'fs';
import * as path from 'path';
import { PageConfig } from '@jupyterlab/coreutils';
import { waitForDialog } from '@jupyterlab/testing';
import { CommandRegistry } from '@lumino/commands';
import { IFinding } from '../core/types';
import {
  CORE_DOWNLOAD_PLUGIN,
  CORE_EXPORT_PLUGIN,
  ExportCommandIDs,
  exportPlugin
} from './export-plugin';
import { IMldebt } from './tokens';

const warning: IFinding = {
  rule: 'constant-condition',
  family: 'dead-code',
  severity: 'warning',
  message: '`if False:` never runs its body',
  cell: { index: 1, id: 'c1' },
  range: { start: { line: 1, column: 1 }, end: { line: 2, column: 5 } }
};

function setup(findings: IFinding[]) {
  const notebook = {
    id: 'nb-1',
    title: { label: 'a.ipynb' },
    context: {
      path: 'dir/a.ipynb',
      model: { dirty: true, readOnly: false },
      save: jest.fn(async () => undefined),
      download: jest.fn(async () => undefined)
    }
  };
  const tracker = {
    currentWidget: notebook,
    find: (f: (w: any) => boolean) => (f(notebook) ? notebook : undefined),
    widgetAdded: { connect: () => true, disconnect: () => true }
  };
  const exportAs = jest.fn(async () => undefined);
  const app = {
    commands: new CommandRegistry(),
    shell: { currentWidget: notebook, activateById: jest.fn() },
    serviceManager: {
      nbconvert: { exportAs, getExportFormats: async () => ({ html: {} }) },
      contents: { save: jest.fn(async () => ({})) }
    }
  };
  const mldebt: IMldebt = {
    resultFor: async () => ({
      path: 'dir/a.ipynb',
      language: 'python',
      findings
    }),
    reviewSettings: () => ({ enabled: true, severity: 'warning' }),
    openPanel: jest.fn()
  };
  const docManager = { contextForWidget: () => notebook.context };
  exportPlugin.activate(
    app as any,
    tracker as any,
    mldebt,
    docManager as any,
    null,
    null,
    null
  );
  return { app, notebook, exportAs, mldebt };
}

/** Waits for the review dialog and clicks the button with this label. */
async function answer(label: string): Promise<void> {
  await waitForDialog();
  const button = [
    ...document.querySelectorAll<HTMLButtonElement>('.jp-Dialog button')
  ].find(b => b.textContent === label);
  expect(button).toBeDefined();
  button!.click();
}

describe('review before export', () => {
  // As the page config is when package.json's disabledExtensions apply.
  const disable = (...ids: string[]): void => {
    PageConfig.Extension.disabled.splice(0, Infinity, ...ids);
  };
  beforeEach(() => disable(CORE_EXPORT_PLUGIN, CORE_DOWNLOAD_PLUGIN));

  it('disables exactly the core plugins whose commands it registers', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')
    );
    expect(pkg.jupyterlab.disabledExtensions).toEqual([
      CORE_EXPORT_PLUGIN,
      CORE_DOWNLOAD_PLUGIN
    ]);
    const { app } = setup([]);
    expect(app.commands.hasCommand(ExportCommandIDs.exportToFormat)).toBe(true);
    expect(app.commands.hasCommand(ExportCommandIDs.download)).toBe(true);
  });

  it('exports a clean notebook at once, saving it first as JupyterLab does', async () => {
    const { app, notebook, exportAs } = setup([]);
    await app.commands.execute(ExportCommandIDs.exportToFormat, {
      format: 'html'
    });
    expect(notebook.context.save).toHaveBeenCalled();
    expect(exportAs).toHaveBeenCalledWith({
      format: 'html',
      path: 'dir/a.ipynb',
      exporterOptions: { download: true }
    });
    expect(document.querySelector('.jp-Dialog')).toBeNull();
  });

  it('Export anyway runs the export', async () => {
    const { app, exportAs } = setup([warning]);
    const done = app.commands.execute(ExportCommandIDs.exportToFormat, {
      format: 'pdf'
    });
    await answer('Export anyway');
    await done;
    expect(exportAs).toHaveBeenCalledWith(
      expect.objectContaining({ format: 'pdf' })
    );
  });

  it('Cancel stops the export; Review opens the panel instead', async () => {
    const { app, exportAs, mldebt } = setup([warning]);
    let done = app.commands.execute(ExportCommandIDs.exportToFormat, {
      format: 'html'
    });
    await answer('Cancel');
    await done;
    done = app.commands.execute(ExportCommandIDs.exportToFormat, {
      format: 'html'
    });
    await answer('Review');
    await done;
    expect(exportAs).not.toHaveBeenCalled();
    expect(mldebt.openPanel).toHaveBeenCalledTimes(1);
  });

  it('guards Download the same way', async () => {
    const { app, notebook } = setup([warning]);
    let done = app.commands.execute(ExportCommandIDs.download);
    await answer('Cancel');
    await done;
    expect(notebook.context.download).not.toHaveBeenCalled();
    done = app.commands.execute(ExportCommandIDs.download);
    await answer('Export anyway');
    await done;
    expect(notebook.context.download).toHaveBeenCalledTimes(1);
  });

  it('leaves a command alone when its core plugin is enabled', () => {
    disable(CORE_DOWNLOAD_PLUGIN);
    const { app } = setup([]);
    expect(app.commands.hasCommand(ExportCommandIDs.exportToFormat)).toBe(
      false
    );
    expect(app.commands.hasCommand(ExportCommandIDs.download)).toBe(true);
    expect(app.commands.hasCommand(ExportCommandIDs.exportReport)).toBe(true);
  });

  it('saves a debt report beside the notebook', async () => {
    const { app } = setup([warning]);
    const saved = await app.commands.execute(ExportCommandIDs.exportReport, {
      format: 'json'
    });
    expect(saved).toBe('dir/a.mldebt.json');
    const [savedPath, model] = (app.serviceManager.contents.save as jest.Mock)
      .mock.calls[0];
    expect(savedPath).toBe('dir/a.mldebt.json');
    expect(JSON.parse(model.content).notebooks[0].findings).toEqual([warning]);
  });
});
