/** The JupyterLab plugin: registers the panel command and follows notebooks. */
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

export const PLUGIN_ID = 'jupyterlab-mldebt:plugin';

export namespace CommandIDs {
  export const openPanel = 'mldebt:open-panel';
}

export const mldebtPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'Shows the machine-learning technical debt of the current notebook.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ICommandPalette, ILayoutRestorer, ILabShell, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    translator: ITranslator | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mldebt');
    app.commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open ML Debt Panel'),
      caption: trans.__(
        'Show the machine-learning technical debt of the current notebook'
      ),
      execute: () => undefined
    });
    if (palette) {
      palette.addItem({
        command: CommandIDs.openPanel,
        category: trans.__('ML Debt')
      });
    }
    console.log(`${PLUGIN_ID} activated`);
  }
};
