/**
 * Review before export, and the "Export debt report" command.
 *
 * JupyterLab has no hook before a command runs and refuses a second
 * registration of a command id, so package.json disables the two core plugins
 * that own `notebook:export-to-format` and `docmanager:download`, and this
 * plugin registers the same ids again: the review step first, then the same
 * work the core commands do. It only takes a command over when its core
 * plugin is disabled and nobody else registered it (JupyterLite, Notebook 7
 * and user configuration differ).
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  InputDialog,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { PageConfig, PathExt } from '@jupyterlab/coreutils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { Menu, Widget } from '@lumino/widgets';
import { exportReview } from './export-review';
import { familyLabel, placeLabel } from './panel-model';
import {
  buildReport,
  REPORT_FORMATS,
  reportPath,
  ReportFormat
} from './report';
import { IMldebt } from './tokens';
import { appendInlineCode } from './inline-code';

export const CORE_EXPORT_PLUGIN = '@jupyterlab/notebook-extension:export';
export const CORE_DOWNLOAD_PLUGIN = '@jupyterlab/docmanager-extension:download';

export namespace ExportCommandIDs {
  export const exportToFormat = 'notebook:export-to-format';
  export const download = 'docmanager:download';
  export const exportReport = 'mldebt:export-report';
}

/** nbconvert formats that are not offered as exports (as in JupyterLab). */
const HIDDEN_FORMATS = ['notebook', 'python', 'custom'];

function formatLabels(trans: TranslationBundle): Record<string, string> {
  return {
    asciidoc: trans.__('AsciiDoc'),
    html: trans.__('HTML'),
    latex: trans.__('LaTeX'),
    markdown: trans.__('Markdown'),
    pdf: trans.__('PDF'),
    qtpdf: trans.__('Qt PDF'),
    qtpng: trans.__('Qt PNG'),
    rst: trans.__('ReStructured Text'),
    script: trans.__('Executable Script'),
    slides: trans.__('Reveal.js Slides'),
    webpdf: trans.__('WebPDF')
  };
}

type Choice = 'export' | 'review' | 'cancel';

/** The review dialog: counts per family, the top findings, three buttons. */
async function askBeforeExport(
  mldebt: IMldebt,
  notebook: NotebookPanel,
  trans: TranslationBundle
): Promise<Choice> {
  const settings = mldebt.reviewSettings();
  let review;
  try {
    review = exportReview(
      (await mldebt.resultFor(notebook)).findings,
      settings
    );
  } catch (e) {
    // Never block an export because the analysis failed.
    console.warn(`jupyterlab-mldebt: export review skipped: ${e}`);
    return 'export';
  }
  if (!review.needed) {
    return 'export';
  }
  const body = document.createElement('div');
  body.className = 'jp-MldebtExportReview';
  const intro = document.createElement('p');
  intro.textContent = trans._n(
    '%2 has %1 finding of machine-learning technical debt at %3 level or above:',
    '%2 has %1 findings of machine-learning technical debt at %3 level or above:',
    review.total,
    notebook.title.label,
    settings.severity
  );
  body.appendChild(intro);
  const families = document.createElement('ul');
  families.className = 'jp-MldebtExportReview-families';
  for (const [family, n] of review.byFamily) {
    const li = document.createElement('li');
    li.dataset.family = family;
    li.textContent = `${familyLabel(family)}: ${n}`;
    families.appendChild(li);
  }
  body.appendChild(families);
  const top = document.createElement('ol');
  top.className = 'jp-MldebtExportReview-top';
  for (const f of review.top) {
    const li = document.createElement('li');
    li.dataset.rule = f.rule;
    li.dataset.severity = f.severity;
    appendInlineCode(li, f.message);
    li.appendChild(
      document.createTextNode(` (${f.rule}, ${placeLabel(trans, f)})`)
    );
    top.appendChild(li);
  }
  body.appendChild(top);
  const reviewLabel = trans.__('Review');
  const exportLabel = trans.__('Export anyway');
  const result = await showDialog({
    title: trans.__('Review ML debt before exporting?'),
    body: new Widget({ node: body }),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.createButton({
        label: reviewLabel,
        accept: false,
        actions: ['review']
      }),
      Dialog.warnButton({ label: exportLabel })
    ],
    defaultButton: 1
  });
  if (result.button.accept && result.button.label === exportLabel) {
    return 'export';
  }
  if (result.button.actions.includes('review')) {
    return 'review';
  }
  return 'cancel';
}

export const exportPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mldebt:export',
  description:
    'Reviews ML debt before a notebook is exported or downloaded, and exports debt reports.',
  autoStart: true,
  requires: [INotebookTracker],
  // IMldebt is optional: the core export commands are disabled in favour of
  // these, so they must exist (without a review) even if the panel failed.
  optional: [
    IMldebt,
    IDocumentManager,
    IMainMenu,
    ICommandPalette,
    ITranslator
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    mldebt: IMldebt | null,
    docManager: IDocumentManager | null,
    mainMenu: IMainMenu | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mldebt');
    // The re-registered core commands keep JupyterLab's own translated labels.
    const coreTrans = (translator ?? nullTranslator).load('jupyterlab');
    const { commands, shell, serviceManager } = app;

    /** The notebook a command acts on: `path` if given, else the current one. */
    const notebookFor = (args: {
      [k: string]: unknown;
    }): NotebookPanel | null => {
      const path = args['path'];
      return typeof path === 'string'
        ? (tracker.find(w => w.context.path === path) ?? null)
        : tracker.currentWidget;
    };

    /** True when the export may go ahead; "Review" opens the panel instead. */
    const reviewed = async (notebook: NotebookPanel): Promise<boolean> => {
      if (!mldebt) {
        return true;
      }
      const choice = await askBeforeExport(mldebt, notebook, trans);
      if (choice === 'review') {
        if (tracker.currentWidget !== notebook) {
          shell.activateById(notebook.id);
        }
        mldebt.openPanel();
      }
      return choice === 'export';
    };

    const takeOver = (plugin: string, command: string): boolean =>
      PageConfig.Extension.isDisabled(plugin) && !commands.hasCommand(command);

    if (takeOver(CORE_EXPORT_PLUGIN, ExportCommandIDs.exportToFormat)) {
      commands.addCommand(ExportCommandIDs.exportToFormat, {
        label: args => {
          if (args.label === undefined) {
            return coreTrans.__(
              'Save and Export Notebook to the given `format`.'
            );
          }
          return args['isPalette']
            ? coreTrans.__(
                'Save and Export Notebook: %1',
                args['label'] as string
              )
            : (args['label'] as string);
        },
        isEnabled: () => !!tracker.currentWidget,
        execute: async args => {
          const notebook = notebookFor(args);
          if (!notebook || !(await reviewed(notebook))) {
            return;
          }
          const { context } = notebook;
          if (context.model.dirty && !context.model.readOnly) {
            await context.save();
          }
          const options = {
            format: args['format'] as string,
            path: context.path,
            exporterOptions: { download: true }
          };
          if (serviceManager.nbconvert.exportAs) {
            return serviceManager.nbconvert.exportAs(options);
          }
          window.open(
            PageConfig.getNBConvertURL({ ...options, download: true }),
            '_blank',
            'noopener'
          );
        }
      });
      addExportFormats(app, tracker, coreTrans, mainMenu, palette);
    }

    if (
      docManager &&
      takeOver(CORE_DOWNLOAD_PLUGIN, ExportCommandIDs.download)
    ) {
      const widgetContext = () =>
        shell.currentWidget
          ? docManager.contextForWidget(shell.currentWidget)
          : undefined;
      commands.addCommand(ExportCommandIDs.download, {
        label: coreTrans.__('Download'),
        caption: coreTrans.__('Download the file to your computer'),
        isEnabled: () => !!widgetContext(),
        execute: async () => {
          const context = widgetContext();
          if (!context) {
            return;
          }
          const notebook = tracker.find(w => w.context === context);
          if (notebook && !(await reviewed(notebook))) {
            return;
          }
          return context.download();
        }
      });
      palette?.addItem({
        command: ExportCommandIDs.download,
        category: coreTrans.__('File Operations')
      });
    }

    if (mldebt) {
      addReportCommand(app, tracker, mldebt, trans, palette, notebookFor);
    }
  }
};

/** "Export Debt Report": the findings and data manifest, saved beside the notebook. */
function addReportCommand(
  app: JupyterFrontEnd,
  tracker: INotebookTracker,
  analysis: IMldebt,
  trans: TranslationBundle,
  palette: ICommandPalette | null,
  notebookFor: (args: { [k: string]: unknown }) => NotebookPanel | null
): void {
  const { commands, serviceManager } = app;
  commands.addCommand(ExportCommandIDs.exportReport, {
    label: args =>
      args['format']
        ? trans.__(
            'Export Debt Report as %1',
            REPORT_FORMATS.find(f => f.format === args['format'])?.label ??
              String(args['format'])
          )
        : trans.__('Export Debt Report…'),
    caption: trans.__(
      'Save the notebook\u2019s ML debt findings and data dependencies beside it'
    ),
    isEnabled: () => !!tracker.currentWidget,
    execute: async args => {
      const notebook = notebookFor(args);
      if (!notebook) {
        return;
      }
      let format = args['format'] as ReportFormat | undefined;
      if (!REPORT_FORMATS.some(f => f.format === format)) {
        const labels = REPORT_FORMATS.map(f => f.label);
        const choice = await InputDialog.getItem({
          title: trans.__('Export Debt Report'),
          label: trans.__('Format'),
          items: labels,
          current: 0,
          okLabel: trans.__('Export')
        });
        if (!choice.button.accept || !choice.value) {
          return;
        }
        format = REPORT_FORMATS[labels.indexOf(choice.value)].format;
      }
      const path = reportPath(notebook.context.path, format!);
      try {
        const content = buildReport(
          format!,
          await analysis.resultFor(notebook)
        );
        await serviceManager.contents.save(path, {
          type: 'file',
          format: 'text',
          content
        });
      } catch (e) {
        Notification.error(
          trans.__(
            'Could not save the debt report %1: %2',
            path,
            String((e as Error)?.message ?? e)
          )
        );
        return;
      }
      Notification.success(
        trans.__('Debt report saved to %1', PathExt.basename(path)),
        {
          autoClose: 5000,
          actions: [
            {
              label: trans.__('Open'),
              callback: () => void commands.execute('docmanager:open', { path })
            }
          ]
        }
      );
      return path;
    }
  });
  if (palette) {
    for (const f of REPORT_FORMATS) {
      palette.addItem({
        command: ExportCommandIDs.exportReport,
        category: trans.__('ML Debt'),
        args: { format: f.format }
      });
    }
  }
}

/** Lists nbconvert's formats in File › Save and Export Notebook As and the palette. */
function addExportFormats(
  app: JupyterFrontEnd,
  tracker: INotebookTracker,
  trans: TranslationBundle,
  mainMenu: IMainMenu | null,
  palette: ICommandPalette | null
): void {
  const submenu: Menu | undefined =
    mainMenu?.fileMenu.items.find(
      item =>
        item.type === 'submenu' &&
        item.submenu?.id === 'jp-mainmenu-file-notebookexport'
    )?.submenu ?? undefined;
  let requested = false;
  // Ask the server for its formats only once a notebook is open.
  const populate = async (): Promise<void> => {
    if (requested) {
      return;
    }
    requested = true;
    tracker.widgetAdded.disconnect(populate);
    let formats;
    try {
      formats = await app.serviceManager.nbconvert.getExportFormats(false);
    } catch (e) {
      console.warn(`jupyterlab-mldebt: no export formats: ${e}`);
      return;
    }
    const labels = formatLabels(trans);
    for (const key of Object.keys(formats ?? {})) {
      if (HIDDEN_FORMATS.includes(key)) {
        continue;
      }
      const label =
        labels[key] ?? trans.__(key[0].toUpperCase() + key.slice(1));
      submenu?.addItem({
        command: ExportCommandIDs.exportToFormat,
        args: { format: key, label, isPalette: false }
      });
      palette?.addItem({
        command: ExportCommandIDs.exportToFormat,
        category: trans.__('Notebook Operations'),
        args: { format: key, label, isPalette: true }
      });
    }
  };
  tracker.widgetAdded.connect(populate);
  if (tracker.currentWidget) {
    void populate();
  }
}
