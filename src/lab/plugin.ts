/** The JupyterLab plugin: the ML Debt panel follows the current notebook. */
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { mldebtIcon } from './icon';
import { DebtPanel } from './panel';

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
  // Optional, so that the extension also loads in Notebook 7.
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
    const panel = new DebtPanel(trans);
    app.shell.add(panel, 'right', { rank: 600 });
    if (restorer) {
      restorer.add(panel, panel.id);
    }
    const follow = (): void => {
      const current = tracker.currentWidget;
      panel.setNotebook(current instanceof NotebookPanel ? current : null);
    };
    tracker.currentChanged.connect(follow);
    follow();

    app.commands.addCommand(CommandIDs.openPanel, {
      label: trans.__('Open ML Debt Panel'),
      caption: trans.__(
        'Show the machine-learning technical debt of the current notebook'
      ),
      icon: args => (args['isPalette'] ? undefined : mldebtIcon),
      execute: () => {
        app.shell.activateById(panel.id);
      }
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
