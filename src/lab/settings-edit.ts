/**
 * "Disable rule" from the panel: writes the one key it changes into the
 * user's settings (never the defaults of every rule, so later default
 * changes still reach the user), and offers Undo.
 */
import { Notification } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';

type RulesValue = Record<string, Record<string, unknown>>;

/**
 * The user's `rules` value with one rule turned off: the user's own entries
 * as they were, plus `enabled: false` for that rule.
 */
export function rulesWithDisabled(user: unknown, rule: string): RulesValue {
  const own =
    user && typeof user === 'object' && !Array.isArray(user)
      ? (user as RulesValue)
      : {};
  const entry =
    own[rule] && typeof own[rule] === 'object' && !Array.isArray(own[rule])
      ? own[rule]
      : {};
  return { ...own, [rule]: { ...entry, enabled: false } };
}

export async function disableRule(
  settings: ISettingRegistry.ISettings,
  rule: string,
  trans: TranslationBundle,
  openSettings: () => unknown
): Promise<void> {
  const previous = settings.user.rules;
  try {
    await settings.set('rules', rulesWithDisabled(previous, rule) as any);
  } catch (reason) {
    Notification.error(trans.__('Could not disable %1: %2', rule, reason));
    return;
  }
  const undo = (): void => {
    const restore =
      previous === undefined
        ? settings.remove('rules')
        : settings.set('rules', previous as any);
    void restore.catch(reason =>
      Notification.error(trans.__('Could not undo: %1', reason))
    );
  };
  Notification.info(
    trans.__('Rule %1 is off (Settings \u203a ML Debt).', rule),
    {
      autoClose: 8000,
      actions: [
        { label: trans.__('Undo'), callback: undo },
        {
          label: trans.__('Open settings'),
          callback: () => void openSettings()
        }
      ]
    }
  );
}
