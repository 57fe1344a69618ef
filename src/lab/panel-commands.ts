/**
 * The ML Debt panel's commands: the selected finding's actions (context
 * menu, palette, shortcuts, detail-pane buttons) and the toolbar's toggles,
 * whose labels carry the counts.
 */
import { Clipboard } from '@jupyterlab/apputils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { IFinding, Severity } from '../core/types';
import { familyLabel, GroupBy, PanelModel } from './panel-model';

/** The panel's commands: in the context menu, the palette and the toolbar. */
export namespace PanelCommandIDs {
  export const applyFix = 'mldebt:apply-fix';
  export const declareInput = 'mldebt:declare-input';
  export const ignore = 'mldebt:ignore-finding';
  export const unignore = 'mldebt:unignore-finding';
  export const disableRule = 'mldebt:disable-rule';
  export const explain = 'mldebt:explain-rule';
  export const copy = 'mldebt:copy-finding';
  export const jump = 'mldebt:go-to-finding';
  export const toggleSeverity = 'mldebt:toggle-severity';
  export const toggleFamily = 'mldebt:toggle-family';
  export const groupBy = 'mldebt:cycle-group-by';
  export const undo = 'mldebt:undo-notebook-edit';
}

/** Commands on the selected finding, in context-menu order. */
export const FINDING_COMMANDS = [
  PanelCommandIDs.jump,
  PanelCommandIDs.applyFix,
  PanelCommandIDs.declareInput,
  PanelCommandIDs.ignore,
  PanelCommandIDs.unignore,
  PanelCommandIDs.disableRule,
  PanelCommandIDs.explain,
  PanelCommandIDs.copy
];

export const SEVERITY_ICON: Record<Severity, string> = {
  error: '\u26d4',
  warning: '\u26a0',
  info: '\u2139'
};

const SHORT_FAMILY: Record<string, string> = {
  'dead-code': 'Dead',
  'hardcoded-threshold': 'Thresholds',
  'undeclared-data': 'Data',
  reproducibility: 'Repro',
  analysis: 'Notes'
};

function shortFamily(family: string): string {
  return SHORT_FAMILY[family] ?? family;
}

/** What the commands need of the panel. */
export interface IPanelCommandHost {
  readonly trans: TranslationBundle;
  readonly commands: CommandRegistry;
  readonly model: PanelModel;
  /** The finding the commands act on. */
  readonly selected: IFinding | null;
  readonly currentNotebook: NotebookPanel | null;
  readonly canDisableRule: boolean;
  /** Re-draws after a toggle or grouping change. */
  refresh(): void;
  reveal(f: IFinding): void;
  fix(f: IFinding): void;
  declare(f: IFinding): void;
  ignore(f: IFinding): Promise<void>;
  unignore(f: IFinding): void;
  disableRule(rule: string): void;
  explain(rule: string): Promise<void>;
  findingText(f: IFinding): string;
  undo(): void;
}

/** Adds the panel's commands (once: a second panel reuses them). */
export function addPanelCommands(host: IPanelCommandHost): void {
  const trans = host.trans;
  const commands = host.commands;
  const selected = (): IFinding | null => host.selected;
  const add = (id: string, options: CommandRegistry.ICommandOptions): void => {
    if (!commands.hasCommand(id)) {
      commands.addCommand(id, options);
    }
  };
  const counts = () => host.model.counts();
  add(PanelCommandIDs.toggleSeverity, {
    label: args => {
      const s = args['severity'] as Severity;
      return `${SEVERITY_ICON[s] ?? ''} ${counts().severity[s] ?? 0}`;
    },
    caption: args => {
      const s = args['severity'] as Severity;
      const n = counts().severity[s] ?? 0;
      const name =
        s === 'error'
          ? trans._n('%1 error', '%1 errors', n)
          : s === 'warning'
            ? trans._n('%1 warning', '%1 warnings', n)
            : trans._n('%1 note', '%1 notes', n);
      return host.model.filter.hiddenSeverities.has(s)
        ? trans.__('%1 (hidden: click to show)', name)
        : trans.__('%1 (click to hide)', name);
    },
    className: args => `jp-MldebtToggle jp-MldebtToggle-${args['severity']}`,
    isToggleable: true,
    isToggled: args =>
      !host.model.filter.hiddenSeverities.has(args['severity'] as Severity),
    isVisible: args => {
      const s = args['severity'] as Severity;
      return (
        (counts().severity[s] ?? 0) > 0 ||
        host.model.filter.hiddenSeverities.has(s)
      );
    },
    execute: args => {
      host.model.toggleSeverity(args['severity'] as Severity);
      host.refresh();
    }
  });
  const familyCount = (family: string): number =>
    counts().family.find(([f]) => f === family)?.[1] ?? 0;
  add(PanelCommandIDs.toggleFamily, {
    label: args =>
      `${shortFamily(args['family'] as string)} ${familyCount(args['family'] as string)}`,
    caption: args => {
      const f = args['family'] as string;
      return host.model.filter.hiddenFamilies.has(f)
        ? trans.__(
            '%1: %2 (hidden: click to show)',
            familyLabel(f),
            familyCount(f)
          )
        : trans.__('%1: %2 (click to hide)', familyLabel(f), familyCount(f));
    },
    className: args => `jp-MldebtToggle jp-MldebtToggle-family`,
    isToggleable: true,
    isToggled: args =>
      !host.model.filter.hiddenFamilies.has(args['family'] as string),
    isVisible: args => {
      const f = args['family'] as string;
      return familyCount(f) > 0 || host.model.filter.hiddenFamilies.has(f);
    },
    execute: args => {
      host.model.toggleFamily(args['family'] as string);
      host.refresh();
    }
  });
  const groupLabels: Record<GroupBy, string> = {
    family: trans.__('By family'),
    cell: trans.__('By cell'),
    rule: trans.__('By rule')
  };
  add(PanelCommandIDs.groupBy, {
    label: () => groupLabels[host.model.groupBy],
    caption: trans.__('Group findings: by family, by cell or by rule'),
    className: 'jp-MldebtGroupBy',
    execute: args => {
      const order: GroupBy[] = ['family', 'cell', 'rule'];
      const wanted = args['groupBy'] as GroupBy | undefined;
      host.model.groupBy =
        wanted && order.includes(wanted)
          ? wanted
          : order[(order.indexOf(host.model.groupBy) + 1) % order.length];
      host.refresh();
    }
  });
  const active = (f: IFinding | null): f is IFinding => !!f && !f.suppressed;
  add(PanelCommandIDs.jump, {
    label: trans.__('Go to Finding'),
    caption: trans.__('Put the cursor on the selected finding\u2019s code'),
    isEnabled: () => !!selected(),
    execute: () => {
      const f = selected();
      if (f) {
        host.reveal(f);
      }
    }
  });
  add(PanelCommandIDs.applyFix, {
    label: trans.__('Apply Fix'),
    caption: trans.__('Apply the selected finding\u2019s fix (undoable)'),
    isEnabled: () => {
      const f = selected();
      return active(f) && !!f.fix;
    },
    execute: () => {
      const f = selected();
      if (active(f) && f.fix) {
        host.fix(f);
      }
    }
  });
  add(PanelCommandIDs.declareInput, {
    label: () =>
      selected()?.declare?.kind === 'output'
        ? trans.__('Declare Output')
        : trans.__('Declare Input'),
    caption: trans.__(
      'Add the source to the notebook\u2019s declared data (undoable)'
    ),
    isEnabled: () => {
      const f = selected();
      return active(f) && !!f.declare;
    },
    execute: () => {
      const f = selected();
      if (active(f) && f.declare) {
        host.declare(f);
      }
    }
  });
  add(PanelCommandIDs.ignore, {
    label: trans.__('Ignore Here\u2026'),
    caption: trans.__('Ignore this finding, with a reason kept in the cell'),
    isEnabled: () => active(selected()),
    isVisible: () => !selected()?.suppressed,
    execute: () => {
      const f = selected();
      return active(f) ? host.ignore(f) : undefined;
    }
  });
  add(PanelCommandIDs.unignore, {
    label: trans.__('Un-ignore'),
    isEnabled: () => !!selected()?.suppressed,
    isVisible: () => !!selected()?.suppressed,
    execute: () => {
      const f = selected();
      if (f?.suppressed) {
        host.unignore(f);
      }
    }
  });
  add(PanelCommandIDs.disableRule, {
    label: () =>
      selected()
        ? trans.__('Disable Rule %1', selected()!.rule)
        : trans.__('Disable Rule'),
    isEnabled: () => !!selected() && host.canDisableRule,
    execute: () => {
      const f = selected();
      if (f && host.canDisableRule) {
        host.disableRule(f.rule);
      }
    }
  });
  add(PanelCommandIDs.explain, {
    label: trans.__('Explain Rule'),
    caption: trans.__('Why the rule is debt, with examples'),
    isEnabled: () => !!selected(),
    execute: () => {
      const f = selected();
      return f ? host.explain(f.rule) : undefined;
    }
  });
  add(PanelCommandIDs.undo, {
    label: trans.__('Undo Notebook Edit'),
    caption: trans.__(
      'Undo the notebook\u2019s last edit (a fix just applied), as Z does in command mode'
    ),
    isEnabled: () => !!host.currentNotebook,
    execute: () => host.undo()
  });
  add(PanelCommandIDs.copy, {
    label: trans.__('Copy Finding'),
    caption: trans.__('Copy the finding as one line of text'),
    isEnabled: () => !!selected(),
    execute: () => {
      const f = selected();
      if (f) {
        Clipboard.copyToSystem(host.findingText(f));
      }
    }
  });
}
