/** The JupyterLab plugin: the ML Debt panel follows the current notebook. */
import { DependencyLookup } from './dependencies';
import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { IStatusBar } from '@jupyterlab/statusbar';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ISignal } from '@lumino/signaling';
import { IFormRendererRegistry } from '@jupyterlab/ui-components';
import { RulesField, TextListField } from './settings-form';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { normaliseConfig } from '../core/config';
import { RULES } from '../rules';
import { mldebtIcon } from './icon';
import { DebtStatus } from './status';
import { DebtPanel, FINDING_COMMANDS, PanelCommandIDs } from './panel';
import { Analyser } from './analyser';
import { startAnalysisWorker } from './worker-factory';
import { reviewSettings } from './export-review';
import { IMldebt } from './tokens';
import { disableRule } from './settings-edit';

export const PLUGIN_ID = 'jupyterlab-mldebt:plugin';

export namespace CommandIDs {
  export const openPanel = 'mldebt:open-panel';
}

export const mldebtPlugin: JupyterFrontEndPlugin<IMldebt> = {
  id: PLUGIN_ID,
  provides: IMldebt,
  description:
    'Shows the machine-learning technical debt of the current notebook.',
  autoStart: true,
  requires: [INotebookTracker],
  // Optional, so that the extension also loads in Notebook 7.
  optional: [
    ICommandPalette,
    ILayoutRestorer,
    ILabShell,
    ITranslator,
    ISettingRegistry,
    IStatusBar,
    IFormRendererRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    labShell: ILabShell | null,
    translator: ITranslator | null,
    settingRegistry: ISettingRegistry | null,
    statusBar: IStatusBar | null,
    formRegistry: IFormRendererRegistry | null
  ): IMldebt => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mldebt');
    let settings: ISettingRegistry.ISettings | null = null;
    const status = new DebtStatus(trans, () =>
      app.shell.activateById('mldebt-panel')
    );
    // Dependency files arrive after the first analysis: re-analyse then.
    const contents = app.serviceManager?.contents ?? null;
    const dependencies = new DependencyLookup(contents, () => panel.analyse());
    contents?.fileChanged?.connect((_, change) => {
      dependencies.invalidate(change.newValue?.path ?? change.oldValue?.path);
    });
    const openSettings = () =>
      app.commands.execute('settingeditor:open', { query: 'ML Debt' });
    const panel = new DebtPanel({
      trans,
      dependencies,
      commands: app.commands,
      analyser: new Analyser({ startWorker: startAnalysisWorker }),
      exportReport: () => void app.commands.execute('mldebt:export-report'),
      openSettings: () => void openSettings(),
      analysed: (findings, hasNotebook) =>
        status.setCounts(findings, hasNotebook),
      outOfDate: () => status.setOutOfDate(),
      disableRule: settingRegistry
        ? (rule: string) => {
            if (settings) {
              void disableRule(settings, rule, trans, openSettings);
            }
          }
        : undefined
    });
    app.shell.add(panel, 'right', { rank: 600 });
    if (formRegistry) {
      // Lists as one text box each in the Settings Editor.
      formRegistry.addRenderer(`${PLUGIN_ID}.rules`, {
        fieldRenderer: RulesField
      });
      for (const key of ['declaredInputs', 'declaredOutputs']) {
        formRegistry.addRenderer(`${PLUGIN_ID}.${key}`, {
          fieldRenderer: TextListField
        });
      }
    }
    if (restorer) {
      restorer.add(panel, panel.id);
    }
    const follow = (): void => {
      const current = tracker.currentWidget;
      panel.setNotebook(current instanceof NotebookPanel ? current : null);
    };
    tracker.currentChanged.connect(follow);
    follow();

    if (settingRegistry) {
      let side: string | null = null;
      const apply = (settings: ISettingRegistry.ISettings): void => {
        try {
          // Unknown keys are ignored: the extension never crashes on settings.
          const c = settings.composite;
          panel.setConfig(normaliseConfig(c, RULES, false), {
            showSuppressed: c.showSuppressed === true,
            inlineMarks: c.inlineMarks !== false,
            analyseOnType: c.analyseOnType !== false
          });
        } catch (e) {
          console.warn(
            `${PLUGIN_ID}: settings ignored: ${(e as Error).message}`
          );
        }
        const wanted =
          settings.composite.panelSide === 'left' ? 'left' : 'right';
        if (side !== null && side !== wanted) {
          app.shell.add(panel, wanted, { rank: 600 });
        }
        side = wanted;
      };
      void settingRegistry
        .load(PLUGIN_ID)
        .then(loaded => {
          settings = loaded;
          apply(loaded);
          loaded.changed.connect(apply);
        })
        .catch(reason =>
          console.warn(`${PLUGIN_ID}: could not load settings: ${reason}`)
        );
    }

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
    if (statusBar) {
      // Shown on notebook tabs only: on a console, a file or the settings the
      // last notebook's counts would read as the current tab's.
      const shell = app.shell as JupyterFrontEnd.IShell & {
        currentChanged?: ISignal<unknown, any>;
      };
      statusBar.registerStatusItem('mldebt-status', {
        item: status,
        align: 'right',
        rank: 4,
        isActive: () =>
          !shell.currentChanged || shell.currentWidget instanceof NotebookPanel,
        activeStateChanged: shell.currentChanged as ISignal<any, void>
      });
    }
    // The selected finding's actions: a right-click on a row, shortcuts in
    // the list, and the command palette.
    FINDING_COMMANDS.forEach((command, rank) =>
      app.contextMenu.addItem({
        command,
        selector: '.jp-MldebtPanel .jp-MldebtRow',
        rank: 10 + rank
      })
    );
    for (const [command, key] of [
      [PanelCommandIDs.applyFix, 'F'],
      [PanelCommandIDs.declareInput, 'D'],
      [PanelCommandIDs.ignore, 'I'],
      [PanelCommandIDs.explain, 'E'],
      [PanelCommandIDs.copy, 'Accel C'],
      [PanelCommandIDs.undo, 'Z']
    ]) {
      app.commands.addKeyBinding({
        command,
        keys: [key],
        selector: '.jp-MldebtPanel .jp-MldebtList'
      });
    }
    if (palette) {
      for (const command of [CommandIDs.openPanel, ...FINDING_COMMANDS]) {
        palette.addItem({ command, category: trans.__('ML Debt') });
      }
    }
    console.log(`${PLUGIN_ID} activated`);
    return {
      resultFor: notebook => panel.resultFor(notebook),
      reviewSettings: () => reviewSettings(settings?.composite ?? {}),
      openPanel: () => app.shell.activateById(panel.id)
    };
  }
};
